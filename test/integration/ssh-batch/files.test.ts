import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchHandlers } from '../../../main/ssh/batch/handlers';
import type { BatchRun } from '../../../shared/api/ssh';
import { openBatch, type BatchFixture } from './fixture';
import { startBatchLab, type BatchLab } from './lab';

let lab: BatchLab;
let f: BatchFixture;
const me = { actor: 'tester' };
const opts = { concurrency: 1, timeoutSec: 10, confirmed: true };

async function finished(r: BatchRun) {
  await f.service.wait(r.id);
  return f.service.get({ runId: r.id });
}

beforeAll(async () => {
  lab = await startBatchLab(3);
  f = openBatch({ pool: lab.pool, resolver: lab.resolver, maxOutputBytes: 1000 });
  lab.servers.forEach((s, i) =>
    f.addCi({ type: 'host', name: `db-0${i + 1}`, tags: ['db'], connection: { address: s.address, port: s.port } }),
  );
  // A name that would climb out of the fetch folder if used as a path.
  f.addCi({
    type: 'vm',
    name: '../../escape',
    tags: ['db'],
    connection: { address: lab.servers[0]!.address, port: lab.servers[0]!.port },
  });
}, 60_000);

afterAll(async () => {
  await f?.close();
  await lab?.stop();
});

describe('file push and fetch over SFTP, exports, snippets', () => {
  const remote = () => path.join(lab.home, `batch-push-${process.pid}.txt`);
  const content = Buffer.from('hello from opsroom\n'.repeat(1000));
  const sha = createHash('sha256').update(content).digest('hex');

  it('pushes a file with its mode and verifies sha256 on each host', async () => {
    const r = f.service.pushFile(
      {
        ...opts,
        targets: { tags: ['db'], ids: [] },
        content: content.toString('base64'),
        fileName: 'x.txt',
        remotePath: remote(),
        mode: 0o640,
      },
      me,
    );
    const { hosts } = await finished(r);
    expect(hosts).toHaveLength(4);
    for (const h of hosts) expect(h, h.error ?? '').toMatchObject({ state: 'ok', sha256: sha });
    expect(fs.readFileSync(remote())).toEqual(content);
    expect(fs.statSync(remote()).mode & 0o777).toBe(0o640);
  });

  it('fetches a file into one folder per host, never outside the chosen folder', async () => {
    const local = fs.mkdtempSync(path.join(f.dir, 'fetch-'));
    const r = f.service.fetchFile(
      { ...opts, targets: { tags: ['db'], ids: [] }, remotePath: remote(), localDir: local },
      me,
    );
    const { hosts } = await finished(r);
    for (const h of hosts) expect(h, h.error ?? '').toMatchObject({ state: 'ok', sha256: sha });
    const dirs = fs.readdirSync(local).sort();
    expect(dirs).toEqual(['.._.._escape', 'db-01', 'db-02', 'db-03']);
    for (const d of dirs) expect(fs.readFileSync(path.join(local, d, path.basename(remote())))).toEqual(content);
    expect(fs.existsSync(path.join(local, '..', '..', 'escape'))).toBe(false);
    expect(() =>
      f.service.fetchFile(
        { ...opts, targets: { tags: ['db'], ids: [] }, remotePath: remote(), localDir: path.join(local, 'nope') },
        me,
      ),
    ).toThrow(/does not exist/);
  });

  it('a failed push says why, per host', async () => {
    const r = f.service.pushFile(
      {
        ...opts,
        targets: { tags: ['db'], ids: [] },
        content: 'aGk=',
        fileName: 'x',
        remotePath: '/root/not-allowed/x',
        mode: 0o644,
      },
      me,
    );
    const { hosts } = await finished(r);
    for (const h of hosts) expect(h.state).toBe('failed');
    expect(hosts[0]!.error).toMatch(/Could not write \/root\/not-allowed\/x/);
  });

  it('runs a snippet through the handlers, caps output, and exports CSV and JSON', async () => {
    const h = batchHandlers(f.service);
    const ctx = { actor: 'tester', via: 'internal' as const, requestId: 'r1', auditRef: 7 };
    const sn = await h['ssh.snippets.save'](
      {
        name: 'say',
        template: 'echo =1+{{word}}, {{ci.name}}; head -c 5000 /dev/zero | tr "\\0" x',
        params: [{ name: 'word', description: '', default: 'a' }],
      },
      ctx,
    );
    expect((await h['ssh.snippets.list'](undefined as never, ctx)).snippets.map((s) => s.name)).toEqual(['say']);
    const r = await h['ssh.batch.run'](
      { ...opts, targets: { tags: ['db'], ids: [] }, snippet: { id: sn.id, params: { word: '"q"' } } },
      ctx,
    );
    await f.service.wait(r.id);
    const got = await h['ssh.batch.get']({ runId: r.id }, ctx);
    expect(got.hosts.every((x) => x.state === 'ok' && x.truncated && x.stdout.length === 1000)).toBe(true);
    expect(got.hosts[1]!.stdout.startsWith('=1+"q", db-01\nxxx')).toBe(true);

    const csv = await h['ssh.batch.export']({ runId: r.id, format: 'csv' }, ctx);
    expect(csv.fileName).toMatch(/^batch-.*\.csv$/);
    const lines = csv.content.split('\r\n');
    expect(lines[0]).toBe(
      'ci,type,ciId,address,state,exitCode,signal,startedAt,durationMs,truncated,error,sha256,stdout,stderr',
    );
    expect(csv.content).toContain(`"'=1+""q"", db-01\nxxx`); // formula-protected, RFC 4180 quoted
    expect(csv.content).toContain('\r\n../../escape,vm,');
    const json = JSON.parse((await h['ssh.batch.export']({ runId: r.id, format: 'json' }, ctx)).content);
    expect(json.run.id).toBe(r.id);
    expect(json.hosts).toHaveLength(4);
    const summary = f.audit
      .list({ limit: 200 } as never)
      .entries.find((e) => e.action === 'ssh.batch.completed' && (e.details as { runId: string }).runId === r.id)!;
    expect(summary).toMatchObject({ outcome: 'ok', details: { requestAuditSeq: 7, counts: { ok: 4 } } });
    await h['ssh.snippets.delete']({ id: sn.id }, ctx);
    expect((await h['ssh.batch.list']({ limit: 50 }, ctx)).runs.length).toBeGreaterThanOrEqual(4);
  });
});
