import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import type { Labels } from '../../../shared/api/monitoring-model';
import type { SampleIn } from '../../../main/monitoring/types';
import { openLocal, type LocalFixture } from './fixture';

const T0 = Date.UTC(2026, 10, 20, 0, 0, 0);
const S = 1000;
const M = 60 * S;

function series(labels: Labels, points: [number, number][]): SampleIn[] {
  return points.map(([sec, v]) => ({ labels, t: T0 + sec * S, v }));
}

let fx: LocalFixture;
beforeEach(() => {
  fx = openLocal();
});
afterEach(async () => {
  await fx.dispose();
});

async function at(expr: string, sec: number) {
  const r = await fx.part.engine.instant(expr, T0 + sec * S);
  return r.samples.map((s) => ({ labels: s.labels, value: s.value }));
}

async function values(expr: string, fromSec: number, toSec: number, stepSec: number) {
  const r = await fx.part.engine.range(expr, T0 + fromSec * S, T0 + toSec * S, stepSec * S);
  return r.series.map((s) => ({ labels: s.labels, v: Array.from(s.v) }));
}

describe('counter functions, as Prometheus computes them', () => {
  // 10/s, the host rebooting at 72 s: the counter restarts from zero.
  const counter = { __name__: 'rx_bytes_total', host: 'a' };
  beforeEach(() => {
    fx.part.sink.append(
      series(counter, [
        [0, 0],
        [15, 150],
        [30, 300],
        [45, 450],
        [60, 600],
        [75, 30],
        [90, 180],
        [105, 330],
        [120, 480],
      ]),
    );
  });

  it('rate() adds back the value lost at a reset and extrapolates to the window edges', async () => {
    expect(await at('rate(rx_bytes_total[1m])', 60)).toEqual([{ labels: { host: 'a' }, value: 10 }]);
    // (180 − 450 + 600) over 45 s, extrapolated by 15 s to the window start: 440 / 60 s.
    expect((await at('rate(rx_bytes_total[1m])', 90))[0].value).toBeCloseTo(440 / 60, 12);
    // Within the window the counter started at 30 three seconds after zero: extrapolated back to zero only.
    expect((await at('rate(rx_bytes_total[1m])', 120))[0].value).toBeCloseTo(8, 12);
    expect((await at('increase(rx_bytes_total[1m])', 90))[0].value).toBeCloseTo(440, 12);
  });

  it('irate() takes the last two samples, a drop being a restart', async () => {
    expect((await at('irate(rx_bytes_total[1m])', 75))[0].value).toBe(2);
    expect((await at('irate(rx_bytes_total[1m])', 90))[0].value).toBe(10);
  });

  it('never gives the negative spike a plain difference would', async () => {
    const [s] = await values('rate(rx_bytes_total[30s])', 30, 120, 15);
    for (const v of s.v) expect(v).toBeGreaterThan(0);
  });

  it('needs two samples in the window', async () => {
    expect(await at('rate(rx_bytes_total[10s])', 60)).toEqual([]);
  });
});

describe('selectors, staleness and lookback', () => {
  const up = { __name__: 'host_up', host: 'a' };

  it('shows a gap after a stale marker, not a zero and not the last value', async () => {
    fx.part.sink.append(
      series(
        up,
        Array.from({ length: 20 }, (_, i) => [i * 15, 1] as [number, number]),
      ),
    );
    fx.part.sink.markStale({ host: 'a' }, T0 + 300 * S);
    const [s] = await values('host_up', 0, 600, 15);
    expect(s.v.slice(0, 20)).toEqual(new Array(20).fill(1));
    expect(s.v.slice(20).every(Number.isNaN)).toBe(true); // 300 s on: gone at once, not after 5 minutes
    expect(await at('host_up', 301)).toEqual([]);
  });

  it('keeps the last value for the 5-minute lookback when no marker came', async () => {
    fx.part.sink.append(series(up, [[0, 1]]));
    expect(await at('host_up', 299)).toHaveLength(1);
    expect(await at('host_up', 300)).toEqual([]);
  });

  it('resumes after a gap when samples come back', async () => {
    fx.part.sink.append(series(up, [[0, 1]]));
    fx.part.sink.markStale({ host: 'a' }, T0 + 15 * S);
    fx.part.sink.append(series(up, [[60, 1]]));
    const [s] = await values('host_up', 0, 75, 15);
    expect(s.v).toEqual([1, NaN, NaN, NaN, 1, 1]);
  });

  it('leaves a series that already has a sample at the marker time with that sample', async () => {
    const mem = { __name__: 'mem', host: 'a' };
    fx.part.sink.append([...series(up, [[0, 1]]), ...series(mem, [[0, 5]])]);
    fx.part.sink.append(series(up, [[15, 0]]));
    fx.part.sink.markStale({ host: 'a' }, T0 + 15 * S);
    expect((await at('host_up', 30)).map((x) => x.value)).toEqual([0]);
    expect(await at('mem', 30)).toEqual([]);
  });

  it('matches labels with =, !=, =~ and !~ (an absent label is the empty string)', async () => {
    fx.part.sink.append([
      ...series({ __name__: 'm', host: 'web-1', env: 'prod' }, [[0, 1]]),
      ...series({ __name__: 'm', host: 'web-2' }, [[0, 2]]),
      ...series({ __name__: 'm', host: 'db-1', env: 'prod' }, [[0, 3]]),
    ]);
    const got = async (e: string) => (await at(e, 10)).map((s) => s.value).sort();
    expect(await got('m{env="prod"}')).toEqual([1, 3]);
    expect(await got('m{env=""}')).toEqual([2]);
    expect(await got('m{env!="prod"}')).toEqual([2]);
    expect(await got('m{host=~"web-.*"}')).toEqual([1, 2]);
    expect(await got('m{host!~"web-.*"}')).toEqual([3]);
    expect(await got('{host=~"(?i)WEB-1"}')).toEqual([1]);
  });
});

describe('aggregation and arithmetic', () => {
  beforeEach(() => {
    const mk = (host: string, mode: string, v: number) =>
      series({ __name__: 'cpu', host, mode }, [
        [0, v],
        [15, v],
      ]);
    fx.part.sink.append([
      ...mk('a', 'user', 10),
      ...mk('a', 'system', 5),
      ...mk('b', 'user', 40),
      ...mk('b', 'system', 20),
    ]);
    fx.part.sink.append([
      ...series({ __name__: 'mem_used', host: 'a' }, [[0, 2048]]),
      ...series({ __name__: 'mem_total', host: 'a' }, [[0, 8192]]),
    ]);
  });

  it('sum/avg/min/max/count by and without labels', async () => {
    const byHost = await at('sum by (host) (cpu)', 15);
    expect(byHost).toEqual([
      { labels: { host: 'a' }, value: 15 },
      { labels: { host: 'b' }, value: 60 },
    ]);
    expect(await at('avg without (host) (cpu)', 15)).toEqual([
      { labels: { mode: 'system' }, value: 12.5 },
      { labels: { mode: 'user' }, value: 25 },
    ]);
    expect(await at('max(cpu)', 15)).toEqual([{ labels: {}, value: 40 }]);
    expect(await at('min(cpu) by (mode)', 15)).toEqual([
      { labels: { mode: 'system' }, value: 5 },
      { labels: { mode: 'user' }, value: 10 },
    ]);
    expect(await at('count(cpu)', 15)).toEqual([{ labels: {}, value: 4 }]);
  });

  it('arithmetic with numbers and between series with the same labels', async () => {
    expect(await at('mem_used / 1024', 0)).toEqual([{ labels: { host: 'a' }, value: 2 }]);
    expect(await at('100 * mem_used / mem_total', 0)).toEqual([{ labels: { host: 'a' }, value: 25 }]);
    expect(await at('-mem_used + 1', 0)).toEqual([{ labels: { host: 'a' }, value: -2047 }]);
    expect(await at('(1 + 2) * 3', 0)).toEqual([{ labels: {}, value: 9 }]);
  });

  it('comparisons filter (keeping the value and the name) or, with bool, give 0/1', async () => {
    expect(await at('cpu > 15', 15)).toEqual([
      { labels: { __name__: 'cpu', host: 'b', mode: 'system' }, value: 20 },
      { labels: { __name__: 'cpu', host: 'b', mode: 'user' }, value: 40 },
    ]);
    expect(await at('30 < cpu', 15)).toEqual([{ labels: { __name__: 'cpu', host: 'b', mode: 'user' }, value: 40 }]);
    expect((await at('cpu > bool 15', 15)).map((s) => s.value)).toEqual([0, 0, 1, 1]);
  });

  it('refuses a result with two series of the same labels', async () => {
    await expect(fx.part.engine.instant('rate({host="a"}[1m])', T0 + 15 * S)).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/two series with the same labels/),
    });
  });
});

describe('the Engine contract', () => {
  it('rejects bad expressions, absurd ranges and cancelled queries with OpsErrors', async () => {
    await expect(fx.part.engine.range('rate(x)', T0, T0 + M, S)).rejects.toMatchObject({ code: 'bad_input' });
    await expect(fx.part.engine.range('x', T0, T0 + 30 * 24 * 3600 * S, S)).rejects.toMatchObject({
      code: 'bad_input',
      message: expect.stringMatching(/more than 11000/),
    });
    const ac = new AbortController();
    ac.abort();
    await expect(fx.part.engine.range('x', T0, T0 + M, S, ac.signal)).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('lists label names and values, __name__ being the metric names', async () => {
    fx.part.sink.append([
      ...series({ __name__: 'a', host: 'x', env: 'prod' }, [[0, 1]]),
      ...series({ __name__: 'b', host: 'y' }, [[0, 1]]),
    ]);
    expect(await fx.part.engine.labelNames(undefined)).toEqual(['__name__', 'env', 'host']);
    expect(await fx.part.engine.labelNames('b')).toEqual(['__name__', 'host']);
    expect(await fx.part.engine.labelValues('__name__', undefined)).toEqual(['a', 'b']);
    expect(await fx.part.engine.labelValues('host', '{env="prod"}')).toEqual(['x']);
    await expect(fx.part.engine.labelValues('host', 'rate(a[1m])')).rejects.toBeInstanceOf(OpsError);
  });

  it('refuses bad samples one by one and drops samples older than their series’ newest', async () => {
    fx.part.sink.append([
      { labels: { __name__: 'ok' }, t: T0, v: 1 },
      { labels: { __name__: 'bad name' }, t: T0, v: 1 },
      { labels: { __name__: 'ok', 'bad-label': 'x' }, t: T0, v: 1 },
      { labels: { __name__: 'ok' }, t: 1.5, v: 1 },
      { labels: { __name__: 'ok' }, t: T0 + 15 * S, v: 2 },
      { labels: { __name__: 'ok' }, t: T0 + 5 * S, v: 99 },
    ]);
    const [s] = await values('ok', 0, 30, 5);
    expect(s.v).toEqual([1, 1, 1, 2, 2, 2, 2]);
    expect(await fx.part.engine.labelValues('__name__', undefined)).toEqual(['ok']);
  });

  it('reports its size and reach', async () => {
    fx.part.sink.append(
      series(
        { __name__: 'm' },
        Array.from({ length: 300 }, (_, i) => [i * 15, i % 7] as [number, number]),
      ),
    );
    const stats = await fx.part.handlers['monitoring.local.stats'](undefined as never, {
      actor: 't',
      via: 'internal',
      requestId: 'r',
    });
    expect(stats).toMatchObject({
      series: 1,
      samples: 300,
      oldestMs: T0,
      newestMs: T0 + 299 * 15 * S,
      retention: { rawDays: 15, rollup1mDays: 90, rollup1hDays: 730 },
    });
    expect(stats.chunkBytes).toBeGreaterThan(0);
    expect(stats.bytesPerSample).toBeLessThan(2); // two cut chunks of small integers
    expect(stats.rollups.find((r) => r.resolution === '1h')!.buckets).toBeGreaterThan(0);
  });
});
