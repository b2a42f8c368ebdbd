import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { OpsError } from '../../shared/api/errors';

export interface Sealed {
  ciphertext: Buffer;
  nonce: Buffer;
  tag: Buffer;
}

export const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with a fresh random 96-bit nonce; `aad` binds the box to where it belongs. */
export function seal(key: Buffer, plaintext: Buffer, aad: string): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, nonce, tag: cipher.getAuthTag() };
}

/**
 * Returns the plaintext only when the tag verifies; otherwise throws. There
 * is no partial result: GCM releases nothing before the tag has checked out.
 * `onFail` names the failure for the person reading it (wrong passphrase for
 * the data key, integrity for a secret).
 */
export function open(key: Buffer, box: Sealed, aad: string, onFail: () => OpsError): Buffer {
  if (box.nonce.length !== NONCE_BYTES || box.tag.length !== TAG_BYTES) throw onFail();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, box.nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(box.tag);
    return Buffer.concat([decipher.update(box.ciphertext), decipher.final()]);
  } catch {
    throw onFail();
  }
}
