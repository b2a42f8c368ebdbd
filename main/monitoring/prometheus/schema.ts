import type { Migration } from '../../store/migration';

/**
 * Saved Prometheus datasources (migration 10). Credentials are vault ids only;
 * the CA is public material. At most one row is the default (partial unique
 * index), and names are unique regardless of case, as people type them.
 */
export const promMigrations: Migration[] = [
  {
    version: 10,
    name: 'monitoring-datasources',
    up(db) {
      db.exec(`
        CREATE TABLE prom_datasources (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL COLLATE NOCASE UNIQUE,
          url TEXT NOT NULL,
          auth_kind TEXT NOT NULL CHECK (auth_kind IN ('none', 'bearer', 'basic')),
          auth_username TEXT,
          auth_secret_id TEXT,
          ca_pem TEXT,
          tunnel_via TEXT,
          timeout_ms INTEGER NOT NULL,
          is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX prom_datasources_one_default ON prom_datasources (is_default) WHERE is_default = 1;
      `);
    },
  },
];
