import type { Migration } from '../store/migration';

/**
 * Batch runs, their per-host results and saved snippets (migration 8).
 *
 * A run row keeps what is needed to run it again (`options`: the template,
 * parameters, file spec) besides what the contract shows. Host rows are
 * written when the run is created (state 'queued') and updated as hosts move,
 * so a run can be read while it is going and survives a crash with every host
 * accounted for. Output is size-capped before it gets here (`truncated`).
 */
export const sshBatchMigrations: Migration[] = [
  {
    version: 8,
    name: 'ssh-batch',
    up(db) {
      db.exec(`
        CREATE TABLE ssh_batch_runs (
          id TEXT PRIMARY KEY,
          kind TEXT NOT NULL CHECK (kind IN ('command', 'push', 'fetch')),
          command TEXT NOT NULL,
          actor TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          finished_at INTEGER,
          concurrency INTEGER NOT NULL,
          timeout_sec REAL NOT NULL,
          job_id TEXT,
          counts TEXT NOT NULL DEFAULT '{}',
          total INTEGER NOT NULL,
          options TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX ssh_batch_runs_created ON ssh_batch_runs (created_at DESC);

        CREATE TABLE ssh_batch_hosts (
          run_id TEXT NOT NULL REFERENCES ssh_batch_runs (id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          ci_id TEXT NOT NULL,
          ci_name TEXT NOT NULL,
          ci_type TEXT NOT NULL,
          address TEXT NOT NULL DEFAULT '',
          state TEXT NOT NULL,
          exit_code INTEGER,
          signal TEXT,
          started_at INTEGER,
          duration_ms REAL,
          stdout TEXT NOT NULL DEFAULT '',
          stderr TEXT NOT NULL DEFAULT '',
          truncated INTEGER NOT NULL DEFAULT 0,
          error TEXT,
          sha256 TEXT,
          PRIMARY KEY (run_id, ci_id)
        ) WITHOUT ROWID;
        CREATE INDEX ssh_batch_hosts_seq ON ssh_batch_hosts (run_id, seq);

        CREATE TABLE ssh_snippets (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          template TEXT NOT NULL,
          params TEXT NOT NULL DEFAULT '[]',
          updated_at INTEGER NOT NULL
        );
      `);
    },
  },
];
