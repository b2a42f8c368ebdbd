import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { alertsCommands } from '../../../main/cli/commands/alerts';
import { createApp, type App } from '../../../main/app';
import { humanize1024 } from '../../../main/monitoring/alerts/go-format';
import { OpsError } from '../../../shared/api/errors';
import type { AlertEvent, AlertInstance, AlertRule } from '../../../shared/api/monitoring-alerts';
import type { Datasource } from '../../../shared/api/monitoring-query';
import { startPrometheusLab, type PrometheusLab } from '../../support/prometheus-lab';
import { failure, memTotalBytes } from '../../unit/monitoring-prom/fixture';

/**
 * Alert rules against a real Prometheus 2.42 scraping a real node_exporter,
 * through the real app (router, Prometheus datasource, engines, schedule),
 * on the system clock.
 */

let lab: PrometheusLab;
let dir: string;
let app: App;
let ds: Datasource;
let rule: AlertRule;
const published: AlertEvent[] = [];
const homeBefore = process.env.OPSROOM_HOME;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call<T>(method: string, input: unknown = {}): Promise<T> {
  const r = await app.router.call(method, input, { actor: 'tester', via: 'internal' });
  if (!r.ok) throw OpsError.from(r.error);
  return r.result as T;
}

const mine = async () => (await call<AlertInstance[]>('monitoring.alerts.active')).filter((a) => a.ruleId === rule.id);
const ruleNow = async () => (await call<AlertRule[]>('monitoring.alerts.rules.list')).find((r) => r.id === rule.id)!;

beforeAll(async () => {
  lab = await startPrometheusLab();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-alerts-it-'));
  process.env.OPSROOM_HOME = path.join(dir, 'home'); // where the CLI's own app writes its log (restored after)
  app = createApp({ workspacePath: path.join(dir, 'w.sqlite'), logDir: path.join(dir, 'logs'), mode: 'cli' });
  app.bus.subscribe('monitoring.alerts.transition', (e) => published.push(e));
  ds = await call<Datasource>('monitoring.datasources.save', { name: 'lab', url: lab.promUrl });
}, 120_000);

afterAll(async () => {
  if (homeBefore === undefined) delete process.env.OPSROOM_HOME;
  else process.env.OPSROOM_HOME = homeBefore;
  await app?.close();
  await lab?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('alert rules against a real Prometheus', () => {
  it('node_memory_MemTotal_bytes > 0 goes pending, then firing after `for`, and publishes both', async () => {
    rule = await call<AlertRule>('monitoring.alerts.rules.save', {
      name: 'MemoryPresent',
      source: { kind: 'prometheus', datasourceId: ds.id },
      expr: 'node_memory_MemTotal_bytes > 0',
      for: '2s',
      interval: '1s',
      labels: { severity: 'info' },
      annotations: { summary: '{{ $labels.instance }} has {{ humanize1024 $value }}B' },
    });
    expect(rule.lastError).toBeNull();

    await app.services.monitoring.tick();
    const [pending, ...others] = await mine();
    expect(others).toEqual([]);
    expect(pending).toMatchObject({
      state: 'pending',
      ruleName: 'MemoryPresent',
      labels: { alertname: 'MemoryPresent', instance: lab.nodeExporterInstance, job: 'node', severity: 'info' },
      value: memTotalBytes(),
      silencedBy: [],
    });
    expect(pending.labels.__name__).toBeUndefined();
    expect(pending.annotations.summary).toBe(`${lab.nodeExporterInstance} has ${humanize1024(memTotalBytes())}B`);

    const deadline = Date.now() + 20_000;
    let now = await mine();
    while (now[0]?.state !== 'firing' && Date.now() < deadline) {
      await sleep(250);
      await app.services.monitoring.tick();
      now = await mine();
    }
    const [firing] = now;
    expect(firing).toMatchObject({ state: 'firing', fingerprint: pending.fingerprint, activeAt: pending.activeAt });
    expect(firing.firedAt! - firing.activeAt!).toBeGreaterThanOrEqual(2000);

    const moves = published.filter((e) => e.fingerprint === pending.fingerprint).map((e) => `${e.from}->${e.to}`);
    expect(moves).toEqual(['inactive->pending', 'pending->firing']);
    const hist = await call<AlertEvent[]>('monitoring.alerts.history', { ruleId: rule.id });
    expect(hist.map((e) => e.to)).toEqual(['firing', 'pending']);
    expect(hist[0]).toMatchObject({ silenced: false, value: memTotalBytes(), at: firing.firedAt });
  });

  it('opsroom alerts list shows the firing alert from the same workspace file', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (lines.push(String(chunk)), true));
    try {
      expect(await alertsCommands.list.run(['--workspace', path.join(dir, 'w.sqlite'), '--all'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    const text = lines.join('');
    expect(text).toMatch(
      new RegExp(
        `^FIRING \\tMemoryPresent\\t\\{instance="${lab.nodeExporterInstance}", job="node", severity="info"\\}`,
        'm',
      ),
    );
    expect(text).toMatch(/^rule\tMemoryPresent\tenabled\tevery 1s, for 2s\tlast evaluated .*\tok\t/m);
  });

  it("refuses a rule whose PromQL Prometheus cannot parse, with Prometheus's message", async () => {
    const e = await failure(
      call('monitoring.alerts.rules.save', {
        name: 'Broken',
        source: { kind: 'prometheus', datasourceId: ds.id },
        expr: 'rate(node_cpu_seconds_total[5m]',
      }),
    );
    expect(e.code).toBe('bad_input');
    expect(e.message).toMatch(/^The rule was not saved: Prometheus "lab" .*parse error: unclosed left parenthesis$/);
    expect((await call<AlertRule[]>('monitoring.alerts.rules.list')).map((r) => r.name)).toEqual(['MemoryPresent']);
  });

  it('Prometheus stopped: the error is on the rule and the alert keeps firing; back: the error clears', async () => {
    const before = (await mine())[0];
    expect(before.state).toBe('firing');
    const eventsBefore = published.length;

    await lab.stopPrometheus();
    await call('monitoring.alerts.evaluate', { ruleIds: [rule.id] });
    const failed = await ruleNow();
    expect(failed.lastError).toMatch(/^Prometheus "lab" .* refused the connection/);
    expect((await mine())[0]).toMatchObject({ state: 'firing', firedAt: before.firedAt });

    await lab.startPrometheus();
    const deadline = Date.now() + 45_000;
    let r = await ruleNow();
    while (r.lastError !== null && Date.now() < deadline) {
      await sleep(500);
      await call('monitoring.alerts.evaluate', { ruleIds: [rule.id] });
      r = await ruleNow();
    }
    expect(r.lastError).toBeNull();
    expect((await mine())[0]).toMatchObject({ state: 'firing', firedAt: before.firedAt, activeAt: before.activeAt });
    expect(published.length).toBe(eventsBefore);
  }, 90_000);
});
