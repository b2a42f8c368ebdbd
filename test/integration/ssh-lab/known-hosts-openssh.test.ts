import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../main/security/ssh-fingerprint';
import { verdictFor } from '../../../main/ssh/known-hosts/lookup';
import { hostsMatch } from '../../../main/ssh/known-hosts/matcher';
import { parseKnownHosts } from '../../../main/ssh/known-hosts/parser';
import { serializeKnownHosts } from '../../../main/ssh/known-hosts/serializer';
import { generateKeyPair, runSsh, sshClientArgs, startSshd } from '../../support/sshd-lab';

// Opsroom's known_hosts code checked against OpenSSH's own tools.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-khtest-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const keys = (['ed25519', 'ecdsa', 'rsa'] as const).map((type) => generateKeyPair({ type }));
const split = (pub: string) => {
  const [keyType, keyBase64] = pub.split(' ');
  return { keyType, keyBase64 };
};

function keygenFind(host: string, file: string): { found: boolean; out: string } {
  const r = spawnSync('ssh-keygen', ['-F', host, '-f', file], { encoding: 'utf8' });
  return { found: r.status === 0, out: r.stdout };
}

describe('known_hosts against OpenSSH tools', () => {
  it('fingerprintOf equals ssh-keygen -lf for ed25519, ecdsa and rsa', () => {
    for (const k of keys)
      expect(fingerprintOf(Buffer.from(split(k.publicKey).keyBase64, 'base64'))).toBe(k.fingerprint);
  });

  it.each([false, true])('ssh-keygen -F finds what the serializer wrote (hash=%s)', (hash) => {
    const file = path.join(tmp, `kh-${hash}`);
    fs.writeFileSync(
      file,
      serializeKnownHosts(
        [
          {
            marker: null,
            hosts: [
              { pattern: 'web1.example.com', negated: false },
              { pattern: '10.1.2.3', negated: false },
            ],
            ...split(keys[0].publicKey),
          },
          {
            marker: null,
            hosts: [{ pattern: '[db.example.com]:2222', negated: false }],
            ...split(keys[1].publicKey),
            comment: 'db',
          },
          { marker: null, hosts: [{ pattern: 'rsa-host', negated: false }], ...split(keys[2].publicKey) },
        ],
        { hash },
      ),
    );
    for (const [host, k] of [
      ['web1.example.com', 0],
      ['10.1.2.3', 0],
      ['[db.example.com]:2222', 1],
      ['rsa-host', 2],
    ] as const) {
      const r = keygenFind(host, file);
      expect(r.found, host).toBe(true);
      expect(r.out).toContain(split(keys[k].publicKey).keyBase64);
    }
    expect(keygenFind('db.example.com', file).found).toBe(false);
    expect(keygenFind('web2.example.com', file).found).toBe(false);
  });

  it('parses ssh-keygen -H output and matches exactly the hosts it hashed', () => {
    const file = path.join(tmp, 'kh-keygen');
    const plain = [
      `alpha.example.com,10.9.8.7 ${keys[0].publicKey}`,
      `[beta.example.com]:2200 ${keys[1].publicKey}`,
      `*.wild.example.com ${keys[2].publicKey}`,
    ];
    fs.writeFileSync(file, plain.join('\n') + '\n');
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const r = parseKnownHosts(fs.readFileSync(file, 'utf8'));
    expect(r.errors).toEqual([]);
    const hashed = r.entries.filter((e) => 'hashed' in e.hosts);
    expect(hashed).toHaveLength(3); // one line per name; the wildcard line stays plain
    const find = (host: string, port = 22) =>
      r.entries.filter((e) => hostsMatch(e.hosts, host, port)).map((e) => e.fingerprint);
    expect(find('alpha.example.com')).toEqual([keys[0].fingerprint]);
    expect(find('10.9.8.7')).toEqual([keys[0].fingerprint]);
    expect(find('beta.example.com', 2200)).toEqual([keys[1].fingerprint]);
    expect(find('beta.example.com')).toEqual([]);
    expect(find('x.wild.example.com')).toEqual([keys[2].fingerprint]);
    expect(find('gamma.example.com')).toEqual([]);
  });

  it('an @revoked line written by the serializer makes both ssh and verdictFor refuse the key', async () => {
    const client = generateKeyPair({ type: 'ed25519' });
    const s = await startSshd({ authorizedKeys: [client.publicKey] });
    try {
      const hostLine = { ...split(s.hostPublicKey), hosts: [{ pattern: `[${s.address}]:${s.port}`, negated: false }] };
      const trusted = path.join(tmp, 'kh-trusted');
      fs.writeFileSync(trusted, serializeKnownHosts([{ marker: null, ...hostLine }]));
      const revoked = path.join(tmp, 'kh-revoked');
      const entries = [
        { marker: null, ...hostLine },
        { marker: 'revoked' as const, ...hostLine, hosts: [{ pattern: '*', negated: false }] },
      ];
      fs.writeFileSync(revoked, serializeKnownHosts(entries));

      const ok = await runSsh([
        ...sshClientArgs({ identityFile: client.path, knownHostsFile: trusted }),
        '-p',
        String(s.port),
        `opsroomlab@${s.address}`,
        'echo ok',
      ]);
      expect(ok.stdout).toBe('ok\n');
      const refused = await runSsh([
        ...sshClientArgs({ identityFile: client.path, knownHostsFile: revoked }),
        '-p',
        String(s.port),
        `opsroomlab@${s.address}`,
        'echo ok',
      ]);
      expect(refused.code).toBe(255);
      expect(refused.stderr).toMatch(/REVOKED/);

      const blob = Buffer.from(split(s.hostPublicKey).keyBase64, 'base64');
      expect(
        verdictFor(parseKnownHosts(fs.readFileSync(revoked, 'utf8')).entries, s.address, s.port, blob).status,
      ).toBe('revoked');
      expect(
        verdictFor(parseKnownHosts(fs.readFileSync(trusted, 'utf8')).entries, s.address, s.port, blob).status,
      ).toBe('trusted');
    } finally {
      await s.stop();
    }
  });
});
