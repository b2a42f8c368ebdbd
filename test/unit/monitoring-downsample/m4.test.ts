import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { m4, m4Indices } from '../../../main/monitoring/downsample/m4';
import { isGap, toSeries, type Series } from '../../../main/monitoring/downsample/series';
import { OpsError } from '../../../shared/api/errors';

/** Sorted times with duplicates and values with NaN/Inf gaps. */
const seriesArb = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 5 }),
      fc.oneof(
        { weight: 8, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
        { weight: 1, arbitrary: fc.constant(NaN) },
        { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity) },
      ),
    ),
    { minLength: 0, maxLength: 600 },
  )
  .map((rows): Series => {
    let t = 1_700_000_000_000;
    const times: number[] = [];
    const values: number[] = [];
    for (const [dt, v] of rows) {
      t += dt * 250;
      times.push(t);
      values.push(v);
    }
    return toSeries({ t: times, v: values });
  });

// Small widths so most generated series are larger than 4 × width and really get reduced.
const widthArb = fc.integer({ min: 1, max: 20 });

/** The reference bucket rule, restated independently of m4.ts. */
function bucketsOf(s: Series, width: number): number[][] {
  const n = s.t.length;
  const start = s.t[0];
  const span = s.t[n - 1] - start;
  const buckets: number[][] = Array.from({ length: width }, () => []);
  for (let i = 0; i < n; i++) {
    const b = span > 0 ? Math.min(width - 1, Math.floor(((s.t[i] - start) * width) / span)) : 0;
    buckets[b].push(i);
  }
  return buckets;
}

describe('m4', () => {
  it('keeps every bucket min and max, in time order, within 4 × width', () => {
    fc.assert(
      fc.property(seriesArb, widthArb, (s, width) => {
        const idx = m4Indices(s, { width });
        expect(idx.length).toBeLessThanOrEqual(Math.max(4 * width, 0));
        for (let k = 1; k < idx.length; k++) expect(idx[k]).toBeGreaterThan(idx[k - 1]);
        if (s.t.length === 0) return;
        const kept = new Set(idx);
        for (const bucket of bucketsOf(s, width)) {
          const real = bucket.filter((i) => !isGap(s.v[i]));
          if (real.length === 0) continue;
          const min = Math.min(...real.map((i) => s.v[i]));
          const max = Math.max(...real.map((i) => s.v[i]));
          expect(real.some((i) => kept.has(i) && s.v[i] === min)).toBe(true);
          expect(real.some((i) => kept.has(i) && s.v[i] === max)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the first and last samples', () => {
    fc.assert(
      fc.property(seriesArb, widthArb, (s, width) => {
        fc.pre(s.t.length > 0);
        const idx = m4Indices(s, { width });
        expect(idx[0]).toBe(0);
        expect(idx[idx.length - 1]).toBe(s.t.length - 1);
      }),
      { numRuns: 1000 },
    );
  });

  it('never joins values across a gap (a marker sits between them)', () => {
    fc.assert(
      fc.property(seriesArb, widthArb, (s, width) => {
        const idx = m4Indices(s, { width });
        for (let k = 1; k < idx.length; k++) {
          const a = idx[k - 1];
          const b = idx[k];
          if (isGap(s.v[a]) || isGap(s.v[b])) continue;
          for (let j = a + 1; j < b; j++) {
            // a gap between two kept values must share their pixel column
            if (isGap(s.v[j])) expect(bucketsOf(s, width).some((bk) => bk.includes(a) && bk.includes(b))).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('is the identity when the series already fits', () => {
    fc.assert(
      fc.property(seriesArb, widthArb, (s, width) => {
        fc.pre(s.t.length <= 4 * width);
        const out = m4(s, { width });
        expect(Array.from(out.t)).toEqual(Array.from(s.t));
        expect(Array.from(out.v)).toEqual(Array.from(s.v));
      }),
      { numRuns: 500 },
    );
  });

  it('turns an all-gap column into one gap marker so the line breaks', () => {
    const t = Array.from({ length: 40 }, (_, i) => i * 1000);
    const v = t.map((_, i) => (i >= 10 && i < 30 ? null : i));
    const out = m4(toSeries({ t, v }), { width: 4 });
    const gaps = Array.from(out.v).filter((x) => Number.isNaN(x));
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    // no two gap markers in a row
    for (let k = 1; k < out.v.length; k++) {
      expect(Number.isNaN(out.v[k]) && Number.isNaN(out.v[k - 1])).toBe(false);
    }
  });

  it('downsamples a million samples to ≤ 4 × width quickly', () => {
    const n = 1_000_000;
    const t = new Float64Array(n);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      t[i] = i * 15_000;
      v[i] = Math.sin(i / 1000) + (i % 7919 === 0 ? 10 : 0);
    }
    const started = performance.now();
    const out = m4({ t, v }, { width: 1200 });
    expect(performance.now() - started).toBeLessThan(500);
    expect(out.t.length).toBeLessThanOrEqual(4800);
    expect(out.v.reduce((a, b) => Math.max(a, b), -Infinity)).toBe(v.reduce((a, b) => Math.max(a, b), -Infinity));
  });

  it('rejects bad input with OpsError', () => {
    expect(() => m4Indices(toSeries([[0, 1]]), { width: 0 })).toThrow(OpsError);
    expect(() => m4Indices(toSeries([[0, 1]]), { width: 1.5 })).toThrow(OpsError);
    expect(() =>
      toSeries([
        [2, 1],
        [1, 1],
      ]),
    ).toThrow(/back in time/);
    expect(() => toSeries({ t: [1, 2], v: [1] })).toThrow(OpsError);
    expect(() => toSeries([[NaN, 1]])).toThrow(OpsError);
  });

  it('aligns columns to an explicit chart range', () => {
    const s = toSeries(Array.from({ length: 100 }, (_, i) => [i, i % 2 === 0 ? i : -i] as [number, number]));
    // the whole series sits in the first of 10 columns spanning 0..1000
    const idx = m4Indices(s, { width: 10, startMs: 0, endMs: 1000 });
    expect(idx.length).toBeLessThanOrEqual(4);
    expect(Array.from(idx)).toContain(98); // max
    expect(Array.from(idx)).toContain(99); // min (-99) and last
  });
});
