import type { Migration } from '../store/migration';

/**
 * The vault keeps one meta row (how to derive the key-encryption key, the
 * wrapped data key) and one row per secret. Everything that could reveal a
 * secret is a sealed BLOB; names, kinds and SSH public-key facts stay in the
 * clear so the renderer can list them while the vault is locked.
 */
export const vaultMigrations: Migration[] = [
  {
    version: 5,
    name: 'vault',
    up(db) {
      db.exec(`
        CREATE TABLE vault_meta (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          vault_id TEXT NOT NULL,
          format_version INTEGER NOT NULL,
          kdf_name TEXT NOT NULL,
          kdf_params TEXT NOT NULL,
          salt BLOB NOT NULL,
          wrapped_dek BLOB NOT NULL,
          dek_nonce BLOB NOT NULL,
          dek_tag BLOB NOT NULL,
          check_ciphertext BLOB NOT NULL,
          check_nonce BLOB NOT NULL,
          check_tag BLOB NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE vault_secrets (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          kind TEXT NOT NULL,
          notes TEXT NOT NULL DEFAULT '',
          ciphertext BLOB NOT NULL,
          nonce BLOB NOT NULL,
          tag BLOB NOT NULL,
          key_pass_ciphertext BLOB,
          key_pass_nonce BLOB,
          key_pass_tag BLOB,
          fingerprint TEXT,
          public_key TEXT,
          key_type TEXT,
          has_passphrase INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          format_version INTEGER NOT NULL
        );
      `);
    },
  },
];
