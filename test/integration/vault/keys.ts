import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A fresh key from the real ssh-keygen, and the fingerprint ssh-keygen itself prints for it. */
export function sshKeygen(
  dir: string,
  name: string,
  type: 'ed25519' | 'rsa' | 'ecdsa',
  opts: { passphrase?: string; pem?: boolean } = {},
): { file: string; text: string; fingerprint: string } {
  const file = path.join(dir, name);
  const args = ['-q', '-t', type, '-N', opts.passphrase ?? '', '-C', `${name}@test`, '-f', file];
  if (type === 'rsa') args.push('-b', '2048');
  if (opts.pem) args.push('-m', 'PEM');
  execFileSync('ssh-keygen', args);
  const printed = execFileSync('ssh-keygen', ['-lf', `${file}.pub`], { encoding: 'utf8' });
  const fingerprint = printed.split(' ')[1]!;
  return { file, text: fs.readFileSync(file, 'utf8'), fingerprint };
}
