import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastNonNull, legendClick, seriesStats } from '../../../renderer/views/charts/legend-stats';
import { minDragPx, pxToTime, zoomFromDrag, zoomOut } from '../../../renderer/views/charts/zoom';

describe('seriesStats', () => {
  it('counts only real values: nulls, NaN and ±Infinity are gaps', () => {
    expect(seriesStats([null, 3, NaN, 1, Infinity, 2, null, -Infinity])).toEqual({
      min: 1,
      max: 3,
      mean: 2,
      last: 2,
      count: 3,
    });
  });

  it('has no figures for a series of gaps', () => {
    expect(seriesStats([])).toEqual({ min: null, max: null, mean: null, last: null, count: 0 });
    expect(seriesStats([null, NaN])).toEqual({ min: null, max: null, mean: null, last: null, count: 0 });
  });

  it('gives null rather than Infinity when the sum overflows', () => {
    expect(seriesStats([Number.MAX_VALUE, Number.MAX_VALUE]).mean).toBeNull();
  });

  it('always has min ≤ mean ≤ max and last among the values', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -1e9, max: 1e9 }), fc.constant(null))), (v) => {
        const st = seriesStats(v);
        const real = v.filter((x): x is number => x !== null && Number.isFinite(x));
        expect(st.count).toBe(real.length);
        if (real.length === 0) {
          expect(st.last).toBeNull();
          return;
        }
        expect(st.min).toBe(Math.min(...real));
        expect(st.max).toBe(Math.max(...real));
        expect(st.mean!).toBeGreaterThanOrEqual(st.min! - 1e-6);
        expect(st.mean!).toBeLessThanOrEqual(st.max! + 1e-6);
        expect(st.last).toBe(real[real.length - 1]);
        expect(lastNonNull(v)).toBe(st.last);
      }),
    );
  });
});

describe('legendClick', () => {
  const none = new Set<number>();

  it('isolates a series on click, and shows all again on a second click', () => {
    const only1 = legendClick(none, 1, 3, false);
    expect([...only1].sort()).toEqual([0, 2]);
    expect(legendClick(only1, 1, 3, false).size).toBe(0);
    // Clicking another series while one is isolated isolates that one.
    expect([...legendClick(only1, 2, 3, false)].sort()).toEqual([0, 1]);
  });

  it('toggles one series with ctrl/cmd, never leaving an empty chart', () => {
    const hide0 = legendClick(none, 0, 3, true);
    expect([...hide0]).toEqual([0]);
    expect(legendClick(hide0, 0, 3, true).size).toBe(0);
    const hide01 = legendClick(hide0, 1, 3, true);
    expect([...hide01].sort()).toEqual([0, 1]);
    // Hiding the last visible series shows everything instead.
    expect(legendClick(hide01, 2, 3, true).size).toBe(0);
  });

  it('ignores an index out of range and never hides every series', () => {
    expect(legendClick(new Set([1]), 9, 3, false)).toEqual(new Set([1]));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 20 }),
        (n, clicks) => {
          let hidden = new Set<number>();
          for (const [i, toggle] of clicks) {
            hidden = legendClick(hidden, i % n, n, toggle);
            expect(hidden.size).toBeLessThan(n);
          }
        },
      ),
    );
  });
});

describe('drag to zoom', () => {
  const box = { left: 64, width: 1000 };

  it('maps a pointer to the time under it, clamped to the axis', () => {
    expect(pxToTime(64, box, 0, 10_000)).toBe(0);
    expect(pxToTime(564, box, 0, 10_000)).toBe(5000);
    expect(pxToTime(1064, box, 0, 10_000)).toBe(10_000);
    expect(pxToTime(0, box, 0, 10_000)).toBe(0);
    expect(pxToTime(5000, box, 0, 10_000)).toBe(10_000);
    expect(pxToTime(NaN, box, 0, 10_000)).toBe(0);
  });

  it('zooms to the dragged span in either direction', () => {
    expect(zoomFromDrag(164, 364, box, 0, 10_000)).toEqual({ from: 1000, to: 3000 });
    expect(zoomFromDrag(364, 164, box, 0, 10_000)).toEqual({ from: 1000, to: 3000 });
  });

  it('treats a tiny drag as a click and a drag in the margin as nothing', () => {
    expect(zoomFromDrag(200, 200 + minDragPx - 1, box, 0, 10_000)).toBeNull();
    expect(zoomFromDrag(200, 200 + minDragPx, box, 0, 10_000)).not.toBeNull();
    expect(zoomFromDrag(0, 60, box, 0, 10_000)).toBeNull();
    expect(zoomFromDrag(100, 300, box, 10, 10)).toBeNull();
  });

  it('always gives a range inside the axis with from < to', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -500, max: 2000, noNaN: true }),
        fc.double({ min: -500, max: 2000, noNaN: true }),
        fc.integer({ min: 0, max: 2e12 }),
        fc.integer({ min: 1000, max: 1e10 }),
        (x0, x1, from, span) => {
          const r = zoomFromDrag(x0, x1, box, from, from + span);
          if (r === null) return;
          expect(r.from).toBeGreaterThanOrEqual(from);
          expect(r.to).toBeLessThanOrEqual(from + span);
          expect(r.from).toBeLessThan(r.to);
        },
      ),
    );
  });

  it('zooms out around the centre', () => {
    expect(zoomOut(1000, 2000)).toEqual({ from: 500, to: 2500 });
  });
});
