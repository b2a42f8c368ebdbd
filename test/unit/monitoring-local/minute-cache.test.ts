import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, bucketize, sliceBuckets } from '../../../main/monitoring/local/buckets';
import { WINDOW_MS } from '../../../main/monitoring/local/minute-cache';
import { openLocal, type LocalFixture } from './fixture';

const T0 = Date.UTC(2026, 10, 20, 0, 0, 0);

/** Minute buckets as one pass over every raw sample computes them (what the store did before its cache). */
function onePass(fx: LocalFixture, id: number, from: number, to: number) {
  const lo = Math.floor(from / MINUTE) * MINUTE;
  const raw = fx.part.store.raw(id, lo, to + MINUTE - 1);
  return sliceBuckets(bucketize(raw.ts, raw.vs, MINUTE, false), lo, to + 1);
}

const series = fc.record({
  startSec: fc.integer({ min: 0, max: 12 * 3600 }),
  steps: fc.array(
    fc.tuple(
      // mostly seconds apart (buckets cut by chunk and window edges), sometimes long gaps
      fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 60, max: 4 * 3600 })),
      fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer(), fc.constant(NaN)),
    ),
    { minLength: 150, maxLength: 1500, size: 'max' },
  ),
  batches: fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }),
  queries: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), {
    minLength: 1,
    maxLength: 4,
  }),
});

describe('minute buckets read through the cache equal one pass over the raw samples, to the bit', () => {
  let fx: LocalFixture;
  let run = 0;
  beforeAll(() => {
    fx = openLocal();
  });
  afterAll(async () => {
    await fx.dispose();
  });

  it('after every batch appended, for ranges anywhere, and after a reload', async () => {
    await fc.assert(
      fc.asyncProperty(series, async ({ startSec, steps, batches, queries }) => {
        const labels = { __name__: `c${run++}` };
        let t = T0 + startSec * 1000;
        const samples = steps.map(([dt, v]) => ({ labels, t: (t += dt * 1000), v }));
        const first = samples[0].t;
        const check = () => {
          const id = fx.part.store.index.select([{ name: '__name__', op: '=', value: labels.__name__ }])[0].id;
          const last = samples[samples.length - 1].t;
          for (const [a, b] of queries) {
            const from = Math.round(first - WINDOW_MS + a * (last - first + 2 * WINDOW_MS));
            const to = Math.round(from + b * (last + WINDOW_MS - from));
            // Twice: the second read is answered from the cache.
            for (let k = 0; k < 2; k++)
              expect(fx.part.store.buckets(id, MINUTE, from, to)).toEqual(onePass(fx, id, from, to));
          }
        };
        for (let i = 0, b = 0; i < samples.length; b++) {
          const n = batches[b % batches.length];
          fx.part.sink.append(samples.slice(i, i + n));
          i += n;
          check(); // new chunks land in windows already cached: they must be made again
        }
        fx.part.store.sealIdle(Infinity);
        check();
        fx.part.store.reload();
        check();
      }),
      { numRuns: 40 },
    );
  });
});
