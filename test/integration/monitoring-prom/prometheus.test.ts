import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineRouter, PromClients } from '../../../main/monitoring/prometheus/engines';
import { queryHandlers } from '../../../main/monitoring/query-service/handlers';
import { chooseStep, maxPoints } from '../../../shared/monitoring/step';
import type { Engine } from '../../../main/monitoring/types';
import { rangeQueryInput, type RangeQueryResult } from '../../../shared/api/monitoring-query';
import { startPrometheusLab, type PrometheusLab } from '../../support/prometheus-lab';
import { openDsFixture, type DsFixture, failure, memTotalBytes } from '../../unit/monitoring-prom/fixture';
import { errorParse, errorParseRange } from '../../unit/monitoring-query/prometheus-fixtures';

let lab: PrometheusLab;
let f: DsFixture;
/** Real time (Prometheus's samples are real) plus an offset the tests move to walk past backoff windows. */
let offset = 0;
const clock = { now: () => Date.now() + offset };
let clients: PromClients;
let q: ReturnType<typeof queryHandlers>;
let dsId: string;

const noLocal: Engine = {
  range: () => Promise.reject(new Error('not used')),
  instant: () => Promise.reject(new Error('not used')),
  labelNames: () => Promise.reject(new Error('not used')),
  labelValues: () => Promise.reject(new Error('not used')),
};
const ctx = { actor: 't', via: 'internal', requestId: 'r' } as const;

function range(expr: string, extra: Record<string, unknown> = {}): Promise<RangeQueryResult> {
  const input = rangeQueryInput.parse({
    source: { kind: 'prometheus', datasourceId: dsId },
    expr,
    range: { from: 'now-5m', to: 'now' },
    ...extra,
  });
  return q['monitoring.query.range'](input, ctx) as Promise<RangeQueryResult>;
}

/** Until node_exporter has been scraped `n` times (a rate needs two samples in its window). */
async function waitForSamples(n: number): Promise<void> {
  const expr = `count_over_time(up{instance="${lab.nodeExporterInstance}"}[1m])`;
  for (let i = 0; i < 100; i++) {
    const r = (await q['monitoring.query.instant'](
      { source: { kind: 'prometheus', datasourceId: dsId }, expr },
      ctx,
    )) as {
      samples: { value: number | null }[];
    };
    if ((r.samples[0]?.value ?? 0) >= n) return;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`fewer than ${n} scrapes after 20 s:\n${lab.logs()}`);
}

beforeAll(async () => {
  lab = await startPrometheusLab();
  f = await openDsFixture();
  clients = new PromClients({
    clock,
    reveal: null,
    ssh: null,
    quickRetryMs: 50,
    backoff: { baseMs: 2_000, maxMs: 8_000 },
  });
  const router = new EngineRouter({ local: noLocal, datasource: (id) => f.service.get(id), clients });
  q = queryHandlers(router, clock);
  dsId = f.service.save({ name: 'lab', url: lab.promUrl, timeoutMs: 5_000 }).id;
}, 120_000);

afterAll(async () => {
  clients?.closeAll();
  await f?.close();
  await lab?.stop();
});

describe('Prometheus range and instant queries (real Prometheus 2.42 + node_exporter 1.5)', () => {
  it("queries the last minutes with the Grafana step, aligned, and node_exporter reports this machine's MemTotal", async () => {
    const before = clock.now();
    const r = await range(`node_memory_MemTotal_bytes{instance="${lab.nodeExporterInstance}"}`, { widthPx: 300 });
    const after = clock.now();
    // 5 min over 300 px is 1 s per pixel: the nice step is 1 s.
    expect(r.stepMs).toBe(1000);
    const expected = chooseStep({ startMs: after - 300_000, endMs: after, widthPx: 300 });
    expect(r.stepMs).toBe(expected.stepSec * 1000);
    expect(r.from % r.stepMs).toBe(0);
    expect(r.to % r.stepMs).toBe(0);
    expect(r.from).toBeLessThanOrEqual(before - 300_000);
    expect(r.to).toBeGreaterThanOrEqual(after - r.stepMs);
    expect(r.series).toHaveLength(1);
    const s = r.series[0]!;
    expect(s.labels).toMatchObject({ job: 'node', instance: lab.nodeExporterInstance });
    expect(s.name).toBe(`node_memory_MemTotal_bytes{instance="${lab.nodeExporterInstance}", job="node"}`);
    const values = s.v.filter((v): v is number => v !== null);
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v).toBe(memTotalBytes());
    for (const t of s.t) expect(t % r.stepMs).toBe(0);
    expect(r.rawPoints).toBe(s.t.length);
    expect(r.rawPoints).toBeLessThanOrEqual((r.to - r.from) / r.stepMs + 1);
  });

  it('a 30-day panel at the widest width stays under 11,000 points and Prometheus accepts it', async () => {
    const r = await range('up', { range: { from: 'now-30d', to: 'now' }, widthPx: 20_000 });
    expect((r.to - r.from) / r.stepMs + 1).toBeLessThanOrEqual(maxPoints);
    // 30 d / 20,000 px = 129.6 s, rounded up to the nice 5 min; aligned, that is 8,641 points.
    expect(r.stepMs).toBe(300_000);
    expect([...new Set(r.series.map((s) => s.labels.job))].sort()).toEqual(['node', 'prometheus']);
  });

  it('applies a legend template and rates counters', async () => {
    await waitForSamples(4);
    const r = await range(`rate(node_cpu_seconds_total{mode="idle",instance="${lab.nodeExporterInstance}"}[5s])`, {
      legend: 'cpu {{cpu}} {{mode}}',
      range: { from: 'now-1m', to: 'now' },
    });
    expect(r.series.length).toBeGreaterThan(0);
    expect(r.series.map((s) => s.name)).toContain('cpu 0 idle');
    const vals = r.series.flatMap((s) => s.v.filter((v): v is number => v !== null));
    expect(vals.length).toBeGreaterThan(0);
    for (const v of vals) expect(v).toBeGreaterThanOrEqual(0);
  });

  it('a bad PromQL query is the Prometheus error text (bad_data -> bad_input), not retried', async () => {
    const e = await failure(range('rate(x[5m]'));
    expect(e.code).toBe('bad_input');
    const fixture = (body: string) => (JSON.parse(body) as { error: string }).error;
    // The fixtures were captured from this very Prometheus: query_range and query word it differently.
    expect(e.message).toBe(`Prometheus "lab" (${lab.promUrl}): ${fixture(errorParseRange)}`);
    expect(e.details).toMatchObject({ prometheus: { errorType: 'bad_data', retryable: false, httpStatus: 400 } });
    const inst = await failure(
      Promise.resolve(
        q['monitoring.query.instant']({ source: { kind: 'prometheus', datasourceId: dsId }, expr: 'rate(x[5m]' }, ctx),
      ),
    );
    expect(inst.message).toBe(`Prometheus "lab" (${lab.promUrl}): ${fixture(errorParse)}`);
    // The server answered: no backoff, the next query goes straight through.
    const ok = await range('up');
    expect(ok.series.length).toBe(2);
  });

  it('instant queries and label lookups', async () => {
    const inst = (await q['monitoring.query.instant'](
      { source: { kind: 'prometheus', datasourceId: dsId }, expr: 'up' },
      ctx,
    )) as { samples: { labels: Record<string, string>; value: number | null; t: number }[] };
    expect(inst.samples.map((s) => [s.labels.job, s.value]).sort()).toEqual([
      ['node', 1],
      ['prometheus', 1],
    ]);
    const jobs = await q['monitoring.labels.values'](
      { source: { kind: 'prometheus', datasourceId: dsId }, label: 'job' },
      ctx,
    );
    expect(jobs).toEqual(['node', 'prometheus']);
    const names = await q['monitoring.labels.names'](
      { source: { kind: 'prometheus', datasourceId: dsId }, match: 'node_memory_MemTotal_bytes' },
      ctx,
    );
    expect(names).toEqual(['__name__', 'instance', 'job']);
    const metrics = await q['monitoring.labels.values'](
      { source: { kind: 'prometheus', datasourceId: dsId }, label: '__name__', match: '{job="node"}' },
      ctx,
    );
    expect(metrics).toContain('node_memory_MemTotal_bytes');
  });

  it('reports the version when tested', async () => {
    const h = await f.service.test(dsId);
    expect(h).toMatchObject({ ok: true, version: '2.42.0+ds' });
    expect(h.latencyMs).toBeGreaterThan(0);
  });
});

describe('Prometheus stopped mid-session', () => {
  it('fails clearly naming the datasource, backs off, and recovers when Prometheus returns', async () => {
    const c = clients.forDatasource(f.service.get(dsId)!);
    expect((await range('up')).series.length).toBe(2);
    await lab.stopPrometheus();
    try {
      const down = await failure(range('up'));
      expect(down.code).toBe('unavailable');
      expect(down.message).toBe(
        `Prometheus "lab" (${lab.promUrl}) refused the connection: is Prometheus running there? Queries to it pause for 2 s before the next try.`,
      );
      // Within the window calls fail at once (no connection is tried), saying when the next try is.
      const fast = await failure(range('up'));
      expect(fast.message).toMatch(/refused the connection.* Queries to it are paused; the next try is in [12] s\.$/);
      expect(c.backoff.blocked(clock.now())).not.toBeNull();
      const health = await f.service.test(dsId);
      expect(health).toMatchObject({ ok: false, version: null });
      expect(health.message).toMatch(/refused the connection/);
      // The next window is longer.
      offset += 2_000;
      const again = await failure(range('up'));
      expect(again.message).toMatch(/pause for 4 s/);
    } finally {
      await lab.startPrometheus();
    }
    // Back, but the window is still open: fail fast until it ends...
    expect((await failure(range('up'))).message).toMatch(/paused; the next try is in/);
    offset += 4_000;
    // ...then the first call goes through and resets the backoff.
    const r = await range('up');
    expect(r.series.length).toBe(2);
    expect(c.backoff.blocked(clock.now())).toBeNull();
    const mem = await range(`node_memory_MemTotal_bytes{instance="${lab.nodeExporterInstance}"}`, {
      range: { from: 'now-1m', to: 'now' },
    });
    expect(mem.series[0]!.v.filter((v) => v !== null).at(-1)).toBe(memTotalBytes());
  });
});
