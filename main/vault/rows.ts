import type { SecretKind, SecretMeta } from '../../shared/api/vault';
import type { Db } from '../store/migration';
import type { KdfParams } from './kdf';
import type { Sealed } from './seal';

export interface MetaRow {
  vault_id: string;
  format_version: number;
  kdf_name: string;
  kdf_params: string;
  salt: Buffer;
  wrapped_dek: Buffer;
  dek_nonce: Buffer;
  dek_tag: Buffer;
  check_ciphertext: Buffer;
  check_nonce: Buffer;
  check_tag: Buffer;
  created_at: number;
  updated_at: number;
}

export interface SecretRow {
  id: string;
  name: string;
  kind: SecretKind;
  notes: string;
  ciphertext: Buffer;
  nonce: Buffer;
  tag: Buffer;
  key_pass_ciphertext: Buffer | null;
  key_pass_nonce: Buffer | null;
  key_pass_tag: Buffer | null;
  fingerprint: string | null;
  public_key: string | null;
  key_type: string | null;
  has_passphrase: number;
  created_at: number;
  updated_at: number;
  format_version: number;
}

/** What a write needs: the sealed value and, for keys, the public facts. */
export interface SecretWrite {
  id: string;
  name: string;
  kind: SecretKind;
  notes: string;
  value: Sealed;
  keyPass: Sealed | null;
  fingerprint: string | null;
  publicKey: string | null;
  keyType: string | null;
  at: number;
  formatVersion: number;
}

const META_COLS = `vault_id, format_version, kdf_name, kdf_params, salt, wrapped_dek, dek_nonce, dek_tag,
  check_ciphertext, check_nonce, check_tag, created_at, updated_at`;
const LIST_COLS = `id, name, kind, notes, fingerprint, public_key, key_type, has_passphrase, created_at, updated_at`;

export type MetaOnly = Omit<SecretMeta, 'usedBy'>;

export function toMeta(
  r: Pick<
    SecretRow,
    | 'id'
    | 'name'
    | 'kind'
    | 'notes'
    | 'fingerprint'
    | 'public_key'
    | 'key_type'
    | 'has_passphrase'
    | 'created_at'
    | 'updated_at'
  >,
): MetaOnly {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    notes: r.notes,
    fingerprint: r.fingerprint,
    publicKey: r.public_key,
    keyType: r.key_type,
    hasPassphrase: r.has_passphrase === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The vault's SQL in one place, so the service reads as policy. */
export class VaultRows {
  constructor(private readonly db: Db) {}

  meta(): MetaRow | undefined {
    return this.db.prepare(`SELECT ${META_COLS} FROM vault_meta WHERE id = 1`).get() as MetaRow | undefined;
  }

  insertMeta(m: MetaRow): void {
    this.db
      .prepare(
        `INSERT INTO vault_meta (id, ${META_COLS}) VALUES (1, @vault_id, @format_version, @kdf_name, @kdf_params,
          @salt, @wrapped_dek, @dek_nonce, @dek_tag, @check_ciphertext, @check_nonce, @check_tag, @created_at, @updated_at)`,
      )
      .run(m);
  }

  rewrap(params: KdfParams, salt: Buffer, wrapped: Sealed, at: number): void {
    this.db
      .prepare(
        `UPDATE vault_meta SET kdf_params = ?, salt = ?, wrapped_dek = ?, dek_nonce = ?, dek_tag = ?, updated_at = ? WHERE id = 1`,
      )
      .run(JSON.stringify(params), salt, wrapped.ciphertext, wrapped.nonce, wrapped.tag, at);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM vault_secrets').get() as { n: number }).n;
  }

  list(kind?: SecretKind): MetaOnly[] {
    const rows = kind
      ? this.db.prepare(`SELECT ${LIST_COLS} FROM vault_secrets WHERE kind = ? ORDER BY name COLLATE NOCASE`).all(kind)
      : this.db.prepare(`SELECT ${LIST_COLS} FROM vault_secrets ORDER BY name COLLATE NOCASE`).all();
    return (rows as SecretRow[]).map(toMeta);
  }

  get(id: string): SecretRow | undefined {
    return this.db.prepare('SELECT * FROM vault_secrets WHERE id = ?').get(id) as SecretRow | undefined;
  }

  byName(name: string): SecretRow | undefined {
    return this.db.prepare('SELECT * FROM vault_secrets WHERE name = ?').get(name) as SecretRow | undefined;
  }

  all(): SecretRow[] {
    return this.db.prepare('SELECT * FROM vault_secrets ORDER BY name COLLATE NOCASE').all() as SecretRow[];
  }

  insert(w: SecretWrite): void {
    this.db
      .prepare(
        `INSERT INTO vault_secrets (id, name, kind, notes, ciphertext, nonce, tag, key_pass_ciphertext, key_pass_nonce,
          key_pass_tag, fingerprint, public_key, key_type, has_passphrase, created_at, updated_at, format_version)
         VALUES (@id, @name, @kind, @notes, @ct, @nonce, @tag, @kpct, @kpnonce, @kptag, @fingerprint, @publicKey,
          @keyType, @hasPass, @at, @at, @formatVersion)`,
      )
      .run(this.params(w));
  }

  /** A new value under the same id: the CIs that point at it keep working. */
  replace(w: SecretWrite): void {
    this.db
      .prepare(
        `UPDATE vault_secrets SET kind = @kind, notes = @notes, ciphertext = @ct, nonce = @nonce, tag = @tag,
          key_pass_ciphertext = @kpct, key_pass_nonce = @kpnonce, key_pass_tag = @kptag, fingerprint = @fingerprint,
          public_key = @publicKey, key_type = @keyType, has_passphrase = @hasPass, updated_at = @at,
          format_version = @formatVersion
         WHERE id = @id`,
      )
      .run(this.params(w));
  }

  rename(id: string, name: string, notes: string, at: number): void {
    this.db
      .prepare('UPDATE vault_secrets SET name = ?, notes = ?, updated_at = ? WHERE id = ?')
      .run(name, notes, at, id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM vault_secrets WHERE id = ?').run(id);
  }

  private params(w: SecretWrite) {
    return {
      id: w.id,
      name: w.name,
      kind: w.kind,
      notes: w.notes,
      ct: w.value.ciphertext,
      nonce: w.value.nonce,
      tag: w.value.tag,
      kpct: w.keyPass?.ciphertext ?? null,
      kpnonce: w.keyPass?.nonce ?? null,
      kptag: w.keyPass?.tag ?? null,
      fingerprint: w.fingerprint,
      publicKey: w.publicKey,
      keyType: w.keyType,
      hasPass: w.keyPass ? 1 : 0,
      at: w.at,
      formatVersion: w.formatVersion,
    };
  }
}
