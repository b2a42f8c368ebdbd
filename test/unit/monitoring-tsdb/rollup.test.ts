import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { rateOf, rollup } from '../../../main/monitoring/tsdb/rollup';

/** The obvious reference: for each bucket start that has data, filter and reduce. */
function naiveRollup(ts: number[], vs: number[], bucketMs: number) {
  const starts = [
    ...new Set(ts.map((t, i) => (Number.isNaN(vs[i]) ? NaN : t - (((t % bucketMs) + bucketMs) % bucketMs)))),
  ]
    .filter((s) => !Number.isNaN(s))
    .sort((a, b) => a - b);
  const inBucket = (s: number) => vs.filter((v, i) => !Number.isNaN(v) && ts[i] >= s && ts[i] < s + bucketMs);
  return {
    t: starts,
    min: starts.map((s) => Math.min(...inBucket(s))),
    max: starts.map((s) => Math.max(...inBucket(s))),
    avg: starts.map((s) => inBucket(s).reduce((a, b) => a + b, 0) / inBucket(s).length),
    count: starts.map((s) => inBucket(s).length),
  };
}

const series = fc
  .array(
    fc.tuple(
      fc.integer({ min: -1e7, max: 1e7 }),
      fc.oneof(fc.constant(NaN), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
    ),
    { maxLength: 200 },
  )
  .map((pairs) => {
    const sorted = [...new Map(pairs).entries()].sort((a, b) => a[0] - b[0]);
    return { ts: sorted.map((p) => p[0]), vs: sorted.map((p) => p[1]) };
  });

describe('rollup', () => {
  it('matches the naive reference, with epoch-aligned buckets', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 1, max: 5_000_000 }), ({ ts, vs }, bucketMs) => {
        const got = rollup(ts, vs, bucketMs);
        const want = naiveRollup(ts, vs, bucketMs);
        expect(got.t).toEqual(want.t);
        expect(got.min).toEqual(want.min);
        expect(got.max).toEqual(want.max);
        expect(got.count).toEqual(want.count);
        got.avg.forEach((a, i) => expect(a).toBeCloseTo(want.avg[i], 6));
        for (const t of got.t) expect(Math.abs(t % bucketMs)).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('computes a worked example', () => {
    const r = rollup([59_000, 60_000, 61_000, 185_000], [1, 4, NaN, 7], 60_000);
    expect(r).toEqual({ t: [0, 60_000, 180_000], min: [1, 4, 7], max: [1, 4, 7], avg: [1, 4, 7], count: [1, 1, 1] });
    expect(rollup([1, 2], [NaN, NaN], 10).t).toEqual([]);
  });

  it('rejects a bad bucket or mismatched lengths', () => {
    expect(() => rollup([1], [1], 0)).toThrow(OpsError);
    expect(() => rollup([1], [1], 1.5)).toThrow(OpsError);
    expect(() => rollup([1], [], 10)).toThrow(OpsError);
  });
});

function naiveRate(ts: number[], vs: number[]) {
  const keep = ts.map((t, i) => [t, vs[i]]).filter(([, v]) => !Number.isNaN(v));
  const t: number[] = [];
  const rate: number[] = [];
  for (let i = 1; i < keep.length; i++) {
    const [t0, v0] = keep[i - 1];
    const [t1, v1] = keep[i];
    if (t1 <= t0) continue;
    t.push(t1);
    rate.push((v1 < v0 ? v1 : v1 - v0) / ((t1 - t0) / 1000));
  }
  return { t, rate };
}

describe('rateOf', () => {
  it('matches the naive reference and is never negative for counters', () => {
    const counter = fc
      .array(fc.tuple(fc.integer({ min: 1, max: 60_000 }), fc.nat(1e6), fc.boolean(), fc.boolean()), {
        maxLength: 200,
      })
      .map((steps) => {
        let t = 1_700_000_000_000;
        let v = 0;
        const ts: number[] = [];
        const vs: number[] = [];
        for (const [dt, inc, reset, gap] of steps) {
          t += dt;
          v = reset ? inc : v + inc;
          ts.push(t);
          vs.push(gap ? NaN : v);
        }
        return { ts, vs };
      });
    fc.assert(
      fc.property(counter, ({ ts, vs }) => {
        const got = rateOf(ts, vs);
        expect(got).toEqual(naiveRate(ts, vs));
        for (const r of got.rate) expect(r).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('treats a drop as a restart from zero', () => {
    expect(rateOf([0, 10_000, 20_000], [100, 200, 50])).toEqual({ t: [10_000, 20_000], rate: [10, 5] });
  });
});
