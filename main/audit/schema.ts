import type { Migration } from '../store/migration';

/**
 * The triggers make the log append-only for ordinary SQL, which stops
 * accidents (a stray UPDATE in a migration or a console). Anyone who drops the
 * triggers with another tool can still edit the file; that is what verify()
 * exists to detect. audit_head records the last seq and hash so that cutting
 * entries off the end is detected as well. Its one row is written by the first
 * append (not here), so a generic row-by-row restore into a fresh schema does
 * not collide with a pre-seeded row.
 */
export const auditMigrations: Migration[] = [
  {
    version: 2,
    name: 'audit',
    up(db) {
      db.exec(`
        CREATE TABLE audit_log (
          seq INTEGER PRIMARY KEY,
          time INTEGER NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          target TEXT NOT NULL,
          outcome TEXT NOT NULL,
          details TEXT NOT NULL,
          ref INTEGER,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        );
        CREATE INDEX audit_log_time ON audit_log (time);
        CREATE INDEX audit_log_action ON audit_log (action);
        CREATE INDEX audit_log_actor ON audit_log (actor);
        CREATE TABLE audit_head (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          seq INTEGER NOT NULL,
          hash TEXT NOT NULL
        );
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
          BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      `);
    },
  },
];
