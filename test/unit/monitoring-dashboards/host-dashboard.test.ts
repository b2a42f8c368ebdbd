import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dashboardBody, type Dashboard } from '../../../shared/api/monitoring-dashboards';
import { bodyProblem } from '../../../main/monitoring/dashboards/check';
import { collectorMetrics } from '../../../main/monitoring/collector/metrics';
import { parseExpr } from '../../../main/monitoring/local/promql/parser';
import { openApp, type AppFixture } from './helpers';

let f: AppFixture;
beforeEach(() => {
  f = openApp();
});
afterEach(async () => {
  await f.close();
});

const hostCi = (name: string, type = 'host') =>
  f.call('cmdb.ci.create', {
    type,
    name,
    environment: 'test',
    connection: type === 'service' ? null : { address: '127.0.0.1', port: 22, user: 'ops' },
  });

function body(d: Dashboard) {
  const { id: _i, builtIn: _b, createdAt: _c, updatedAt: _u, ...rest } = d;
  return rest;
}

/** No two panels share a grid cell. */
function overlaps(d: Dashboard): string[] {
  const taken = new Map<string, string>();
  const out: string[] = [];
  for (const p of d.panels) {
    for (let x = p.grid.x; x < p.grid.x + p.grid.w; x++) {
      for (let y = p.grid.y; y < p.grid.y + p.grid.h; y++) {
        const k = `${x},${y}`;
        if (taken.has(k)) out.push(`${p.id} over ${taken.get(k)}`);
        taken.set(k, p.id);
      }
    }
  }
  return out;
}

const metricOf = (expr: string) => /\b(host_[a-z0-9_]+)\{/.exec(expr)?.[1];

describe('the built-in host dashboard', () => {
  it('without Prometheus: the SSH collector’s series of this CI, through the host variable', async () => {
    const ci = await hostCi('web-01');
    const d = await f.call('monitoring.dashboards.host', { ciId: ci.id });
    expect(d).toMatchObject({
      id: `host:${ci.id}`,
      builtIn: true,
      title: 'Host web-01',
      source: { kind: 'local' },
      refreshSec: 30,
      range: { from: 'now-1h', to: 'now' },
      variables: [{ name: 'host', kind: 'ci', ciType: 'host', current: 'web-01' }],
    });
    expect(dashboardBody.safeParse(body(d)).success).toBe(true);
    expect(bodyProblem(dashboardBody.parse(body(d)))).toBeNull();
    expect(overlaps(d)).toEqual([]);
    expect(new Set(d.panels.map((p) => p.type))).toEqual(new Set(['stat', 'gauge', 'timeseries']));

    const known = new Set(collectorMetrics.map((m) => m.name));
    for (const p of d.panels) {
      for (const q of p.queries) {
        expect(q.source).toEqual({ kind: 'local' });
        expect(q.expr).toContain('ci="$host_id"');
        expect(known.has(metricOf(q.expr) ?? '')).toBe(true);
        // The workspace's own query language reads it once $host_id is filled in.
        expect(() => parseExpr(q.expr.replaceAll('$host_id', ci.id))).not.toThrow();
      }
    }
    const cpu = d.panels.find((p) => p.id === 'local-cpu-busy')!;
    expect(cpu).toMatchObject({ unit: 'percent', min: 0, max: 100 });
    expect(cpu.thresholds.map((t) => t.value)).toEqual([80, 90]);
    // Nothing is stored: the list stays empty.
    expect(await f.call('monitoring.dashboards.list')).toEqual([]);
  });

  it('with a default Prometheus: node_exporter panels first, for this address, in valid PromQL', async () => {
    const ci = await hostCi('db-01');
    const ds = await f.call('monitoring.datasources.save', { name: 'lab', url: 'http://127.0.0.1:9', isDefault: true });
    const d = await f.call('monitoring.dashboards.host', { ciId: ci.id });
    expect(d.source).toEqual({ kind: 'prometheus', datasourceId: ds.id });
    const prom = d.panels.filter((p) => p.queries.some((q) => q.source?.kind === 'prometheus'));
    const local = d.panels.filter((p) => p.queries.every((q) => q.source?.kind === 'local'));
    expect(prom.length).toBeGreaterThanOrEqual(10);
    expect(prom.length + local.length).toBe(d.panels.length);
    expect(d.panels.slice(0, prom.length)).toEqual(prom);
    expect(Math.min(...local.map((p) => p.grid.y))).toBeGreaterThanOrEqual(
      Math.max(...prom.map((p) => p.grid.y + p.grid.h)),
    );
    expect(overlaps(d)).toEqual([]);
    expect(bodyProblem(dashboardBody.parse(body(d)))).toBeNull();
    expect(prom.find((p) => p.id === 'prom-cpu-busy')!.queries[0]!.expr).toBe(
      '100 - avg(rate(node_cpu_seconds_total{mode="idle",instance=~"$host_address_re(:[0-9]+)?"}[$__rate_interval])) * 100',
    );

    // promtool parses every expression once the variables are filled in as the view fills them.
    const exprs = prom.flatMap((p) => p.queries.map((q) => q.expr));
    for (const e of exprs) expect(e).toContain('instance=~"$host_address_re(:[0-9]+)?"');
    const rules = {
      groups: [
        {
          name: 'host',
          rules: exprs.map((e, i) => ({
            record: `host:panel${i}`,
            expr: e.replaceAll('$host_address_re', '127\\\\.0\\\\.0\\\\.1').replaceAll('$__rate_interval', '1m'),
          })),
        },
      ],
    };
    const file = path.join(f.dir, 'rules.yml');
    fs.writeFileSync(file, JSON.stringify(rules));
    const out = execFileSync('promtool', ['check', 'rules', file], { encoding: 'utf8' });
    expect(out).toContain(`SUCCESS: ${exprs.length} rules found`);
  });

  it('is reachable by its id for get and export, and refuses what is not a host', async () => {
    const ci = await hostCi('web-02');
    const viaGet = await f.call('monitoring.dashboards.get', { id: `host:${ci.id}` });
    expect(viaGet).toEqual(await f.call('monitoring.dashboards.host', { ciId: ci.id }));
    const out = await f.call('monitoring.dashboards.export', { id: `host:${ci.id}` });
    expect(out.fileName).toBe('host-web-02.dashboard.json');
    // Saved as a copy, it becomes an ordinary dashboard.
    const copy = await f.call('monitoring.dashboards.import', { json: out.json });
    expect(copy).toMatchObject({ title: 'Host web-02', builtIn: false });

    const svc = await hostCi('billing', 'service');
    const e = await f.fails('monitoring.dashboards.host', { ciId: svc.id });
    expect(e.code).toBe('bad_input');
    expect(e.message).toMatch(/billing is a service, not a host/);
    expect((await f.fails('monitoring.dashboards.host', { ciId: 'nope' })).code).toBe('not_found');
  });
});
