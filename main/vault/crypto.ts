import { randomBytes } from 'node:crypto';
import type { SecretKind } from '../../shared/api/vault';
import { OpsError } from '../../shared/api/errors';
import { KEY_BYTES } from './kdf';
import { open, seal, type Sealed } from './seal';

/** Bumped when the way rows are sealed changes; a reader refuses versions it does not know. */
export const VAULT_FORMAT_VERSION = 1;

export const DEK_AAD = 'opsroom-vault-dek-v1';
/** Sealed under the data key so a remembered key can be checked before it is trusted. */
export const CHECK_AAD = 'opsroom-vault-check-v1';
export const CHECK_PLAINTEXT = Buffer.from('opsroom vault key check', 'utf8');

export const secretAad = (id: string, kind: SecretKind): string => `opsroom-secret-v1|${id}|${kind}`;
export const keyPassphraseAad = (id: string): string => `opsroom-secret-keypass-v1|${id}`;

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function wrapDataKey(kek: Buffer, dek: Buffer): Sealed {
  return seal(kek, dek, DEK_AAD);
}

/** The KEK is right exactly when the wrapped key's tag verifies: anything else is a wrong passphrase. */
export function unwrapDataKey(kek: Buffer, wrapped: Sealed): Buffer {
  const dek = open(kek, wrapped, DEK_AAD, () => new OpsError('forbidden', 'wrong passphrase'));
  if (dek.length !== KEY_BYTES) throw new OpsError('integrity', 'The vault data key has the wrong length.');
  return dek;
}

export function integrityError(name: string, id: string): OpsError {
  return new OpsError(
    'integrity',
    `The secret "${name}" failed its integrity check: its stored ciphertext was changed or moved. It was not decrypted.`,
    { id, name },
  );
}
