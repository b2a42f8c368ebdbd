import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annotationsFrom } from '../../../main/monitoring/dashboards/annotations';
import { openApp, type AppFixture } from './helpers';

let f: AppFixture;
beforeEach(() => {
  f = openApp();
});
afterEach(async () => {
  await f.close();
});

/** A loopback port with nothing listening: connections are refused at once. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function finished(runId: string) {
  for (let i = 0; i < 400; i++) {
    const { run } = await f.call('ssh.batch.get', { runId });
    if (run.finishedAt !== null) return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`batch run ${runId} did not finish`);
}

describe('annotations from the audit chain', () => {
  it('draws CI changes and batch runs, for one CI only when asked, and never refused calls', async () => {
    const port = await closedPort();
    const conn = { address: '127.0.0.1', port, user: 'ops' };
    const t0 = f.clock.t;
    const web = await f.call('cmdb.ci.create', { type: 'host', name: 'web-01', environment: 'test', connection: conn });
    const db = await f.call('cmdb.ci.create', { type: 'host', name: 'db-01', environment: 'test', connection: conn });
    const prod = await f.call('cmdb.ci.create', {
      type: 'host',
      name: 'prod-01',
      environment: 'prod',
      connection: conn,
    });

    f.clock.t = t0 + 60_000;
    await f.call('cmdb.ci.update', { id: web.id, version: web.version, patch: { description: 'front' } });
    await f.call('cmdb.relations.add', { from: web.id, to: db.id, type: 'depends_on' });

    f.clock.t = t0 + 120_000;
    const run1 = await f.call('ssh.batch.run', { targets: { ids: [web.id] }, command: 'uptime', confirmed: true });
    const done1 = await finished(run1.id);
    f.clock.t = t0 + 180_000;
    const run2 = await f.call('ssh.batch.run', { targets: { tags: [], ids: [db.id] }, command: 'df -h' });
    await finished(run2.id);
    // Production needs a confirmation: asked, not run, so not drawn.
    const refused = await f.fails('ssh.batch.run', { targets: { ids: [prod.id] }, command: 'reboot' });
    expect(refused.code).toBe('confirm_required');
    // Not an action on a system.
    await f.call('monitoring.dashboards.save', {
      title: 'D',
      panels: [],
    });

    f.clock.t = t0 + 240_000;
    const all = await f.call('monitoring.annotations', { range: { from: 'now-1h', to: 'now' } });
    expect(all.map((a) => [a.kind, a.title])).toEqual([
      ['cmdb', 'CI created: web-01'],
      ['cmdb', 'CI created: db-01'],
      ['cmdb', 'CI created: prod-01'],
      ['cmdb', 'CI updated: web-01'],
      ['cmdb', 'Relation added: web-01 depends_on db-01'],
      ['batch', 'Batch run: uptime'],
      ['batch', 'Batch run: df -h'],
    ]);
    const batch = all[5]!;
    expect(batch.time).toBe(t0 + 120_000);
    expect(batch.end).toBe(done1.finishedAt);
    expect(batch.text).toMatch(/of 1 host\(s\).* · by alice$/);
    const start = f.app.services.audit
      .list({ limit: 1000, action: 'ssh.batch.run' })
      .entries.find((e) => String(e.seq) === batch.ref);
    expect(start).toMatchObject({ outcome: 'started', target: 'uptime' });
    for (const a of all.filter((x) => x.kind === 'cmdb')) expect(a.end).toBe(a.time);

    const forWeb = await f.call('monitoring.annotations', { range: { from: 'now-1h', to: 'now' }, ciId: web.id });
    expect(forWeb.map((a) => a.title)).toEqual([
      'CI created: web-01',
      'CI updated: web-01',
      'Relation added: web-01 depends_on db-01',
      'Batch run: uptime',
    ]);
    const forDb = await f.call('monitoring.annotations', { range: { from: 'now-1h', to: 'now' }, ciId: db.id });
    expect(forDb.map((a) => a.title)).toEqual([
      'CI created: db-01',
      'Relation added: web-01 depends_on db-01',
      'Batch run: df -h',
    ]);

    // The range and the limit: the newest ones inside the range.
    const recent = await f.call('monitoring.annotations', { range: { from: 'now-150s', to: 'now' } });
    expect(recent.map((a) => a.title)).toEqual(['Batch run: uptime', 'Batch run: df -h']);
    const newest = await f.call('monitoring.annotations', { range: { from: 'now-1h', to: 'now' }, limit: 1 });
    expect(newest.map((a) => a.title)).toEqual(['Batch run: df -h']);
    const absolute = await f.call('monitoring.annotations', {
      range: { from: String(t0 + 50_000), to: String(t0 + 70_000) },
    });
    expect(absolute.map((a) => a.title)).toEqual(['CI updated: web-01', 'Relation added: web-01 depends_on db-01']);

    expect((await f.fails('monitoring.annotations', { range: { from: 'now', to: 'now-1h' } })).code).toBe('bad_input');
  });

  it('a run whose request is outside the range still draws as its span, and overlapping spans count', () => {
    const audit = f.app.services.audit;
    const t = f.clock.t;
    // What the batch service writes for a run it settled after a restart: no request seq.
    audit.append({
      actor: 'bob',
      action: 'ssh.batch.completed',
      target: 'apt-get upgrade',
      outcome: 'cancelled',
      details: { runId: 'r1', kind: 'command', total: 2, counts: { ok: 1, cancelled: 1 }, durationMs: 90_000 },
      time: t,
    });
    const entries = audit.list({ limit: 10 }).entries.reverse();
    const at = (startMs: number, endMs: number, ci?: { id: string; name: string; ranOn(r: string): boolean }) =>
      annotationsFrom(entries, { startMs, endMs, limit: 10, ...(ci ? { ci } : {}) });
    const [a] = at(t - 60_000, t + 60_000);
    expect(a).toEqual({
      time: t - 90_000,
      end: t,
      kind: 'batch',
      title: 'Batch run: apt-get upgrade',
      text: 'ok 1, cancelled 1 of 2 host(s) · 1.5 min · by bob',
      ref: String(entries[0]!.seq),
    });
    expect(at(t - 80_000, t - 70_000)).toHaveLength(1); // inside the span
    expect(at(t + 1, t + 60_000)).toHaveLength(0);
    expect(at(t - 200_000, t - 100_000)).toHaveLength(0);
    expect(at(t - 60_000, t, { id: 'c1', name: 'x', ranOn: (r) => r === 'r1' })).toHaveLength(1);
    expect(at(t - 60_000, t, { id: 'c1', name: 'x', ranOn: () => false })).toHaveLength(0);
  });
});
