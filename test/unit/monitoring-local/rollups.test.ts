import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../../main/monitoring/local/buckets';
import { roundValue } from '../../../main/monitoring/local/precision';
import { openLocal, type LocalFixture } from './fixture';

const T0 = Date.UTC(2026, 10, 20, 0, 0, 0);

interface Naive {
  count: number;
  min: number;
  max: number;
  sum: number;
}

/** The obvious reference: every sample in [from, to), filtered and reduced. */
function naive(ts: number[], vs: number[], from: number, to: number): Naive | null {
  const xs = vs.filter((v, i) => ts[i] >= from && ts[i] < to && !Number.isNaN(v));
  if (xs.length === 0) return null;
  return { count: xs.length, min: Math.min(...xs), max: Math.max(...xs), sum: xs.reduce((a, b) => a + b, 0) };
}

const samples = fc
  .tuple(
    fc.integer({ min: 0, max: 3 * 3600 }),
    fc.array(
      fc.tuple(
        fc.integer({ min: 1, max: 200 }),
        fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer(), fc.constant(NaN)),
      ),
      {
        minLength: 1,
        maxLength: 700,
      },
    ),
    fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }),
    fc.boolean(),
  )
  .map(([startSec, steps, batches, seal]) => {
    let t = T0 + startSec * 1000;
    const ts: number[] = [];
    const vs: number[] = [];
    for (const [dtSec, v] of steps) {
      t += dtSec * 1000;
      ts.push(t);
      vs.push(v);
    }
    return { ts, vs, batches, seal };
  });

describe('rollups equal a naive computation over the same samples', () => {
  let fx: LocalFixture;
  let run = 0;
  beforeAll(() => {
    fx = openLocal();
  });
  afterAll(async () => {
    await fx.dispose();
  });

  it('per bucket (min, max, sum, count) at 1 minute and 1 hour, before and after sealing', async () => {
    await fc.assert(
      fc.asyncProperty(samples, async ({ ts, vs, batches, seal }) => {
        const name = `m${run++}`;
        const labels = { __name__: name };
        // Appended in a few batches of varying size, as scrapes come.
        for (let i = 0, b = 0; i < ts.length; b++) {
          const n = batches[b % batches.length];
          fx.part.sink.append(ts.slice(i, i + n).map((t, j) => ({ labels, t, v: vs[i + j] })));
          i += n;
        }
        if (seal) fx.part.store.sealIdle(Infinity); // heads become chunks, pending buckets blocks
        const kept = vs.map((v) => (Number.isNaN(v) ? NaN : roundValue(v)));
        const ref = fx.part.store.index.select([{ name: '__name__', op: '=', value: name }])[0];
        for (const res of [MINUTE, HOUR]) {
          const from = Math.floor(ts[0] / res) * res;
          const got = fx.part.store.buckets(ref.id, res, from, ts[ts.length - 1]);
          const want: (Naive & { t: number })[] = [];
          for (let b = from; b <= ts[ts.length - 1]; b += res) {
            const n = naive(ts, kept, b, b + res);
            if (n) want.push({ t: b, ...n });
          }
          expect(got.t).toEqual(want.map((w) => w.t));
          expect(got.count).toEqual(want.map((w) => w.count));
          expect(got.min).toEqual(want.map((w) => w.min));
          expect(got.max).toEqual(want.map((w) => w.max));
          got.sum.forEach((s, i) => expect(s).toBeCloseTo(want[i].sum, 6));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('through the engine: avg/min/max_over_time on 1-hour and 1-minute rollups', async () => {
    await fc.assert(
      fc.asyncProperty(samples, async ({ ts, vs }) => {
        const name = `e${run++}`;
        fx.part.sink.append(ts.map((t, i) => ({ labels: { __name__: name }, t, v: vs[i] })));
        const kept = vs.map((v) => (Number.isNaN(v) ? NaN : roundValue(v)));
        for (const [res, range] of [
          [HOUR, '1h'],
          [5 * MINUTE, '5m'],
        ] as const) {
          const start = Math.ceil(ts[0] / res) * res;
          const end = Math.ceil(ts[ts.length - 1] / res) * res + res;
          for (const fn of ['avg', 'min', 'max'] as const) {
            const r = await fx.part.engine.range(`${fn}_over_time(${name}[${range}])`, start, end, res);
            expect(r.warnings.join(' ')).toMatch(/rollups/);
            const got = r.series[0]?.v ?? new Float64Array(0);
            for (let i = 0; i * res + start <= end; i++) {
              const T = start + i * res;
              // The buckets ending within (T − range, T]: the samples in [T − range, T).
              const n = naive(ts, kept, T - res, T);
              const want = n === null ? NaN : fn === 'avg' ? n.sum / n.count : n[fn];
              if (Number.isNaN(want)) expect(got[i] ?? NaN).toBeNaN();
              else expect(got[i]).toBeCloseTo(want, 6);
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
