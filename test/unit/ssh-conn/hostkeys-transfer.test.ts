import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/applog/types';
import { fingerprintOf } from '../../../main/security/ssh-fingerprint';
import { HostKeyService } from '../../../main/ssh/hostkeys/service';
import { formatHashed, hashHost } from '../../../main/ssh/known-hosts/hashed';
import { parseKnownHosts } from '../../../main/ssh/known-hosts/parser';
import { sshMigrations } from '../../../main/ssh/schema';
import { acceptCore, exportCore, importCore, listCore } from '../../../main/cli/commands/hostkeys';

function blob(type: string, seed: number): string {
  const t = Buffer.from(type);
  const body = Buffer.alloc(32, seed);
  const b = Buffer.alloc(4 + t.length + 4 + body.length);
  b.writeUInt32BE(t.length, 0);
  t.copy(b, 4);
  b.writeUInt32BE(body.length, 4 + t.length);
  body.copy(b, 8 + t.length);
  return b.toString('base64');
}
const K1 = blob('ssh-ed25519', 1);
const K2 = blob('ssh-ed25519', 2);
const K3 = blob('ssh-ed25519', 3);
const K4 = blob('ssh-ed25519', 4);

function service() {
  const db = new Database(':memory:');
  sshMigrations[0]!.up(db);
  const audits: unknown[] = [];
  const svc = new HostKeyService({
    db,
    clock: { now: () => 1000 },
    logger: silentLogger,
    audit: { append: (e) => audits.push(e) },
  });
  return { db, svc, audits };
}
const ci = { id: 'c1', name: 'web-01', type: 'host' };
const check = (svc: HostKeyService, host: string, port: number, key: string) =>
  svc.check({ host, port, key: Buffer.from(key, 'base64'), mode: 'hold', ci, actor: 't' });

describe('known_hosts import/export', () => {
  const salt = Buffer.alloc(20, 9);
  const hashed = formatHashed({ salt, hash: hashHost('[10.0.0.9]:2200', salt) });
  const text = [
    '# comment',
    `web-01,10.0.0.5 ssh-ed25519 ${K1} note`,
    `[10.0.0.6]:2222 ssh-ed25519 ${K2}`,
    `${hashed} ssh-ed25519 ${K3}`,
    `@revoked * ssh-ed25519 ${K4}`,
    `@cert-authority *.corp ssh-ed25519 ${K1}`,
    `*.lab ssh-ed25519 ${K1}`,
    'garbage',
  ].join('\n');

  it('imports plain, [host]:port, hashed and @revoked lines and reports the rest by line', () => {
    const { svc } = service();
    const r = svc.import(text, 'alice');
    expect(r.imported).toBe(5); // web-01, 10.0.0.5, [10.0.0.6]:2222, hashed, revoked
    expect(r.revoked).toBe(1); // '@revoked *' is honoured: a revoked key is refused for every host
    expect(r.unsupported.map((u) => u.line)).toEqual([6, 7]);
    expect(r.errors.map((e) => e.line)).toEqual([8]);
  });

  it('decides trust from the imported rows: plain, port, hashed, changed, revoked', async () => {
    const { svc, audits } = service();
    svc.import(`web-01 ssh-ed25519 ${K1}\n[10.0.0.6]:2222 ssh-ed25519 ${K2}\n`, 'a');
    svc.import(`${hashed} ssh-ed25519 ${K3}\n@revoked * ssh-ed25519 ${K4}\n`, 'a');
    expect(await check(svc, 'WEB-01', 22, K1)).toEqual({ ok: true });
    expect(await check(svc, '10.0.0.6', 2222, K2)).toEqual({ ok: true });
    expect((await check(svc, '10.0.0.6', 22, K2)).ok).toBe(false); // port matters
    expect(await check(svc, '10.0.0.9', 2200, K3)).toEqual({ ok: true });
    const changed = await check(svc, 'web-01', 22, K2);
    expect(changed).toMatchObject({ ok: false, failure: { state: 'hostkey-changed' } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'ssh.hostkey.changed', outcome: 'denied' });
    const revoked = await check(svc, 'anything', 22, K4);
    expect(revoked).toMatchObject({ ok: false, failure: { state: 'hostkey-changed' } });
    const unknown = await check(svc, 'db-01', 22, K1);
    expect(unknown).toMatchObject({ ok: false, failure: { state: 'hostkey-held' } });
    expect(
      svc
        .list()
        .pending.map((p) => p.reason)
        .sort(),
    ).toEqual(['changed', 'unknown', 'unknown']);
  });

  it('accept once is consumed by one connection; reject fails waiters', async () => {
    const { svc } = service();
    await check(svc, 'h', 22, K1);
    const id = svc.list().pending[0]!.id;
    svc.accept([id], false, 'bob');
    expect(await check(svc, 'h', 22, K1)).toEqual({ ok: true });
    expect((await check(svc, 'h', 22, K1)).ok).toBe(false);
    const waiting = svc.check({ host: 'w', port: 22, key: Buffer.from(K2, 'base64'), mode: 'wait', ci, actor: 't' });
    await new Promise((r) => setTimeout(r, 10));
    const pid = svc.list().pending.find((p) => p.host === 'w')!.id;
    expect(svc.reject([pid], 'bob')).toEqual({ rejected: 1 });
    expect(await waiting).toMatchObject({ ok: false, failure: { state: 'hostkey-held' } });
  });

  it('round-trips through export, plain and hashed, keeping @revoked', async () => {
    const { svc } = service();
    svc.import(
      `web-01 ssh-ed25519 ${K1}\n[10.0.0.6]:2222 ssh-ed25519 ${K2}\n${hashed} ssh-ed25519 ${K3}\n@revoked 10.0.0.7 ssh-ed25519 ${K4}\n`,
      'a',
    );
    for (const h of [false, true]) {
      const ex = svc.export(h);
      expect(ex.count).toBe(4);
      const parsed = parseKnownHosts(ex.content);
      expect(parsed.errors).toEqual([]);
      expect(parsed.entries.filter((e) => e.marker === 'revoked').map((e) => e.fingerprint)).toEqual([
        fingerprintOf(Buffer.from(K4, 'base64')),
      ]);
      if (h) expect(ex.content).not.toContain('web-01');
      const again = service();
      const r = again.svc.import(ex.content, 'b');
      expect(r.imported).toBe(4);
      expect(await check(again.svc, 'web-01', 22, K1)).toEqual({ ok: true });
      expect(await check(again.svc, '10.0.0.6', 2222, K2)).toEqual({ ok: true });
      expect(await check(again.svc, '10.0.0.9', 2200, K3)).toEqual({ ok: true });
      expect((await check(again.svc, '10.0.0.7', 22, K4)).ok).toBe(false);
    }
  });

  it('CLI cores: list, accept, import, export', async () => {
    const { svc } = service();
    await check(svc, 'h', 22, K1);
    const lines: string[] = [];
    const p = { out: (l: string) => lines.push(l), err: (l: string) => lines.push('E ' + l) };
    const call = async (m: string, i?: unknown): Promise<unknown> => {
      const x = i as Record<string, never>;
      if (m === 'ssh.hostkeys.list') return svc.list();
      if (m === 'ssh.hostkeys.accept') return svc.accept(x.ids, x.remember, 'cli');
      if (m === 'ssh.hostkeys.import') return svc.import(x.content, 'cli');
      if (m === 'ssh.hostkeys.export') return svc.export(x.hashed);
      throw new Error(m);
    };
    await listCore(call, p);
    expect(lines.join('\n')).toMatch(/pending review \(1\)/);
    const id = svc.list().pending[0]!.id;
    expect(await acceptCore(call, [id], false, p)).toBe(0);
    expect(svc.list().known).toHaveLength(1);
    const fs = await import('node:fs');
    const os = await import('node:os');
    const file = `${os.tmpdir()}/opsroom-kh-${process.pid}`;
    await exportCore(call, { hashed: true, out: file }, p);
    fs.appendFileSync(file, `@cert-authority * ssh-ed25519 ${K2}\n`);
    const other = service();
    expect(
      await importCore(
        async (m, i) =>
          m === 'ssh.hostkeys.import' ? other.svc.import((i as { content: string }).content, 'c') : null,
        file,
        p,
      ),
    ).toBe(0);
    expect(lines.some((l) => l.startsWith('E ') && l.includes(':2: not imported'))).toBe(true);
    fs.rmSync(file);
  });
});
