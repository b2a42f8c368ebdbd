import { describe, expect, it } from 'vitest';
import { runInstantQuery } from '../../../main/monitoring/query-service/instant';
import { runRangeQuery, type RangeSpec } from '../../../main/monitoring/query-service/range';
import type { Engine, EngineSeries } from '../../../main/monitoring/types';
import { rangeQueryInput } from '../../../shared/api/monitoring-query';

const now = Date.parse('2026-11-27T08:00:07.250Z');

/**
 * A deterministic engine at the seam (types.ts): it records what it was asked
 * and answers with series built from the asked grid (or a dense one).
 */
function gridEngine(make: (start: number, end: number, step: number) => EngineSeries[]) {
  const calls: Array<{ expr: string; start: number; end: number; step: number }> = [];
  const engine: Engine = {
    async range(expr, start, end, step) {
      calls.push({ expr, start, end, step });
      return { series: make(start, end, step), warnings: ['partial data'] };
    },
    async instant(expr, at) {
      return {
        samples: [
          { labels: { job: 'a' }, value: 1.5, t: at },
          { labels: { job: 'b' }, value: NaN, t: at },
          { labels: { job: 'c' }, value: Infinity, t: at },
        ],
        warnings: [],
      };
    },
    labelNames: async () => [],
    labelValues: async () => [],
  };
  return { engine, calls };
}

function grid(labels: Record<string, string>, start: number, end: number, step: number, f: (t: number) => number) {
  const n = Math.floor((end - start) / step) + 1;
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = start + i * step;
    v[i] = f(t[i]);
  }
  return { labels, t, v };
}

const input = (o: Partial<RangeSpec> & { expr?: string }): RangeSpec => {
  const { source: _s, ...rest } = rangeQueryInput.parse({
    source: { kind: 'local' },
    expr: 'up',
    range: { from: 'now-1h', to: 'now' },
    ...o,
  });
  return rest;
};

describe('range query service', () => {
  it('resolves the range at the clock, applies the Grafana step rule and aligns start and end', async () => {
    const { engine, calls } = gridEngine((s, e, st) => [grid({ job: 'node' }, s, e, st, () => 1)]);
    const r = await runRangeQuery(engine, input({ widthPx: 1000 }), now);
    // 1 h over 1000 px: 3.6 s per pixel, rounded up to the nice 5 s.
    expect(r.stepMs).toBe(5000);
    expect(calls[0]).toEqual({ expr: 'up', start: r.from, end: r.to, step: 5000 });
    expect(r.from % 5000).toBe(0);
    expect(r.to % 5000).toBe(0);
    expect(r.from).toBeLessThanOrEqual(now - 3_600_000);
    expect(r.to).toBeGreaterThanOrEqual(now);
    expect(r.warnings).toEqual(['partial data']);
    const slow = await runRangeQuery(engine, input({ widthPx: 1000, minInterval: '15s' }), now);
    expect(slow.stepMs).toBe(15_000);
    const week = await runRangeQuery(engine, input({ range: { from: 'now-30d', to: 'now' }, widthPx: 20_000 }), now);
    expect((week.to - week.from) / week.stepMs + 1).toBeLessThanOrEqual(11_000);
  });

  it('turns NaN and ±Inf into null gaps and counts points', async () => {
    const { engine } = gridEngine((s, e, st) => [
      grid({ __name__: 'x', i: '1' }, s, e, st, (t) =>
        ((t - s) / st) % 10 === 3 ? NaN : ((t - s) / st) % 10 === 4 ? Infinity : 2,
      ),
    ]);
    const r = await runRangeQuery(engine, input({ widthPx: 1000, downsample: 'none' }), now);
    const s = r.series[0]!;
    expect(s.v[3]).toBeNull();
    expect(s.v[4]).toBeNull();
    expect(s.v[5]).toBe(2);
    expect(r.rawPoints).toBe(s.t.length);
    expect(r.sentPoints).toBe(s.t.length);
    expect(JSON.parse(JSON.stringify(r)).series[0].v[3]).toBeNull();
  });

  it('downsamples dense series to about two points per pixel column, keeping every extreme (M4)', async () => {
    // An engine (e.g. raw local samples) returning far more points than the step asks for.
    const dense = (s: number, e: number) => [
      grid({ job: 'dense' }, s, e, 100, (t) => Math.sin(t / 7e4) * 100 + ((t / 100) % 97 === 0 ? 500 : 0)),
    ];
    const { engine } = gridEngine(dense);
    const r = await runRangeQuery(engine, input({ widthPx: 200 }), now);
    const s = r.series[0]!;
    expect(s.rawPoints).toBeGreaterThan(30_000);
    expect(s.t.length).toBeLessThanOrEqual(2 * 200);
    expect(r.sentPoints).toBe(s.t.length);
    const rawMax = Math.max(...Array.from(dense(r.from, r.to)[0]!.v));
    expect(Math.max(...(s.v as number[]))).toBe(rawMax);
    const l = await runRangeQuery(engine, input({ widthPx: 200, downsample: 'lttb' }), now);
    expect(l.series[0]!.t.length).toBe(400);
    const none = await runRangeQuery(engine, input({ widthPx: 200, downsample: 'none' }), now);
    expect(none.sentPoints).toBe(none.rawPoints);
  });

  it('names series by the legend template', async () => {
    const { engine } = gridEngine((s, e, st) => [
      grid({ instance: 'h1', mode: 'idle' }, s, e, st, () => 1),
      grid({ instance: 'h2', mode: 'user' }, s, e, st, () => 1),
    ]);
    const r = await runRangeQuery(engine, input({ legend: '{{instance}} {{mode}}' }), now);
    expect(r.series.map((s) => s.name)).toEqual(['h1 idle', 'h2 user']);
    const d = await runRangeQuery(engine, input({}), now);
    expect(d.series[0]!.name).toBe('{instance="h1", mode="idle"}');
  });

  it('refuses a bad range, a bad min interval and a reversed range with a sentence', async () => {
    const { engine, calls } = gridEngine(() => []);
    await expect(runRangeQuery(engine, input({ range: { from: 'now', to: 'now-1h' } }), now)).rejects.toThrow(
      /starts .* at or after it ends/,
    );
    await expect(runRangeQuery(engine, input({ minInterval: '15 sec' }), now)).rejects.toThrow(/not a duration/);
    await expect(runRangeQuery(engine, input({ range: { from: 'yesterday', to: 'now' } }), now)).rejects.toThrow(
      /is not a time/,
    );
    expect(calls).toHaveLength(0);
  });
});

describe('instant query service', () => {
  it('evaluates at now by default, or at a picker time, with NaN and Inf as null', async () => {
    const { engine } = gridEngine(() => []);
    const a = await runInstantQuery(engine, { expr: 'up' }, now);
    expect(a.samples.map((s) => [s.labels.job, s.value, s.t])).toEqual([
      ['a', 1.5, now],
      ['b', null, now],
      ['c', null, now],
    ]);
    const b = await runInstantQuery(engine, { expr: 'up', time: 'now-5m' }, now);
    expect(b.samples[0]!.t).toBe(now - 300_000);
  });
});
