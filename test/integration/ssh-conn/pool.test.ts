import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOpsError, OpsError } from '../../../shared/api/errors';
import {
  closedPort,
  generateKeyPair,
  LAB_PASSWORD,
  startAgent,
  startSilentServer,
  startSshd,
  type LabAgent,
  type LabKeyPair,
  type LabSshd,
  type SilentServer,
} from '../../support/sshd-lab';
import { countMatches, endpoint, execOpts, openSshFixture, type SshFixture } from './fixture';

const hold = { timeoutMs: 10_000, hostKeyMode: 'hold' as const, actor: 'tester' };

async function failureOf(p: Promise<unknown>): Promise<{ code: string; state: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (!isOpsError(e)) throw e;
    const d = e.details as { state?: string; message?: string } | undefined;
    return { code: e.code, state: d?.state ?? '', message: d?.message ?? e.message };
  }
  throw new Error('expected a failure');
}

describe('SshConnectionPool against real sshd', () => {
  let fx: SshFixture;
  let key: LabKeyPair;
  let pkey: LabKeyPair;
  let srv: LabSshd;
  let pwSrv: LabSshd;
  let agent: LabAgent;
  let keyId: string;
  let pkeyId: string;
  let pwId: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-poolt-'));
  fs.chmodSync(tmp, 0o777);

  beforeAll(async () => {
    fx = await openSshFixture();
    key = generateKeyPair({ type: 'ed25519' });
    pkey = generateKeyPair({ type: 'ed25519', passphrase: 'pp-secret-1' });
    [srv, pwSrv] = await Promise.all([
      startSshd({ authorizedKeys: [key.publicKey, pkey.publicKey] }),
      startSshd({ authorizedKeys: [], passwordAuth: true }),
    ]);
    agent = await startAgent([key.path]);
    keyId = fx.vault.createSecret({ name: 'deploy-key', kind: 'ssh-key', value: key.privateKey }).id;
    pkeyId = fx.vault.createSecret({
      name: 'pp-key',
      kind: 'ssh-key',
      value: pkey.privateKey,
      keyPassphrase: 'pp-secret-1',
    }).id;
    pwId = fx.vault.createSecret({ name: 'lab-pw', kind: 'password', value: LAB_PASSWORD }).id;
    fx.trust(srv);
    fx.trust(pwSrv);
  });
  afterAll(async () => {
    await fx?.close();
    await Promise.all([srv?.stop(), pwSrv?.stop(), agent?.stop()]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('logs in with a key and reuses one connection for several execs and concurrent acquires', async () => {
    const t = { target: endpoint(srv, { kind: 'key', secretId: keyId }), jumps: [] };
    const before = countMatches(srv.log(), /Accepted publickey/);
    const leases = await Promise.all([1, 2, 3, 4].map(() => fx.pool.acquire(t, hold)));
    const a = await leases[0]!.exec('echo one', execOpts);
    const b = await leases[1]!.exec('echo two >&2; exit 3', execOpts);
    expect(a).toMatchObject({ exitCode: 0, stdout: 'one\n', truncated: false });
    expect(b).toMatchObject({ exitCode: 3, stderr: 'two\n' });
    for (const l of leases) l.release();
    expect(fx.pool.openCount()).toBe(1);
    expect(countMatches(srv.log(), /Accepted publickey/) - before).toBe(1);
  });

  it('logs in with a passphrase-protected key, a password, and the ssh-agent', async () => {
    const viaP = await fx.pool.acquire(
      { target: endpoint(srv, { kind: 'key', secretId: pkeyId }, 'pp'), jumps: [] },
      hold,
    );
    // Same user@host:port as the first test's connection: reused, so use a fresh pool to prove the key works.
    viaP.release();
    const p2 = fx.newPool();
    const l1 = await p2.acquire({ target: endpoint(srv, { kind: 'key', secretId: pkeyId }), jumps: [] }, hold);
    expect((await l1.exec('echo pp', execOpts)).stdout).toBe('pp\n');
    l1.release();

    const l2 = await p2.acquire({ target: endpoint(pwSrv, { kind: 'password', secretId: pwId }), jumps: [] }, hold);
    expect((await l2.exec('whoami', execOpts)).stdout.trim()).toBe(pwSrv.user);
    l2.release();
    expect(pwSrv.log()).toMatch(/Accepted password for opsroomlab/);

    const p3 = fx.newPool({ agentSocket: agent.sock });
    const l3 = await p3.acquire({ target: endpoint(srv, { kind: 'agent' }), jumps: [] }, hold);
    expect((await l3.exec('echo agent', execOpts)).stdout).toBe('agent\n');
    l3.release();
  });

  it('keeps channels under the limit: 20 parallel execs never run more than 8 at once', async () => {
    const d = fs.mkdtempSync(path.join(tmp, 'conc-'));
    fs.chmodSync(d, 0o777);
    const t = { target: endpoint(srv, { kind: 'key', secretId: keyId }), jumps: [] };
    const lease = await fx.pool.acquire(t, hold);
    const cmd = `touch ${d}/$$; sleep 0.4; ls ${d} | wc -l; rm ${d}/$$`;
    const rs = await Promise.all(Array.from({ length: 20 }, () => lease.exec(cmd, execOpts)));
    lease.release();
    const counts = rs.map((r) => Number(r.stdout.trim()));
    expect(rs.every((r) => r.exitCode === 0)).toBe(true);
    expect(Math.max(...counts)).toBeLessThanOrEqual(8);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(4);
  });

  it('names the refused method when authentication fails', async () => {
    const other = generateKeyPair({ type: 'ed25519' });
    const id = fx.vault.createSecret({ name: 'stranger-key', kind: 'ssh-key', value: other.privateKey }).id;
    const p = fx.newPool();
    const f = await failureOf(
      p.acquire({ target: { ...endpoint(srv, { kind: 'key', secretId: id }), name: 'web-01' }, jumps: [] }, hold),
    );
    expect(f.state).toBe('auth-failed');
    expect(f.message).toContain("publickey (key 'stranger-key') was refused");
  });

  it('refuses with locked when the vault is locked', async () => {
    const p = fx.newPool();
    fx.vault.lock();
    try {
      const f = await failureOf(
        p.acquire({ target: endpoint(srv, { kind: 'key', secretId: keyId }), jumps: [] }, hold),
      );
      expect(f.code).toBe('locked');
    } finally {
      await fx.vault.unlock('correct horse battery staple');
    }
  });

  it('closed port → unreachable fast; silent server → timed-out within the timeout', async () => {
    const port = await closedPort();
    const t0 = performance.now();
    const f = await failureOf(
      fx.pool.acquire(
        { target: endpoint({ address: '127.0.0.1', port, user: 'x' }, { kind: 'key', secretId: keyId }), jumps: [] },
        hold,
      ),
    );
    expect(f.state).toBe('unreachable');
    expect(f.message).toContain(`connection refused on 127.0.0.1:${port}`);
    expect(performance.now() - t0).toBeLessThan(1000);

    const silent: SilentServer = await startSilentServer();
    try {
      const t1 = performance.now();
      const g = await failureOf(
        fx.pool.acquire(
          {
            target: endpoint({ address: '127.0.0.1', port: silent.port, user: 'x' }, { kind: 'key', secretId: keyId }),
            jumps: [],
          },
          { ...hold, timeoutMs: 1000 },
        ),
      );
      const took = performance.now() - t1;
      expect(g.state).toBe('timed-out');
      expect(took).toBeGreaterThanOrEqual(900);
      expect(took).toBeLessThan(2500);
      expect(silent.accepted()).toBe(1);

      // cancel via signal while the handshake hangs
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 200);
      const t2 = performance.now();
      const c = await failureOf(
        fx.pool.acquire(
          {
            target: endpoint({ address: '127.0.0.1', port: silent.port, user: 'y' }, { kind: 'key', secretId: keyId }),
            jumps: [],
          },
          { ...hold, timeoutMs: 20_000, signal: ac.signal },
        ),
      );
      expect(c.state).toBe('cancelled');
      expect(performance.now() - t2).toBeLessThan(1500);
    } finally {
      await silent.stop();
    }
  });

  it('stops a hanging command at its exec timeout and on cancel, and the connection stays usable', async () => {
    const t = { target: endpoint(srv, { kind: 'key', secretId: keyId }), jumps: [] };
    const lease = await fx.pool.acquire(t, hold);
    const t0 = performance.now();
    const f = await failureOf(lease.exec('sleep 30', { ...execOpts, timeoutMs: 1000 }));
    expect(f.state).toBe('timed-out');
    expect(performance.now() - t0).toBeLessThan(2500);

    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const c = await failureOf(lease.exec('sleep 30', { ...execOpts, signal: ac.signal }));
    expect(c.state).toBe('cancelled');
    expect((await lease.exec('echo still', execOpts)).stdout).toBe('still\n');

    const big = await lease.exec('head -c 100000 /dev/zero | tr "\\0" a', { ...execOpts, maxOutputBytes: 1000 });
    expect(big.stdout.length).toBe(1000);
    expect(big.truncated).toBe(true);
    lease.release();
  });

  it('reconnects cleanly after the server dropped the connection', async () => {
    const own = await startSshd({ authorizedKeys: [key.publicKey] });
    try {
      fx.trust(own);
      const p = fx.newPool();
      const t = { target: endpoint(own, { kind: 'key', secretId: keyId }), jumps: [] };
      const l1 = await p.acquire(t, hold);
      l1.release();
      await own.restart();
      for (let i = 0; i < 50 && p.openCount() > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(p.openCount()).toBe(0);
      const l2 = await p.acquire(t, hold);
      expect((await l2.exec('echo back', execOpts)).stdout).toBe('back\n');
      l2.release();
    } finally {
      await own.stop();
    }
  });

  it('wraps failures as OpsError with an SshFailure', () => {
    expect(new OpsError('timeout', 'x', { state: 'timed-out', message: 'x' }).details).toBeTruthy();
  });
});
