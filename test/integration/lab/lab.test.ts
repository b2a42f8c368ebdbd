import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../main/app';
import { startLab, type Lab } from '../../../main/lab/lab';
import { registerLab, LAB_RULE_NAME, type LabRegistration } from '../../../main/lab/register';
import { descendants, isAlive } from '../../../main/lab/registry';
import { LAB_USER } from '../../../main/lab/user';
import type { CallOutput, MethodName } from '../../../shared/api';

// The lab as `opsroom lab` runs it (2 hosts, Prometheus), registered in a temp
// workspace, then used only through the router, as the UI would.
let lab: Lab;
let app: App;
let reg: LabRegistration;
let dir: string;
const passphrase = 'lab test passphrase';

async function call<M extends MethodName>(method: M, input?: unknown): Promise<CallOutput<M>> {
  const r = await app.router.call(method, input, { actor: 'tester', via: 'cli' });
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.result as CallOutput<M>;
}

function open(workspacePath: string): App {
  return createApp({ workspacePath, logDir: path.join(dir, 'logs'), mode: 'cli' });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-lab-test-'));
  lab = await startLab({ hosts: 2, logIntervalMs: 1_000 });
  app = open(path.join(dir, 'lab.sqlite'));
  reg = await registerLab(app, lab, { passphrase });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await lab?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const memTotalBytes = () => Number(/^MemTotal:\s+(\d+) kB/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;

describe('opsroom lab, registered through the router', () => {
  it('registers one host CI per sshd, tagged lab, logging in with the lab key, all audited as "lab"', async () => {
    const found = await call('cmdb.search', { query: { tags: ['lab'] } });
    expect(found.items.map((c) => c.name)).toEqual(['lab-1', 'lab-2']);
    for (const [i, ci] of found.items.entries()) {
      expect(ci.connection).toEqual({
        address: '127.0.0.1',
        port: lab.ssh.servers[i]!.port,
        user: LAB_USER,
        credentialId: reg.secretId,
        jumpHostId: null,
      });
    }
    const secrets = await call('vault.secrets.list', {});
    expect(secrets.secrets.find((s) => s.id === reg.secretId)?.fingerprint).toBe(lab.ssh.key.fingerprint);
    const audit = await call('audit.list', { actor: 'lab', limit: 500 });
    const actions = new Set(audit.entries.map((e) => e.action));
    for (const a of [
      'vault.init',
      'vault.secrets.create',
      'cmdb.ci.create',
      'ssh.hostkeys.import',
      'monitoring.datasources.save',
      'monitoring.collector.set',
      'monitoring.logs.sources.save',
      'monitoring.alerts.rules.save',
    ])
      expect(actions, a).toContain(a);
  });

  it('trusts exactly the host keys the lab generated, so SSH connects with no prompt', async () => {
    const keys = await call('ssh.hostkeys.list', {});
    expect(keys.known.map((k) => [k.port, k.fingerprint, k.source, k.acceptedBy]).sort()).toEqual(
      lab.ssh.servers.map((s) => [s.port, s.fingerprint, 'import', 'lab']).sort(),
    );
    for (const h of reg.hosts) expect(await call('ssh.test', { id: h.ciId })).toMatchObject({ ok: true, state: 'ok' });
    const r = await call('ssh.batch.run', { targets: { tags: ['lab'] }, command: 'whoami' });
    let got = await call('ssh.batch.get', { runId: r.id });
    for (let i = 0; got.run.finishedAt === null && i < 300; i++) {
      await new Promise((res) => setTimeout(res, 100));
      got = await call('ssh.batch.get', { runId: r.id });
    }
    expect(got.hosts.map((h) => [h.ci.name, h.state, h.stdout])).toEqual([
      ['lab-1', 'ok', `${LAB_USER}\n`],
      ['lab-2', 'ok', `${LAB_USER}\n`],
    ]);
    expect((await call('ssh.hostkeys.list', {})).pending).toEqual([]);
  });

  it('the Prometheus datasource is the default and its test answers with the running version', async () => {
    const [ds] = await call('monitoring.datasources.list');
    expect(ds).toMatchObject({ id: reg.datasourceId, url: lab.prometheus!.promUrl, isDefault: true });
    const build = (await (await fetch(`${lab.prometheus!.promUrl}/api/v1/status/buildinfo`)).json()) as {
      data: { version: string };
    };
    expect(build.data.version).toMatch(/^2\.\d+\.\d+/);
    const health = await call('monitoring.datasources.test', { id: ds!.id });
    expect(health).toMatchObject({ ok: true, version: build.data.version });
  });

  it('a collector scrape of the lab hosts writes host_memory_total_bytes into the local series', async () => {
    const targets = await call('monitoring.collector.scrapeNow', { ciIds: reg.hosts.map((h) => h.ciId) });
    expect(targets.map((t) => [t.ci.name, t.enabled, t.intervalSec, t.state, t.lastError])).toEqual([
      ['lab-1', true, 5, 'ok', null],
      ['lab-2', true, 5, 'ok', null],
    ]);
    const r = await call('monitoring.query.range', {
      source: { kind: 'local' },
      expr: 'host_memory_total_bytes',
      range: { from: 'now-5m', to: 'now' },
    });
    expect(r.series.map((s) => s.labels.host).sort()).toEqual(['lab-1', 'lab-2']);
    for (const s of r.series) expect(new Set(s.v.filter((v) => v !== null))).toEqual(new Set([memTotalBytes()]));
  });

  it('a log pull finds the lines the lab keeps appending to each host’s file', async () => {
    const pulled = await call('monitoring.logs.pull', { sourceIds: reg.logSourceIds });
    expect(pulled.map((s) => [s.ci.name, s.kind, s.path, s.lastError])).toEqual(
      reg.hosts.map((h) => [h.name, 'file', lab.logs.files.get(h.name), null]),
    );
    expect(pulled.every((s) => s.lines >= 1)).toBe(true);
    const found = await call('monitoring.logs.search', { query: 'heartbeat', hosts: ['lab-2'] });
    expect(found.total).toBeGreaterThanOrEqual(1);
    expect(found.entries[0]!.message).toMatch(/^\S+Z INFO lab-2 #\d+ heartbeat: all services answering$/);
    expect(found.entries[0]!.unit).toBe(lab.logs.files.get('lab-2'));
  });

  it('the example alert rule evaluates on the local series without error', async () => {
    await call('monitoring.alerts.evaluate', { ruleIds: [reg.ruleId] });
    const rule = (await call('monitoring.alerts.rules.list')).find((r) => r.id === reg.ruleId)!;
    expect(rule).toMatchObject({ name: LAB_RULE_NAME, expr: 'host_load1', op: '>', threshold: 4, lastError: null });
    expect(rule.lastEvalAt).not.toBeNull();
  });

  it('registering again (the same workspace) updates what it made instead of duplicating it', async () => {
    const again = await registerLab(app, lab, { passphrase });
    expect(again).toEqual(reg);
    expect((await call('cmdb.search', { query: { tags: ['lab'] } })).total).toBe(2);
    expect(await call('monitoring.datasources.list')).toHaveLength(1);
    expect(await call('monitoring.logs.sources.list')).toHaveLength(2);
  });

  it('stop() leaves no sshd, node_exporter or Prometheus process and no temp dir', async () => {
    const pids = lab.pids().flatMap((p) => [p, ...descendants(p)]);
    expect(pids.length).toBeGreaterThanOrEqual(4);
    expect(pids.every(isAlive)).toBe(true);
    const dirs = [...lab.ssh.servers.map((s) => s.dir), path.dirname(lab.ssh.key.path), lab.prometheus!.dataDir];
    const logDir = path.dirname(lab.logs.files.get('lab-1')!);
    await app.close();
    await lab.stop();
    expect(pids.filter(isAlive)).toEqual([]);
    for (const d of [...dirs, logDir]) expect(fs.existsSync(d), d).toBe(false);
    // The workspace stays and still knows the lab.
    app = open(path.join(dir, 'lab.sqlite'));
    expect((await call('cmdb.search', { query: { tags: ['lab'] } })).total).toBe(2);
  });
});
