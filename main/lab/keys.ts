import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run, trackDir } from './registry';

export type LabKeyType = 'ed25519' | 'rsa' | 'ecdsa';

export interface LabKeyPair {
  privateKey: string;
  /** OpenSSH public key line: "type base64 comment". */
  publicKey: string;
  path: string;
  publicKeyPath: string;
  fingerprint: string;
  passphrase?: string;
}

/** A fresh key pair from the real ssh-keygen, in its own temp dir (removed at exit). */
export function generateKeyPair(opts: { type: LabKeyType; passphrase?: string; comment?: string }): LabKeyPair {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-key-'));
  trackDir(dir);
  const file = path.join(dir, `id_${opts.type}`);
  writeKey(file, opts.type, opts.passphrase ?? '', opts.comment ?? 'opsroom-lab');
  return {
    privateKey: fs.readFileSync(file, 'utf8'),
    publicKey: fs.readFileSync(file + '.pub', 'utf8').trim(),
    path: file,
    publicKeyPath: file + '.pub',
    fingerprint: fingerprintOfFile(file + '.pub'),
    ...(opts.passphrase ? { passphrase: opts.passphrase } : {}),
  };
}

export function writeKey(file: string, type: LabKeyType, passphrase: string, comment: string): void {
  // 2048-bit RSA keeps generation fast; strength is irrelevant in the lab.
  const bits = type === 'rsa' ? ['-b', '2048'] : [];
  run('ssh-keygen', ['-q', '-t', type, ...bits, '-N', passphrase, '-C', comment, '-f', file]);
  fs.chmodSync(file, 0o600);
}

/** `ssh-keygen -lf` output's SHA256:… field. */
export function fingerprintOfFile(pubOrPrivate: string): string {
  return run('ssh-keygen', ['-lf', pubOrPrivate]).trim().split(/\s+/)[1]!;
}
