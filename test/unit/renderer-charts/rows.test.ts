import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillKey, mergeSeries, seriesKey, type ChartSeriesIn } from '../../../renderer/views/charts/rows';

const s = (t: number[], v: (number | null)[]): ChartSeriesIn => ({ t, v });

describe('mergeSeries: exact rows', () => {
  it('gives one row per timestamp with index-based keys', () => {
    const { rows, keys, reduced } = mergeSeries([s([0, 10, 20], [1, 2, 3]), s([0, 10, 20], [5, null, 7])], {
      widthPx: 100,
      fromMs: 0,
      toMs: 20,
    });
    expect(reduced).toBe(false);
    expect(keys).toEqual(['s0', 's1']);
    expect(rows).toEqual([
      { t: 0, s0: 1, s1: 5 },
      { t: 10, s0: 2, s1: null },
      { t: 20, s0: 3, s1: 7 },
    ]);
  });

  it('fills a series between its own samples at another series’ times, flagged, and nowhere else', () => {
    const { rows } = mergeSeries([s([0, 10, 20, 30], [0, 10, 20, 30]), s([10, 30], [100, 200])], {
      widthPx: 100,
      fromMs: 0,
      toMs: 30,
    });
    // Before its first sample: no line (null), not a fill.
    expect(rows[0].s1).toBeNull();
    expect(rows[1].s1).toBe(100);
    expect(rows[2].s1).toBe(150);
    expect(rows[2][fillKey(1)]).toBe(true);
    expect(rows[1][fillKey(1)]).toBeUndefined();
    expect(rows[3].s1).toBe(200);
  });

  it('never fills across a gap: a null stays a break in the line', () => {
    const { rows } = mergeSeries([s([0, 5, 10, 15, 20], [1, 1, 1, 1, 1]), s([0, 10, 20], [1, null, 3])], {
      widthPx: 100,
      fromMs: 0,
      toMs: 20,
    });
    expect(rows.map((r) => r.s1)).toEqual([1, null, null, null, 3]);
  });

  it('treats NaN and ±Infinity from a series as gaps', () => {
    const { rows } = mergeSeries([s([0, 1, 2], [NaN, Infinity, 4])], { widthPx: 100, fromMs: 0, toMs: 2 });
    expect(rows.map((r) => r.s0)).toEqual([null, null, 4]);
  });

  it('handles no series and empty series', () => {
    expect(mergeSeries([], { widthPx: 100, fromMs: 0, toMs: 1 }).rows).toEqual([]);
    const { rows, keys } = mergeSeries([s([], []), s([1], [2])], { widthPx: 100, fromMs: 0, toMs: 2 });
    expect(keys).toEqual(['s0', 's1']);
    expect(rows).toEqual([{ t: 1, s0: null, s1: 2 }]);
  });
});

/** Random series over [0, span): sorted distinct times, values with some gaps. */
const seriesArb = (span: number) =>
  fc.uniqueArray(fc.integer({ min: 0, max: span - 1 }), { minLength: 0, maxLength: 3000 }).chain((ts) => {
    const t = [...ts].sort((a, b) => a - b);
    return fc
      .array(
        fc.oneof(
          { weight: 9, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
        {
          minLength: t.length,
          maxLength: t.length,
        },
      )
      .map((v) => s(t, v));
  });

describe('mergeSeries: never more than ~2 points per pixel column', () => {
  const span = 100_000;

  it('keeps rows ≤ 2 × width, in time order, whatever the series', () => {
    fc.assert(
      fc.property(
        fc.array(seriesArb(span), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 800 }),
        (series, width) => {
          const { rows, keys } = mergeSeries(series, { widthPx: width, fromMs: 0, toMs: span });
          expect(rows.length).toBeLessThanOrEqual(2 * width);
          for (let i = 1; i < rows.length; i++) expect(rows[i].t).toBeGreaterThan(rows[i - 1].t);
          expect(keys).toEqual(series.map((_, i) => seriesKey(i)));
          for (const r of rows) for (const k of keys) expect(r[k] === null || Number.isFinite(r[k])).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps each column’s min and max of a series that has no gap in that column', () => {
    fc.assert(
      fc.property(seriesArb(span), fc.integer({ min: 1, max: 300 }), (one, width) => {
        const { rows, reduced } = mergeSeries([one], { widthPx: width, fromMs: 0, toMs: span });
        if (!reduced) return;
        // One bucket per pixel column, two rows each (¼ and ¾ across).
        const buckets = width;
        const bw = span / buckets;
        const byBucket = new Map<number, { vals: number[]; gap: boolean }>();
        one.t.forEach((t, i) => {
          const c = Math.min(buckets - 1, Math.floor(t / bw));
          const b = byBucket.get(c) ?? { vals: [], gap: false };
          if (one.v[i] === null) b.gap = true;
          else b.vals.push(one.v[i] as number);
          byBucket.set(c, b);
        });
        for (const [c, b] of byBucket) {
          if (b.gap || b.vals.length === 0) continue;
          const drawn = rows.filter((r) => Math.floor(r.t / bw) === c).map((r) => r.s0);
          expect(drawn).toContain(Math.min(...b.vals));
          expect(drawn).toContain(Math.max(...b.vals));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('still breaks the line at a gap that spans a whole column', () => {
    // 10,000 samples over 100 s, a gap of 5 s in the middle, drawn over 200 px (0.5 s per px).
    const t: number[] = [];
    const v: (number | null)[] = [];
    for (let i = 0; i < 10_000; i++) {
      t.push(i * 10);
      v.push(i >= 5000 && i < 5500 ? null : Math.sin(i / 50));
    }
    const { rows, reduced } = mergeSeries([s(t, v)], { widthPx: 200, fromMs: 0, toMs: 100_000 });
    expect(reduced).toBe(true);
    expect(rows.length).toBeLessThanOrEqual(400);
    const inGap = rows.filter((r) => r.t > 50_000 && r.t < 55_000);
    expect(inGap.length).toBeGreaterThan(0);
    expect(inGap.every((r) => r.s0 === null)).toBe(true);
    const outside = rows.filter((r) => r.t < 49_900 || r.t > 55_100);
    expect(outside.every((r) => typeof r.s0 === 'number')).toBe(true);
  });

  it('reduces a million samples to at most two rows per column', () => {
    const n = 1_000_000;
    const t = new Array<number>(n);
    const v = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      t[i] = i;
      v[i] = i % 1000;
    }
    const { rows } = mergeSeries([s(t, v)], { widthPx: 1000, fromMs: 0, toMs: n });
    expect(rows.length).toBe(2000);
    // Every 1,000-sample column holds a full 0..999 ramp: its min and max are drawn.
    expect(rows[0].s0).toBe(0);
    expect(rows[1].s0).toBe(999);
  });

  it('fills a sparse series across the columns where only a dense one has samples', () => {
    const dense = s(
      Array.from({ length: 4000 }, (_, i) => i * 25),
      Array.from({ length: 4000 }, () => 1),
    );
    const sparse = s([0, 50_000, 99_975], [0, 100, 0]);
    const { rows, reduced } = mergeSeries([dense, sparse], { widthPx: 100, fromMs: 0, toMs: 100_000 });
    expect(reduced).toBe(true);
    // The sparse series' own samples, moved to their columns' shared times (under a pixel away).
    const own = rows.filter((r) => r.s1 !== null && r[fillKey(1)] !== true);
    expect(own.map((r) => r.s1)).toEqual([0, 0, 100, 100, 0, 0]);
    const [a, b] = [own[1], own[2]];
    expect(a.t).toBeLessThan(1000);
    expect(Math.abs(b.t - 50_000)).toBeLessThan(1000);
    // Between them: on the straight segment, flagged as filled, never null.
    const between = rows.filter((r) => r.t > a.t && r.t < b.t);
    expect(between.length).toBeGreaterThan(50);
    for (const r of between) {
      expect(r.s1).toBeCloseTo(((r.t - a.t) / (b.t - a.t)) * 100, 6);
      expect(r[fillKey(1)]).toBe(true);
    }
  });

  it('buckets over the data’s own extent when the range is unusable', () => {
    const t = Array.from({ length: 5000 }, (_, i) => i);
    const { rows } = mergeSeries([s(t, t)], { widthPx: 100, fromMs: 5, toMs: 5 });
    expect(rows.length).toBeLessThanOrEqual(200);
    expect(rows.length).toBeGreaterThan(100);
  });
});

describe('mergeSeries: the guard’s setting', () => {
  const t = Array.from({ length: 3000 }, (_, i) => i);
  it('defaults to two points per column even when asked with undefined', () => {
    expect(
      mergeSeries([s(t, t)], { widthPx: 100, fromMs: 0, toMs: 3000, pointsPerPx: undefined }).rows.length,
    ).toBeLessThanOrEqual(200);
  });
  it('can be lifted to hand recharts every point (for the bench’s peer figure)', () => {
    const { rows, reduced } = mergeSeries([s(t, t)], {
      widthPx: 100,
      fromMs: 0,
      toMs: 3000,
      pointsPerPx: Number.MAX_SAFE_INTEGER,
    });
    expect(reduced).toBe(false);
    expect(rows.length).toBe(3000);
  });
});
