import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../../main/monitoring/local/buckets';
import { roundValue } from '../../../main/monitoring/local/precision';
import { FakeClock, openLocal, type LocalFixture } from './fixture';

const DAY = 24 * HOUR;
const START = Date.UTC(2026, 10, 20, 0, 0, 0);
const DAYS = 6;
const END = START + DAYS * DAY;

/** 15 s samples of a 2-decimal gauge, like a load average. */
const ts = Array.from({ length: (DAYS * DAY) / 15_000 }, (_, i) => START + i * 15_000 + (i % 7));
const vs = ts.map((t, i) => Math.round(100 * (2 + Math.sin(i / 40) + ((i * 7919) % 13) / 10)) / 100);

function naiveAvg(from: number, to: number): number {
  let sum = 0;
  let n = 0;
  ts.forEach((t, i) => {
    if (t >= from && t < to) {
      sum += roundValue(vs[i]);
      n++;
    }
  });
  return n ? sum / n : NaN;
}

let fx: LocalFixture;
beforeEach(async () => {
  fx = openLocal({
    clock: new FakeClock(END),
    settings: {
      'monitoring.retentionRawDays': 2,
      'monitoring.retention1mDays': 4,
      'monitoring.retention1hDays': 30,
    },
  });
  const labels = { __name__: 'host_load1', host: 'a' };
  for (let i = 0; i < ts.length; i += 400) {
    fx.part.sink.append(ts.slice(i, i + 400).map((t, j) => ({ labels, t, v: vs[i + j] })));
  }
  await fx.part.ticking!.tick(); // the first tick applies retention
});
afterEach(async () => {
  await fx.dispose();
});

const rows = (sql: string) => fx.ws.db.prepare(sql).pluck().get() as number;

describe('retention', () => {
  it('drops raw chunks past raw retention and keeps their minutes and hours', () => {
    // Raw leaves in whole 6-hour steps: nothing older than 2 days + 6 h is left, nothing newer went.
    expect(rows('SELECT MIN(start_ms) FROM local_chunks')).toBeGreaterThanOrEqual(
      END - 2 * DAY - 6 * HOUR - 30 * MINUTE,
    );
    expect(rows('SELECT MIN(start_ms) FROM local_chunks')).toBeLessThanOrEqual(END - 2 * DAY + 30 * MINUTE);
    // Minute buckets were made for what raw retention dropped, and only within 1-minute retention.
    expect(rows('SELECT MIN(start_ms) FROM local_rollups WHERE res_ms = 60000')).toBeGreaterThanOrEqual(END - 4 * DAY);
    expect(rows('SELECT MAX(end_ms) FROM local_rollups WHERE res_ms = 60000')).toBeLessThan(END - 2 * DAY);
    expect(rows('SELECT MIN(start_ms) FROM local_rollups WHERE res_ms = 3600000')).toBe(START);
  });

  it('answers from minute rollups where raw samples are gone, and hours where minutes are gone too', async () => {
    const e = fx.part.engine;
    const threeDaysAgo = END - 3 * DAY;
    // Raw resolution: gone.
    const raw = await e.range('host_load1', threeDaysAgo, threeDaysAgo + HOUR, 15_000);
    expect(raw.series).toEqual([]);
    // Minute resolution: every point is that minute's average.
    const minutes = await e.range('host_load1', threeDaysAgo, threeDaysAgo + HOUR, MINUTE);
    expect(minutes.warnings.join(' ')).toMatch(/1-minute rollups/);
    expect(minutes.series).toHaveLength(1);
    minutes.series[0].v.forEach((v, i) =>
      expect(v).toBeCloseTo(naiveAvg(threeDaysAgo + (i - 1) * MINUTE, threeDaysAgo + i * MINUTE), 9),
    );
    // Five days ago minutes are gone as well; hours remain.
    const fiveDaysAgo = END - 5 * DAY;
    expect((await e.range('host_load1', fiveDaysAgo, fiveDaysAgo + HOUR, MINUTE)).series).toEqual([]);
    const hours = await e.range('avg_over_time(host_load1[1h])', fiveDaysAgo, fiveDaysAgo + 6 * HOUR, HOUR);
    expect(hours.warnings.join(' ')).toMatch(/1-hour rollups/);
    hours.series[0].v.forEach((v, i) =>
      expect(v).toBeCloseTo(naiveAvg(fiveDaysAgo + (i - 1) * HOUR, fiveDaysAgo + i * HOUR), 9),
    );
    // An alert rule evaluated in the past reads minutes when raw is gone.
    const instant = await e.instant('max_over_time(host_load1[5m])', threeDaysAgo);
    expect(instant.samples).toHaveLength(1);
  });

  it('answers recent minutes from raw samples, the same as it will from stored minute buckets', async () => {
    const recent = END - DAY;
    const r = await fx.part.engine.range('avg_over_time(host_load1[5m])', recent, recent + HOUR, 5 * MINUTE);
    expect(r.warnings.join(' ')).toMatch(/1-minute rollups/);
    expect(rows(`SELECT COUNT(*) FROM local_rollups WHERE res_ms = 60000 AND end_ms >= ${recent}`)).toBe(0);
    r.series[0].v.forEach((v, i) =>
      expect(v).toBeCloseTo(naiveAvg(recent + (i - 1) * 5 * MINUTE, recent + i * 5 * MINUTE), 9),
    );
  });

  it('does nothing more on a second run, and forgets series with nothing left', async () => {
    const before = rows('SELECT COUNT(*) FROM local_rollups');
    fx.clock.t += 5 * MINUTE;
    await fx.part.ticking!.tick();
    expect(rows('SELECT COUNT(*) FROM local_rollups')).toBe(before);
    // Far in the future, past every retention: the series is gone, data and all.
    fx.clock.t = END + 40 * DAY;
    await fx.part.ticking!.tick(); // seals the idle head
    fx.clock.t += 5 * MINUTE;
    await fx.part.ticking!.tick();
    expect(rows('SELECT COUNT(*) FROM local_chunks') + rows('SELECT COUNT(*) FROM local_rollups')).toBe(0);
    expect(rows('SELECT COUNT(*) FROM local_series')).toBe(0);
    expect(await fx.part.engine.labelValues('__name__', undefined)).toEqual([]);
  });
});
