import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { inspectPrivateKey } from '../../../main/vault/ssh-key';
import { sshKeygen } from '../../integration/vault/keys';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-sshkey-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cases = [
  { type: 'ed25519', keyType: 'ssh-ed25519' },
  { type: 'rsa', keyType: 'ssh-rsa' },
  { type: 'ecdsa', keyType: 'ecdsa-sha2-nistp256' },
] as const;

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof OpsError ? e.code : 'not-an-OpsError';
  }
  return undefined;
}

describe('SSH private keys: fingerprints match ssh-keygen -lf', () => {
  for (const c of cases) {
    it(`${c.type}, OpenSSH format, without and with a passphrase`, () => {
      const plain = sshKeygen(dir, `${c.type}-plain`, c.type);
      expect(inspectPrivateKey(plain.text)).toMatchObject({
        keyType: c.keyType,
        fingerprint: plain.fingerprint,
        encrypted: false,
      });
      const pub = fs.readFileSync(`${plain.file}.pub`, 'utf8').trim();
      expect(inspectPrivateKey(plain.text).publicKey).toBe(pub);

      const enc = sshKeygen(dir, `${c.type}-enc`, c.type, { passphrase: 'right horse' });
      // The public half is in the clear: no passphrase needed for the fingerprint.
      expect(inspectPrivateKey(enc.text)).toMatchObject({ fingerprint: enc.fingerprint, encrypted: true });
      expect(inspectPrivateKey(enc.text, 'right horse')).toMatchObject({
        fingerprint: enc.fingerprint,
        encrypted: true,
      });
      expect(code(() => inspectPrivateKey(enc.text, 'wrong horse'))).toBe('bad_input');
      expect(code(() => inspectPrivateKey(plain.text, 'unneeded'))).toBe('bad_input');
    });
  }

  for (const c of [cases[1], cases[2]]) {
    it(`${c.type}, PEM format, without and with a passphrase`, () => {
      const plain = sshKeygen(dir, `${c.type}-pem`, c.type, { pem: true });
      expect(plain.text).toMatch(/BEGIN (RSA|EC) PRIVATE KEY/);
      expect(inspectPrivateKey(plain.text)).toMatchObject({ keyType: c.keyType, fingerprint: plain.fingerprint });
      const enc = sshKeygen(dir, `${c.type}-pem-enc`, c.type, { pem: true, passphrase: 'pem pass 1' });
      expect(inspectPrivateKey(enc.text, 'pem pass 1')).toMatchObject({
        fingerprint: enc.fingerprint,
        encrypted: true,
      });
      expect(code(() => inspectPrivateKey(enc.text))).toBe('bad_input');
      expect(code(() => inspectPrivateKey(enc.text, 'wrong'))).toBe('bad_input');
    });
  }

  it('refuses what is not a private key, with a clear message', () => {
    const k = sshKeygen(dir, 'pubonly', 'ed25519');
    expect(() => inspectPrivateKey(fs.readFileSync(`${k.file}.pub`, 'utf8'))).toThrow(/public key/);
    expect(() => inspectPrivateKey('hello world')).toThrow(/not an SSH private key/);
    const truncated = k.text.split('\n').slice(0, 3).join('\n') + '\n-----END OPENSSH PRIVATE KEY-----\n';
    expect(code(() => inspectPrivateKey(truncated))).toBe('bad_input');
    const body = Buffer.from('openssh-key-v1\0garbage').toString('base64');
    expect(
      code(() => inspectPrivateKey(`-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----`)),
    ).toBe('bad_input');
    expect(code(() => inspectPrivateKey('-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----'))).toBe(
      'bad_input',
    );
  });
});
