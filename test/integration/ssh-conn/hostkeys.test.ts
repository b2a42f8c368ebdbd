import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOpsError } from '../../../shared/api/errors';
import type { PendingHostKey } from '../../../shared/api/ssh';
import { testConnection } from '../../../main/ssh/handlers-hostkeys';
import {
  createNetnsPair,
  generateKeyPair,
  startSshd,
  type LabKeyPair,
  type LabSshd,
  type NetnsPair,
} from '../../support/sshd-lab';
import { countMatches, endpoint, execOpts, openSshFixture, type SshFixture } from './fixture';

const hold = { timeoutMs: 10_000, hostKeyMode: 'hold' as const, actor: 'tester' };

async function stateOf(p: Promise<unknown>): Promise<{ state: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (!isOpsError(e)) throw e;
    return e.details as { state: string; message: string };
  }
  return { state: 'ok', message: '' };
}

describe('host keys are never skipped (real sshd)', () => {
  let fx: SshFixture;
  let key: LabKeyPair;
  let keyId: string;
  let srv: LabSshd;
  const pending: PendingHostKey[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-hk-'));
  fs.chmodSync(tmp, 0o777);

  beforeAll(async () => {
    fx = await openSshFixture({ waitTimeoutMs: 5_000 });
    fx.bus.subscribe('ssh.hostkeys.pending', (p) => pending.push(p));
    key = generateKeyPair({ type: 'ed25519' });
    keyId = fx.vault.createSecret({ name: 'deploy-key', kind: 'ssh-key', value: key.privateKey }).id;
    srv = await startSshd({ authorizedKeys: [key.publicKey] });
  });
  afterAll(async () => {
    await fx?.close();
    await srv?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('unknown key in hold mode: listed for review, nothing authenticated; accept and remember → connects', async () => {
    const t = { target: endpoint(srv, { kind: 'key', secretId: keyId }, 'web-01'), jumps: [] };
    const f = await stateOf(fx.pool.acquire(t, hold));
    expect(f.state).toBe('hostkey-held');
    expect(f.message).toContain(srv.fingerprint);
    const list = fx.hostKeys.list();
    expect(list.pending).toHaveLength(1);
    expect(list.pending[0]).toMatchObject({
      host: srv.address,
      port: srv.port,
      reason: 'unknown',
      fingerprint: srv.fingerprint,
    });
    expect(list.pending[0]!.cis.map((c) => c.name)).toEqual(['web-01']);
    expect(pending.at(-1)?.fingerprint).toBe(srv.fingerprint);
    expect(srv.log()).not.toMatch(/Accepted/);

    expect(fx.hostKeys.accept([list.pending[0]!.id], true, 'alice')).toEqual({ accepted: 1 });
    const known = fx.hostKeys.list().known;
    expect(known).toHaveLength(1);
    expect(known[0]).toMatchObject({
      source: 'prompt',
      acceptedBy: 'alice',
      fingerprint: srv.fingerprint,
      revoked: false,
    });
    const lease = await fx.pool.acquire(t, hold);
    expect((await lease.exec('echo in', execOpts)).stdout).toBe('in\n');
    lease.release();
  });

  it('a changed key (MITM) is refused before anything is sent, audited, and the command never runs', async () => {
    const p = fx.newPool();
    const marker = path.join(tmp, 'ran');
    const t = { target: endpoint(srv, { kind: 'key', secretId: keyId }, 'web-01'), jumps: [] };
    const oldFp = srv.fingerprint;
    await srv.restart({ newHostKey: true });
    const logBefore = srv.log().length;
    const f = await stateOf(
      p.acquire(t, hold).then(async (l) => {
        await l.exec(`touch ${marker}`, execOpts);
        l.release();
      }),
    );
    expect(f.state).toBe('hostkey-changed');
    expect(f.message).toMatch(/man-in-the-middle/);
    expect(f.message).toContain(srv.fingerprint);
    expect(f.message).toContain(oldFp);
    expect(fs.existsSync(marker)).toBe(false);
    const after = srv.log().slice(logBefore);
    expect(after).not.toMatch(/Accepted|Failed publickey|Postponed/);
    const audit = fx.ws.db
      .prepare("SELECT outcome, details FROM audit_log WHERE action = 'ssh.hostkey.changed'")
      .all() as { outcome: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.outcome).toBe('denied');
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ presented: srv.fingerprint, known: oldFp, port: srv.port });
    const pend = fx.hostKeys.list().pending.find((x) => x.reason === 'changed')!;
    expect(pend.knownFingerprint).toBe(oldFp);

    // accepting a changed key is refused; replacing it is the deliberate path
    expect(() => fx.hostKeys.accept([pend.id], true, 'alice')).toThrow(/Replace/);
    const replaced = fx.hostKeys.replace(pend.id, 'host rebuilt, ticket OPS-12', 'alice');
    expect(replaced).toMatchObject({
      source: 'replace',
      comment: 'host rebuilt, ticket OPS-12',
      fingerprint: srv.fingerprint,
    });
    expect(fx.hostKeys.list().known.filter((k) => k.port === srv.port)).toHaveLength(1);
    const l = await p.acquire(t, hold);
    await l.exec(`touch ${marker}`, execOpts);
    l.release();
    expect(fs.existsSync(marker)).toBe(true);
  });

  it("'wait' mode waits for a person: accept once lets this connection through without remembering", async () => {
    const other = await startSshd({ authorizedKeys: [key.publicKey] });
    try {
      const p = fx.newPool();
      const t = { target: endpoint(other, { kind: 'key', secretId: keyId }, 'db-02'), jumps: [] };
      const got = p.acquire(t, { ...hold, hostKeyMode: 'wait', timeoutMs: 2_000 });
      for (let i = 0; i < 100 && !fx.hostKeys.list().pending.some((x) => x.port === other.port); i++) {
        await new Promise((r) => setTimeout(r, 20));
      }
      // longer than the handshake timeout: the review time is not counted
      await new Promise((r) => setTimeout(r, 2_500));
      const pend = fx.hostKeys.list().pending.find((x) => x.port === other.port)!;
      fx.hostKeys.accept([pend.id], false, 'bob');
      const lease = await got;
      expect((await lease.exec('echo ok', execOpts)).stdout).toBe('ok\n');
      lease.release();
      expect(fx.hostKeys.list().known.some((k) => k.port === other.port)).toBe(false);

      // ssh.test reports the held key for a fresh pool
      const r = await testConnection({ pool: fx.newPool(), resolver: { resolve: () => t } }, t.target.ciId, 'bob');
      expect(r).toMatchObject({ ok: false, state: 'hostkey-held' });
    } finally {
      await other.stop();
    }
  });
});

describe('jump chain through network namespaces', () => {
  let fx: SshFixture;
  let pair: NetnsPair;
  let a: LabSshd;
  let b: LabSshd;
  let keyId: string;

  beforeAll(async () => {
    fx = await openSshFixture();
    pair = createNetnsPair();
    const key = generateKeyPair({ type: 'ed25519' });
    keyId = fx.vault.createSecret({ name: 'k', kind: 'ssh-key', value: key.privateKey }).id;
    a = await startSshd({ authorizedKeys: [key.publicKey], netns: pair.a.ns, listenAddress: pair.a.address });
    b = await startSshd({ authorizedKeys: [key.publicKey], netns: pair.b.ns, listenAddress: pair.b.address });
    fx.trust(a);
    fx.trust(b);
  });
  afterAll(async () => {
    await fx?.close();
    await a?.stop();
    await b?.stop();
    pair?.cleanup();
  });

  it('reaches B only through A, with both host keys checked', async () => {
    const ea = endpoint(a, { kind: 'key', secretId: keyId }, 'jump-a');
    const eb = endpoint(b, { kind: 'key', secretId: keyId }, 'inner-b');
    const direct = await stateOf(fx.pool.acquire({ target: eb, jumps: [] }, { ...hold, timeoutMs: 3_000 }));
    expect(direct.state).toBe('unreachable');

    const lease = await fx.pool.acquire({ target: eb, jumps: [ea] }, hold);
    const r = await lease.exec('ip -o -4 addr show scope global', execOpts);
    expect(r.stdout).toContain(`inet ${pair.b.address}/30`);
    const leases = await Promise.all([1, 2, 3].map(() => fx.pool.acquire({ target: eb, jumps: [ea] }, hold)));
    for (const l of [lease, ...leases]) l.release();
    expect(fx.pool.openCount()).toBe(2); // A and B, once each
    expect(countMatches(b.log(), /Accepted publickey/)).toBe(1);
    expect(b.log()).toContain(`Connection from ${pair.aInnerAddress}`);
  });
});
