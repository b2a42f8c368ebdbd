import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ci } from '../../../shared/api/cmdb-model';
import { isOpsError } from '../../../shared/api/errors';
import type { BatchRun, HostResult } from '../../../shared/api/ssh';
import { openBatch, type BatchFixture } from './fixture';
import { startBatchLab, type BatchLab } from './lab';

// Batch runs against real OpenSSH servers: 5 sshd, a closed port and a
// server that accepts TCP and never speaks.
let lab: BatchLab;
let f: BatchFixture;
const hosts: Ci[] = [];
const me = { actor: 'tester' };

const run = (input: Record<string, unknown>) =>
  f.service.run({ concurrency: 20, timeoutSec: 10, confirmed: true, ...input } as never, me);

const byName = (hs: HostResult[]) => Object.fromEntries(hs.map((h) => [h.ci.name, h]));

async function finished(r: BatchRun) {
  await f.service.wait(r.id);
  return f.service.get({ runId: r.id });
}

beforeAll(async () => {
  lab = await startBatchLab(5);
  f = openBatch({ pool: lab.pool, resolver: lab.resolver });
  lab.servers.forEach((s, i) =>
    hosts.push(
      f.addCi({
        type: 'host',
        name: `web-0${i + 1}`,
        tags: ['web'],
        environment: 'staging',
        fields: { code: i < 3 ? '0' : String(i - 1), sleep: i === 0 ? '30' : '0' },
        connection: { address: s.address, port: s.port, user: s.user },
      }),
    ),
  );
  f.addCi({
    type: 'host',
    name: 'dead-01',
    tags: ['bad'],
    fields: { sleep: '0' },
    connection: { address: '127.0.0.1', port: lab.closed },
  });
  f.addCi({
    type: 'host',
    name: 'mute-01',
    tags: ['bad'],
    fields: { sleep: '0' },
    connection: { address: '127.0.0.1', port: lab.silent.port },
  });
}, 60_000);

afterAll(async () => {
  await f?.close();
  await lab?.stop();
});

describe('batch runs on real sshd', () => {
  it('runs a command, stores exit codes and groups identical outputs', async () => {
    const r = run({ targets: { tags: ['web'] }, command: 'echo same; exit {{ci.fields.code}}' });
    expect(r.total).toBe(5);
    const { run: done, hosts: hs, groups } = await finished(r);
    expect(done.counts).toMatchObject({ ok: 3, failed: 2, queued: 0 });
    expect(done.finishedAt).not.toBeNull();
    const h = byName(hs);
    expect(h['web-01']).toMatchObject({ state: 'ok', exitCode: 0, stdout: 'same\n', error: null });
    expect(h['web-05']).toMatchObject({ state: 'failed', exitCode: 3 });
    expect(h['web-05']!.error).toMatch(/exited with code 3/);
    expect(hs.every((x) => x.durationMs !== null && x.startedAt !== null)).toBe(true);
    expect(groups.map((g) => [g.hosts.length, g.state, g.exitCode])).toEqual([
      [3, 'ok', 0],
      [1, 'failed', 2],
      [1, 'failed', 3],
    ]);
    expect(groups[0]!.hosts.map((x) => x.name)).toEqual(['web-01', 'web-02', 'web-03']);
    // streamed output, host states and one audit summary
    expect(
      f.events.some((e) => e.topic === 'ssh.batch.output' && (e.payload as { chunk: string }).chunk === 'same\n'),
    ).toBe(true);
    const audit = f.audit.list({ limit: 100 } as never).entries.filter((e) => e.action === 'ssh.batch.completed');
    const mine = audit.find((e) => (e.details as { runId: string }).runId === r.id)!;
    expect(mine).toMatchObject({ outcome: 'error', target: 'echo same; exit {{ci.fields.code}}' });
    expect(mine.details).toMatchObject({ total: 5, counts: { ok: 3, failed: 2 } });
  });

  it('a closed port, a silent server and a hanging command all end within the timeout without holding up others', async () => {
    const t0 = performance.now();
    const r = run({
      targets: { tags: ['web', 'bad'] },
      command: 'sleep {{ci.fields.sleep}}; echo done',
      timeoutSec: 2,
    });
    const { hosts: hs, run: done } = await finished(r);
    const ms = performance.now() - t0;
    const h = byName(hs);
    expect(h['dead-01'], h['dead-01']!.error ?? '').toMatchObject({ state: 'unreachable' });
    expect(h['mute-01']).toMatchObject({ state: 'timed-out' });
    expect(h['mute-01']!.error).toMatch(/did not complete the SSH login/);
    expect(h['web-01']).toMatchObject({ state: 'timed-out' });
    expect(h['web-01']!.error).toMatch(/did not finish within 2 s/);
    for (const n of ['web-02', 'web-03', 'web-04', 'web-05'])
      expect(h[n]).toMatchObject({ state: 'ok', stdout: 'done\n' });
    expect(h['web-02']!.durationMs!).toBeLessThan(1500); // not held up by the hanging ones
    expect(done.counts).toMatchObject({ ok: 4, 'timed-out': 2, unreachable: 1 });
    expect(ms).toBeLessThan(2000 + 1500);
  });

  it('cancelling a run mid-way gives every host a final state quickly', async () => {
    const r = run({ targets: { tags: ['web'] }, command: 'sleep 20', concurrency: 3 });
    await until(() => f.service.get({ runId: r.id }).hosts.filter((x) => x.state === 'running').length === 3);
    const t0 = performance.now();
    f.service.cancel({ runId: r.id });
    const { hosts: hs, run: done } = await finished(r);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(hs.every((x) => x.state === 'cancelled')).toBe(true);
    expect(done.counts.cancelled).toBe(5);
  });

  it('cancelling one host stops it and leaves the others running', async () => {
    const r = run({ targets: { tags: ['web'] }, command: 'sleep {{ci.fields.sleep}}; echo fine' });
    await until(() => byName(f.service.get({ runId: r.id }).hosts)['web-01']!.state === 'running');
    f.service.cancel({ runId: r.id, ciId: hosts[0]!.id });
    const { hosts: hs } = await finished(r);
    const h = byName(hs);
    expect(h['web-01']).toMatchObject({ state: 'cancelled' });
    for (const n of ['web-02', 'web-03', 'web-04', 'web-05']) expect(h[n]!.state).toBe('ok');
  });

  it('retries the hosts that did not end ok, with the same command, rendered again', async () => {
    const first = await finished(run({ targets: { tags: ['web'] }, command: 'exit {{ci.fields.code}}' }));
    expect(first.run.counts).toMatchObject({ ok: 3, failed: 2 });
    for (const c of hosts.slice(3)) {
      const cur = f.cmdb.cis.get(c.id)!;
      f.cmdb.update({ id: c.id, version: cur.version, patch: { fields: { ...cur.fields, code: '0' } } } as never, {
        actor: 'tester',
        requestId: 'fix',
      });
    }
    const again = f.service.retry({ runId: first.run.id, confirmed: false }, me);
    expect(again.total).toBe(2);
    expect(again.command).toBe('exit {{ci.fields.code}}');
    const second = await finished(again);
    expect(second.hosts.map((x) => [x.ci.name, x.state])).toEqual([
      ['web-04', 'ok'],
      ['web-05', 'ok'],
    ]);
  });

  it('never has more hosts running than the concurrency limit', async () => {
    const extra = lab.servers.map((s, i) =>
      f.addCi({ type: 'host', name: `conc-${i}`, tags: ['conc'], connection: { address: s.address, port: s.port } }),
    );
    extra.push(
      ...lab.servers.map((s, i) =>
        f.addCi({ type: 'vm', name: `conc-vm-${i}`, tags: ['conc'], connection: { address: s.address, port: s.port } }),
      ),
    );
    const live = new Map<string, string>();
    let max = 0;
    const off = f.on((e) => {
      if (e.topic !== 'ssh.batch.host') return;
      const h = (e.payload as { host: HostResult }).host;
      live.set(h.ci.id, h.state);
      max = Math.max(max, [...live.values()].filter((s) => s === 'running' || s === 'connecting').length);
    });
    const { run: done } = await finished(run({ targets: { tags: ['conc'] }, command: 'sleep 0.4', concurrency: 3 }));
    off();
    expect(done.counts.ok).toBe(10);
    expect(max).toBe(3);
  });

  it('CI names and fields are data: shell metacharacters are echoed, never run', async () => {
    const marker = `/tmp/pwned-${process.pid}-${Date.now()}`;
    const evil = [
      `$(touch ${marker})`,
      `\`touch ${marker}\``,
      `x; touch ${marker}; rm -rf /tmp/nothing-here`,
      `it's "quoted" \\ $HOME`,
    ];
    const s = lab.servers[0]!;
    const cis = evil.map((name, i) =>
      f.addCi({
        type: 'host',
        name,
        tags: ['evil'],
        fields: { x: `line1\n$(touch ${marker})\n'; touch ${marker}; echo '${i}` },
        connection: { address: s.address, port: s.port },
      }),
    );
    const { hosts: hs } = await finished(
      run({ targets: { tags: ['evil'] }, command: "printf '%s|' {{ci.name}} {{ci.fields.x}} {{ci.address}}" }),
    );
    expect(hs).toHaveLength(4);
    for (const h of hs) {
      const ci = cis.find((c) => c.id === h.ci.id)!;
      expect(h.state).toBe('ok');
      expect(h.stdout).toBe(`${ci.name}|${ci.fields.x}|${s.address}|`);
    }
    expect(fs.existsSync(marker)).toBe(false);
  });

  it('asks for confirmation over the limit or for production hosts', async () => {
    f.settings.confirmOver = 3;
    try {
      const refused = (() => {
        try {
          f.service.run(
            { targets: { tags: ['web'] }, command: 'true', concurrency: 5, timeoutSec: 5, confirmed: false } as never,
            me,
          );
        } catch (e) {
          return e;
        }
      })();
      expect(isOpsError(refused) && refused.code).toBe('confirm_required');
      expect((refused as Error).message).toBe('This runs on 5 hosts. Confirm to go ahead.');
      f.addCi({
        type: 'host',
        name: 'prod-01',
        environment: 'prod',
        tags: ['p'],
        connection: { address: '127.0.0.1', port: lab.closed },
      });
      let prodErr: unknown;
      try {
        f.service.run(
          { targets: { tags: ['p'] }, command: 'true', concurrency: 5, timeoutSec: 5, confirmed: false } as never,
          me,
        );
      } catch (e) {
        prodErr = e;
      }
      expect(prodErr).toMatchObject({ code: 'confirm_required', details: { total: 1, production: 1 } });
      const before = f.service.list({ limit: 500 }).runs.length;
      expect(before).toBeGreaterThan(0);
      const ok = f.service.run(
        { targets: { tags: ['p'] }, command: 'true', concurrency: 5, timeoutSec: 5, confirmed: true } as never,
        me,
      );
      expect(f.service.list({ limit: 500 }).runs[0]!.id).toBe(ok.id);
      await f.service.wait(ok.id);
    } finally {
      f.settings.confirmOver = 100_000;
    }
  });
});

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
