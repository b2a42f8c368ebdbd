import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lttb, lttbIndices } from '../../../main/monitoring/downsample/lttb';
import { toSeries, type Series } from '../../../main/monitoring/downsample/series';
import { OpsError } from '../../../shared/api/errors';

const seriesArb = fc
  .array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { freq: 10 }), { maxLength: 800 })
  .map((vals): Series => toSeries({ t: vals.map((_, i) => i * 1000), v: vals }));

describe('lttb', () => {
  it('returns exactly the target, ascending, with first and last kept', () => {
    fc.assert(
      fc.property(seriesArb, fc.integer({ min: 2, max: 300 }), (s, target) => {
        const idx = lttbIndices(s, target);
        const n = s.t.length;
        expect(idx.length).toBe(Math.min(n, target));
        for (let k = 1; k < idx.length; k++) expect(idx[k]).toBeGreaterThan(idx[k - 1]);
        if (n > 0) {
          expect(idx[0]).toBe(0);
          expect(idx[idx.length - 1]).toBe(n - 1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is the identity when input is small', () => {
    const s = toSeries([
      [1, 1],
      [2, null],
      [3, 3],
    ]);
    const out = lttb(s, 10);
    expect(Array.from(out.t)).toEqual([1, 2, 3]);
  });

  it('picks the spike (largest triangle) over flat neighbours', () => {
    const v = Array.from({ length: 101 }, (_, i) => (i === 50 ? 100 : 0));
    const idx = lttbIndices(toSeries({ t: v.map((_, i) => i), v }), 3);
    expect(Array.from(idx)).toEqual([0, 50, 100]);
  });

  it('rejects a target below 2', () => {
    expect(() => lttbIndices(toSeries([[0, 1]]), 1)).toThrow(OpsError);
  });
});
