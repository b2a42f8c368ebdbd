import type { Migration } from '../store/migration';

/**
 * The SSH domain's own tables: trusted host keys (7) and terminal recordings
 * (9). Batch runs and snippets are migration 8 (schema-batch.ts).
 */
export const sshMigrations: Migration[] = [
  {
    version: 7,
    name: 'ssh-hostkeys',
    up(db) {
      // `host` is the address as connected to, or '|1|salt|hash' for a hashed
      // known_hosts import (matched by recomputing the HMAC for a host).
      db.exec(`
        CREATE TABLE known_hosts (
          id TEXT PRIMARY KEY,
          host TEXT NOT NULL,
          port INTEGER NOT NULL,
          key_type TEXT NOT NULL,
          key_blob TEXT NOT NULL,
          fingerprint TEXT NOT NULL,
          accepted_by TEXT NOT NULL,
          accepted_at INTEGER NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('prompt', 'import', 'replace')),
          revoked INTEGER NOT NULL DEFAULT 0,
          comment TEXT NOT NULL DEFAULT '',
          UNIQUE (host, port, key_type, key_blob)
        );
        CREATE INDEX known_hosts_host ON known_hosts (host, port);
        CREATE INDEX known_hosts_fp ON known_hosts (fingerprint);
      `);
    },
  },
  {
    version: 9,
    name: 'ssh-recordings',
    up(db) {
      db.exec(`
        CREATE TABLE terminal_recordings (
          id TEXT PRIMARY KEY,
          ci_id TEXT NOT NULL,
          ci_name TEXT NOT NULL,
          ci_type TEXT NOT NULL DEFAULT 'host',
          actor TEXT NOT NULL,
          started_at INTEGER NOT NULL,
          ended_at INTEGER,
          bytes INTEGER NOT NULL DEFAULT 0,
          capped INTEGER NOT NULL DEFAULT 0,
          content TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX terminal_recordings_started ON terminal_recordings (started_at DESC);
      `);
    },
  },
];
