import { createHash } from 'node:crypto';

/**
 * The SHA-256 fingerprint of an SSH public key blob, in the exact form
 * `ssh-keygen -lf` prints and people compare by eye: 'SHA256:' followed by
 * unpadded base64.
 */
export function fingerprintOf(keyBlob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '');
}
