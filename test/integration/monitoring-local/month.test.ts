import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../../main/monitoring/local/buckets';
import { roundValue } from '../../../main/monitoring/local/precision';
import { FakeClock, openLocal, type LocalFixture } from '../../unit/monitoring-local/fixture';
import { MONTH_SAMPLES, MONTH_START, STEP_MS, monthOfSeries, scrapeBatches } from './month-series';

/**
 * A month of 15 s samples for five series — a memory gauge, two rates the
 * collector computes from counters (one bursty, with a reset), CPU percent
 * and the load average — written scrape by scrape into a real workspace
 * file and read back through the Engine.
 */
const series = monthOfSeries();
const kept = series.map((s) => s.vs.map(roundValue));
const END = MONTH_START + MONTH_SAMPLES * STEP_MS;
const DAY = 24 * HOUR;

let fx: LocalFixture;
let growth = 0;

beforeAll(async () => {
  fx = openLocal({ clock: new FakeClock(END), settings: { 'monitoring.retentionRawDays': 40 } });
  fx.ws.db.pragma('wal_checkpoint(TRUNCATE)');
  const before = fs.statSync(fx.file).size;
  for (const batch of scrapeBatches(series)) fx.part.sink.append(batch);
  fx.part.store.flush();
  fx.ws.db.pragma('wal_checkpoint(TRUNCATE)');
  growth = fs.statSync(fx.file).size - before;
}, 300_000);

afterAll(async () => {
  await fx.dispose();
});

/** One series' kept values with from ≤ t < to (the times are sorted). */
function within(k: number, from: number, to: number): number[] {
  const ts = series[k].ts;
  const first = (t: number) => {
    let lo = 0;
    let hi = ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return kept[k].slice(first(from), first(to));
}

function mean(k: number, from: number, to: number): number {
  const xs = within(k, from, to);
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

describe('a month of host metrics in the workspace', () => {
  it('takes at most 4 bytes a sample on disk, all included', async () => {
    const samples = MONTH_SAMPLES * series.length;
    const stats = await fx.part.handlers['monitoring.local.stats'](undefined as never, {
      actor: 't',
      via: 'internal',
      requestId: 'r',
    });
    expect(stats.samples).toBe(samples);
    const filePerSample = growth / samples;
    console.log(
      `local series, a month of 5 series at 15 s: chunks ${stats.bytesPerSample!.toFixed(2)} B/sample, ` +
        `whole file growth ${filePerSample.toFixed(2)} B/sample (series, index, hourly rollups, heads included)`,
    );
    expect(stats.bytesPerSample).toBeLessThan(3.5);
    expect(filePerSample).toBeLessThanOrEqual(4);
  });

  it('gives back every kept sample at raw resolution, at the start, middle and end of the month', async () => {
    for (const day of [0, 15, 29.9]) {
      const first = Math.floor((day * DAY) / STEP_MS);
      // Steps 100 ms after each slot: each picks exactly that slot's sample (scrapes land within ±25 ms).
      const start = MONTH_START + first * STEP_MS + 100;
      const n = Math.min(240, MONTH_SAMPLES - first);
      for (let k = 0; k < series.length; k++) {
        const sel = `${series[k].labels.__name__}{host="web-1"}`;
        const r = await fx.part.engine.range(sel, start, start + (n - 1) * STEP_MS, STEP_MS);
        expect(r.warnings).toEqual([]);
        expect(Array.from(r.series[0].v)).toEqual(kept[k].slice(first, first + n));
      }
    }
  });

  it('answers a 7-day dashboard query (avg of the 5 series, 10 min step) from minute buckets', async () => {
    const step = 10 * MINUTE;
    const start = END - 7 * DAY;
    const r = await fx.part.engine.range('avg({host="web-1"})', start, END, step);
    expect(r.warnings.join(' ')).toMatch(/1-minute rollups/);
    const v = r.series[0].v;
    expect(v).toHaveLength(7 * 144 + 1);
    for (let i = 0; i < v.length; i++) {
      const T = start + i * step;
      const want = series.map((_, k) => mean(k, T - step, T)).reduce((a, b) => a + b, 0) / series.length;
      expect(v[i]).toBeCloseTo(want, 3);
    }
  });

  it('answers month-long min/max/avg per hour from hourly rollups, equal to the samples', async () => {
    for (const [k, fn] of [
      [0, 'min'],
      [3, 'max'],
      [4, 'avg'],
    ] as const) {
      const expr = `${fn}_over_time(${series[k].labels.__name__}[1h])`;
      const r = await fx.part.engine.range(expr, MONTH_START + HOUR, END, HOUR);
      expect(r.warnings.join(' ')).toMatch(/1-hour rollups/);
      const v = r.series[0].v;
      expect(v).toHaveLength(30 * 24);
      for (let i = 0; i < v.length; i++) {
        const T = MONTH_START + (i + 1) * HOUR;
        const xs = within(k, T - HOUR, T);
        const want = fn === 'min' ? Math.min(...xs) : fn === 'max' ? Math.max(...xs) : mean(k, T - HOUR, T);
        expect(v[i]).toBeCloseTo(want, 6);
      }
    }
  });

  it('reads the same month after the workspace is closed and opened again', async () => {
    const q = () => fx.part.engine.range('max_over_time(host_load1[1h])', MONTH_START + HOUR, END, HOUR);
    const before = Array.from((await q()).series[0].v);
    fx = await fx.reopen();
    expect(Array.from((await q()).series[0].v)).toEqual(before);
    const last = await fx.part.engine.instant('host_load1', END);
    expect(last.samples[0].value).toBe(kept[4][MONTH_SAMPLES - 1]);
  });
});
