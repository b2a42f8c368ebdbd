import { OpsError } from '../../shared/api/errors';
import type { SecretKind } from '../../shared/api/vault';
import { VAULT_FORMAT_VERSION, integrityError, keyPassphraseAad, secretAad } from './crypto';
import type { SecretRow, SecretWrite } from './rows';
import { open, seal } from './seal';
import { inspectPrivateKey } from './ssh-key';

export interface PlainSecret {
  id: string;
  name: string;
  kind: SecretKind;
  notes: string;
  value: string;
  keyPassphrase?: string;
}

export interface Revealed {
  kind: SecretKind;
  value: string;
  keyPassphrase?: string;
}

/**
 * Seals a secret for its row. SSH keys are parsed first: a value that is not
 * a key, or a wrong key passphrase, is refused before anything is stored.
 */
export function sealSecret(dek: Buffer, s: PlainSecret, at: number): SecretWrite {
  const keyPass = s.keyPassphrase === '' ? undefined : s.keyPassphrase;
  if (keyPass !== undefined && s.kind !== 'ssh-key') {
    throw new OpsError('bad_input', 'Only an SSH key has a key passphrase; leave it empty for this kind.');
  }
  const info = s.kind === 'ssh-key' ? inspectPrivateKey(s.value, keyPass) : null;
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    notes: s.notes,
    value: seal(dek, Buffer.from(s.value, 'utf8'), secretAad(s.id, s.kind)),
    keyPass: keyPass === undefined ? null : seal(dek, Buffer.from(keyPass, 'utf8'), keyPassphraseAad(s.id)),
    fingerprint: info?.fingerprint ?? null,
    publicKey: info?.publicKey ?? null,
    keyType: info?.keyType ?? null,
    at,
    formatVersion: VAULT_FORMAT_VERSION,
  };
}

/** All or nothing: a row that fails its tag is an integrity error naming it, never a partial value. */
export function openSecret(dek: Buffer, row: SecretRow): Revealed {
  if (row.format_version !== VAULT_FORMAT_VERSION) {
    throw new OpsError(
      'too_new',
      `The secret "${row.name}" was written by a newer Opsroom (format ${row.format_version}).`,
    );
  }
  const fail = () => integrityError(row.name, row.id);
  const value = open(dek, row, secretAad(row.id, row.kind), fail).toString('utf8');
  if (!row.key_pass_ciphertext || !row.key_pass_nonce || !row.key_pass_tag) {
    if (row.has_passphrase) throw fail();
    return { kind: row.kind, value };
  }
  const box = { ciphertext: row.key_pass_ciphertext, nonce: row.key_pass_nonce, tag: row.key_pass_tag };
  return { kind: row.kind, value, keyPassphrase: open(dek, box, keyPassphraseAad(row.id), fail).toString('utf8') };
}
