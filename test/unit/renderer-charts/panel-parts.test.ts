import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gaugeArc, gaugeFraction, gaugeScale, sparklinePath } from '../../../renderer/views/charts/shapes';
import { buildTable, sortTable, type TableSample } from '../../../renderer/views/charts/table-rows';
import {
  pickThreshold,
  resolveColor,
  seriesColor,
  seriesPalette,
  thresholdBands,
} from '../../../renderer/views/charts/thresholds';
import { tickInterval, tickLabel, timeTicks } from '../../../renderer/views/charts/time-axis';

describe('thresholds', () => {
  const th = [
    { value: 80, color: 'red' },
    { value: 50, color: 'orange.7' },
    { value: 0, color: '#2f9e44' },
  ];

  it('picks the highest threshold a value has reached, whatever their order', () => {
    expect(pickThreshold(-1, th)).toBeNull();
    expect(pickThreshold(0, th)?.color).toBe('#2f9e44');
    expect(pickThreshold(49.9, th)?.color).toBe('#2f9e44');
    expect(pickThreshold(50, th)?.color).toBe('orange.7');
    expect(pickThreshold(1e9, th)?.color).toBe('red');
    expect(pickThreshold(Infinity, th)?.color).toBe('red');
    expect(pickThreshold(-Infinity, th)).toBeNull();
    expect(pickThreshold(null, th)).toBeNull();
    expect(pickThreshold(NaN, th)).toBeNull();
    expect(pickThreshold(10, [])).toBeNull();
  });

  it('agrees with a sort-then-scan of the thresholds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -100, max: 100 }), { maxLength: 8 }),
        fc.integer({ min: -150, max: 150 }),
        (vals, v) => {
          const ts = vals.map((value, i) => ({ value, color: `#${String(i).padStart(3, '0')}` }));
          const reached = ts.filter((t) => t.value <= v);
          const got = pickThreshold(v, ts);
          if (reached.length === 0) {
            expect(got).toBeNull();
            return;
          }
          expect(got!.value).toBe(Math.max(...reached.map((t) => t.value)));
        },
      ),
    );
  });

  it('resolves colour names against the theme palette', () => {
    const palette = { red: ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9'] };
    expect(resolveColor('#abc', palette)).toBe('#abc');
    expect(resolveColor('red', palette)).toBe('r6');
    expect(resolveColor('red.2', palette)).toBe('r2');
    expect(resolveColor('purple', palette)).toBe('purple');
  });

  it('turns thresholds into bands and cycles the series palette', () => {
    expect(thresholdBands(th)).toEqual([
      { from: 0, to: 50, color: '#2f9e44' },
      { from: 50, to: 80, color: 'orange.7' },
      { from: 80, to: null, color: 'red' },
    ]);
    expect(seriesColor(0)).toBe(seriesPalette[0]);
    expect(seriesColor(seriesPalette.length)).toBe(seriesPalette[0]);
    expect(seriesColor(-1)).toBe(seriesPalette[seriesPalette.length - 1]);
  });
});

describe('sparkline and gauge geometry', () => {
  it('breaks the sparkline at gaps and scales it into the box', () => {
    const d = sparklinePath([0, 1, 2, 3, 4], [0, 10, null, 5, 10], 100, 10);
    expect(d).toBe('M0.0,10.0L25.0,0.0M75.0,5.0L100.0,0.0');
    expect(sparklinePath([0, 1], [null, null], 100, 10)).toBe('');
    expect(sparklinePath([0, 1], [3, 3], 100, 10)).toBe('M0.0,5.0L100.0,5.0');
  });

  it('never draws outside its box', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer(), fc.oneof(fc.double(), fc.constant(null))), { maxLength: 50 }),
        (pts) => {
          const d = sparklinePath(
            pts.map((p) => p[0]),
            pts.map((p) => p[1]),
            120,
            30,
          );
          for (const m of d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)) {
            expect(Number(m[1])).toBeGreaterThanOrEqual(0);
            expect(Number(m[1])).toBeLessThanOrEqual(120);
            expect(Number(m[2])).toBeGreaterThanOrEqual(0);
            expect(Number(m[2])).toBeLessThanOrEqual(30);
          }
        },
      ),
    );
  });

  it('places a value on the gauge, clamped', () => {
    expect(gaugeFraction(50, 0, 100)).toBe(0.5);
    expect(gaugeFraction(150, 0, 100)).toBe(1);
    expect(gaugeFraction(-5, 0, 100)).toBe(0);
    expect(gaugeFraction(null, 0, 100)).toBe(0);
    expect(gaugeFraction(5, 10, 10)).toBe(0);
    expect(gaugeFraction(Infinity, 0, 1)).toBe(1);
  });

  it('draws arcs from the left end over the top', () => {
    // The whole gauge is more than half a circle: the large-arc flag is set.
    expect(gaugeArc(50, 50, 40, 0, 1)).toMatch(/^M15\.36,70\.00A40,40 0 1 1 84\.64,70\.00$/);
    // Half way is straight up.
    expect(gaugeArc(50, 50, 40, 0, 0.5)).toMatch(/ 50\.00,10\.00$/);
    expect(gaugeArc(50, 50, 40, 0.5, 0.5)).toBe('');
  });

  it('chooses a scale from the panel, the unit or the data', () => {
    expect(gaugeScale('short', 0, 10, [3])).toEqual({ min: 0, max: 10 });
    expect(gaugeScale('percent', null, null, [3])).toEqual({ min: 0, max: 100 });
    expect(gaugeScale('percentunit', null, null, [0.3])).toEqual({ min: 0, max: 1 });
    expect(gaugeScale('bytes', null, null, [3, 9, null])).toEqual({ min: 0, max: 9 });
    expect(gaugeScale('bytes', null, null, [])).toEqual({ min: 0, max: 1 });
  });
});

describe('table panel rows', () => {
  const rows: TableSample[] = [
    { refId: 'A', labels: { __name__: 'up', instance: 'web10' }, value: 1, t: 0 },
    { refId: 'A', labels: { __name__: 'up', instance: 'web2' }, value: 0, t: 0 },
    { refId: 'B', labels: { instance: 'db1', job: 'node' }, value: null, t: 0 },
    { refId: 'B', labels: { instance: 'db2', job: 'node' }, value: 5, t: 0 },
  ];

  it('puts the metric name first and the other labels in order', () => {
    const m = buildTable(rows);
    expect(m.columns).toEqual(['__name__', 'instance', 'job']);
    expect(m.withRefId).toBe(true);
    expect(buildTable(rows.slice(0, 2)).withRefId).toBe(false);
  });

  it('sorts labels naturally and values numerically, missing values last', () => {
    const byInstance = sortTable(rows, { kind: 'label', name: 'instance' }, 'asc').map((r) => r.labels.instance);
    expect(byInstance).toEqual(['db1', 'db2', 'web2', 'web10']);
    expect(sortTable(rows, { kind: 'value' }, 'desc').map((r) => r.value)).toEqual([5, 1, 0, null]);
    expect(sortTable(rows, { kind: 'value' }, 'asc').map((r) => r.value)).toEqual([0, 1, 5, null]);
    expect(sortTable(rows, { kind: 'refId' }, 'desc').map((r) => r.refId)).toEqual(['B', 'B', 'A', 'A']);
  });
});

describe('time axis', () => {
  it('chooses a round interval that leaves room between ticks', () => {
    expect(tickInterval(0, 3_600_000, 900)).toBe(10 * 60_000);
    expect(tickInterval(0, 30 * 86_400_000, 900)).toBe(7 * 86_400_000);
    expect(tickInterval(0, 60_000, 900)).toBe(10_000);
  });

  it('puts ticks on round local times inside the range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1.6e12, max: 1.9e12 }),
        fc.integer({ min: 60_000, max: 90 * 86_400_000 }),
        fc.integer({ min: 100, max: 3000 }),
        (from, span, w) => {
          const ticks = timeTicks(from, from + span, w);
          const interval = tickInterval(from, from + span, w);
          expect(ticks.length).toBeLessThanOrEqual(Math.max(1, Math.floor(w / 90)) + 1);
          for (const t of ticks) {
            expect(t).toBeGreaterThanOrEqual(from);
            expect(t).toBeLessThanOrEqual(from + span);
            if (interval < 86_400_000) {
              const local = t - new Date(t).getTimezoneOffset() * 60_000;
              expect(local % interval).toBe(0);
            }
          }
        },
      ),
    );
    expect(timeTicks(10, 10, 500)).toEqual([]);
  });

  it('labels with what changes between ticks', () => {
    const t = new Date(2026, 10, 27, 9, 5, 30).getTime();
    expect(tickLabel(t, t, t + 60_000, 10_000)).toBe('09:05:30');
    expect(tickLabel(t, t, t + 3_600_000, 600_000)).toBe('09:05');
    expect(tickLabel(t, t, t + 3 * 86_400_000, 6 * 3_600_000)).toBe('11-27 09:05');
    expect(tickLabel(t, t, t + 30 * 86_400_000, 7 * 86_400_000)).toBe('11-27');
  });
});
