import type { Db, Migration } from './migration';

/**
 * Version 1 of the one numbered sequence: the workspace's own facts
 * (created_at, created_by_version, demo flag) as key/value pairs so later
 * facts never need a schema change.
 */
export const storeMigrations: Migration[] = [
  {
    version: 1,
    name: 'store',
    up(db) {
      db.exec(`CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT`);
    },
  },
];

/** Reads one meta value; null when unset or when the workspace has no meta table (tests with partial migration lists). */
export function readMeta(db: Db, key: string): string | null {
  if (!hasTable(db, 'meta')) return null;
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

export function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
