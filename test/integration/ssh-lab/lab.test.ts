import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closedPort,
  generateKeyPair,
  LAB_PASSWORD,
  runSsh,
  sshClientArgs,
  startAgent,
  startSilentServer,
  startSshd,
  writeKnownHosts,
  type LabKeyPair,
  type LabSshd,
} from '../../support/sshd-lab';
import { descendants, isAlive } from '../../support/sshd-registry';
import { ssh2Exec } from './ssh2-exec';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-labtest-'));
let key: LabKeyPair;
let server: LabSshd;

beforeAll(async () => {
  key = generateKeyPair({ type: 'ed25519' });
  server = await startSshd({ authorizedKeys: [key.publicKey], passwordAuth: true });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function sshTo(s: LabSshd, knownHosts: string, identity: string | undefined, cmd: string, extra: string[] = []) {
  const args = sshClientArgs({ identityFile: identity, knownHostsFile: knownHosts, extra });
  return runSsh([...args, '-p', String(s.port), `${s.user}@${s.address}`, cmd]);
}

describe('sshd lab: one server, the real ssh client', () => {
  it('logs in with a key under strict host key checking, plain and hashed known_hosts', async () => {
    for (const hash of [false, true]) {
      const kh = writeKnownHosts(path.join(tmp, `kh-${hash}`), [server], { hash });
      if (hash) expect(fs.readFileSync(kh, 'utf8')).toMatch(/^\|1\|/);
      const r = await sshTo(server, kh, key.path, 'echo ok; id -un');
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('ok\nopsroomlab\n');
    }
    expect(server.log()).toContain(`Accepted publickey for opsroomlab`);
  });

  it('refuses a host missing from known_hosts (StrictHostKeyChecking=yes)', async () => {
    const empty = path.join(tmp, 'kh-empty');
    fs.writeFileSync(empty, '');
    const r = await sshTo(server, empty, key.path, 'echo ok');
    expect(r.code).toBe(255);
    expect(r.stderr).toMatch(/Host key verification failed/);
  });

  it('accepts password auth and a passphrase-protected key (ssh2 client)', async () => {
    const withPw = await ssh2Exec(
      { host: server.address, port: server.port, username: server.user, password: LAB_PASSWORD },
      'echo pw',
    );
    expect(withPw.stdout).toBe('pw\n');
    const locked = generateKeyPair({ type: 'rsa', passphrase: 'correct horse' });
    const s = await startSshd({ authorizedKeys: [locked.publicKey], hostKeyType: 'ecdsa' });
    try {
      const r = await ssh2Exec(
        { host: s.address, port: s.port, username: s.user, privateKey: locked.privateKey, passphrase: 'correct horse' },
        'echo key',
      );
      expect(r.stdout).toBe('key\n');
      await expect(
        ssh2Exec({ host: server.address, port: server.port, username: server.user, password: 'wrong' }, 'true'),
      ).rejects.toThrow(/authentication/i);
    } finally {
      await s.stop();
    }
  });

  it('authenticates through a real ssh-agent', async () => {
    const locked = generateKeyPair({ type: 'ecdsa', passphrase: 'agent-pass' });
    const s = await startSshd({ authorizedKeys: [locked.publicKey] });
    const agent = await startAgent([{ path: locked.path, passphrase: 'agent-pass' }]);
    try {
      const kh = writeKnownHosts(path.join(tmp, 'kh-agent'), [s]);
      const args = sshClientArgs({ knownHostsFile: kh, extra: ['IdentityAgent ' + agent.sock] });
      const r = await runSsh([...args, '-p', String(s.port), `${s.user}@${s.address}`, 'echo agent']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('agent\n');
    } finally {
      await agent.stop();
      await s.stop();
    }
    expect(isAlive(agent.pid)).toBe(false);
  });

  it('restart with a new host key is refused as changed; the same key is accepted again', async () => {
    const s = await startSshd({ authorizedKeys: [key.publicKey] });
    const kh = writeKnownHosts(path.join(tmp, 'kh-mitm'), [s]);
    const before = { fp: s.fingerprint, port: s.port };
    const oldKey = s.hostKeyPath;
    try {
      await s.restart({ newHostKey: true });
      expect(s.port).toBe(before.port);
      expect(s.fingerprint).not.toBe(before.fp);
      const r = await sshTo(s, kh, key.path, 'touch /tmp/opsroom-mitm-should-not-exist');
      expect(r.code).toBe(255);
      expect(r.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED/);
      expect(s.log()).not.toContain('Accepted publickey');
      expect(fs.existsSync('/tmp/opsroom-mitm-should-not-exist')).toBe(false);

      await s.stop();
      const back = await startSshd({ authorizedKeys: [key.publicKey], hostKeyPath: oldKey, port: before.port });
      expect(back.fingerprint).toBe(before.fp);
      const ok = await sshTo(back, kh, key.path, 'echo ok');
      expect(ok.stdout).toBe('ok\n');
      await back.stop();
    } finally {
      await s.stop();
    }
  });

  it('a closed port is refused and a silent server times out within ConnectTimeout', async () => {
    const kh = writeKnownHosts(path.join(tmp, 'kh-x'), [server]);
    const port = await closedPort();
    const refused = await runSsh([
      ...sshClientArgs({ identityFile: key.path, knownHostsFile: kh }),
      '-p',
      String(port),
      'opsroomlab@127.0.0.1',
      'true',
    ]);
    expect(refused.code).toBe(255);
    expect(refused.stderr).toMatch(/Connection refused/);

    const silent = await startSilentServer();
    try {
      const args = sshClientArgs({ identityFile: key.path, knownHostsFile: kh, extra: ['ConnectTimeout 2'] });
      const r = await runSsh([...args, '-p', String(silent.port), 'opsroomlab@127.0.0.1', 'true']);
      expect(r.code).toBe(255);
      expect(r.stderr).toMatch(/timed out/i);
      expect(r.ms).toBeGreaterThan(1_500);
      expect(r.ms).toBeLessThan(6_000);
      expect(silent.accepted()).toBe(1);
    } finally {
      await silent.stop();
    }
  });

  it('stop() leaves no sshd behind, including per-connection processes', async () => {
    const s = await startSshd({ authorizedKeys: [key.publicKey] });
    const kh = writeKnownHosts(path.join(tmp, 'kh-stop'), [s]);
    const hanging = sshTo(s, kh, key.path, 'sleep 60');
    for (let i = 0; i < 100 && descendants(s.pid).length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const tree = [s.pid, ...descendants(s.pid)];
    expect(tree.length).toBeGreaterThan(2);
    await s.stop();
    const r = await hanging;
    expect(r.code).not.toBe(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(tree.filter(isAlive)).toEqual([]);
  });
});
