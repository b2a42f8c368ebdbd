import type { Migration } from '../store/migration';

/** One row per setting that was ever changed; values are JSON so each keeps its type. */
export const settingsMigrations: Migration[] = [
  {
    version: 4,
    name: 'settings',
    up(db) {
      db.exec(`
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL,
          updated_at INTEGER
        );
      `);
    },
  },
];
