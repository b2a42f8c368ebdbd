import type { Migration } from '../store/migration';

/**
 * No foreign key from job_logs to jobs: a live workspace restore can roll the
 * jobs table back underneath a running job, and its log lines must still land.
 */
export const jobsMigrations: Migration[] = [
  {
    version: 3,
    name: 'jobs',
    up(db) {
      db.exec(`
        CREATE TABLE jobs (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL,
          title TEXT NOT NULL,
          actor TEXT NOT NULL,
          state TEXT NOT NULL,
          done REAL NOT NULL DEFAULT 0,
          total REAL,
          message TEXT NOT NULL DEFAULT '',
          created_at INTEGER NOT NULL,
          started_at INTEGER,
          finished_at INTEGER,
          result TEXT,
          error TEXT
        );
        CREATE INDEX jobs_state ON jobs (state);
        CREATE INDEX jobs_created ON jobs (created_at);
        CREATE TABLE job_logs (
          job_id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          time INTEGER NOT NULL,
          level TEXT NOT NULL,
          message TEXT NOT NULL,
          PRIMARY KEY (job_id, seq)
        );
      `);
    },
  },
];
