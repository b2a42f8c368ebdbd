import type { Migration } from '../../store/migration';

/**
 * Log sources and the lines pulled from them (migration 14).
 *
 * A source's read position (journal cursor, or file inode + byte offset) is
 * written in the same transaction as the lines it covers, so a crash between
 * the two can neither lose lines nor store them twice.
 *
 * Lines keep the host's name and CI id as they were when pulled, and no
 * reference to their source: deleting a source (or its CI) leaves its lines
 * to retention. The full-text index is an external-content FTS5 table over
 * the message (highlight() reads the text back from log_lines), kept in step
 * by triggers. Level is the syslog number (0 emerg … 7 debug).
 */
export const logsMigrations: Migration[] = [
  {
    version: 14,
    name: 'monitoring-logs',
    up(db) {
      db.exec(`
        CREATE TABLE monitoring_log_sources (
          id TEXT PRIMARY KEY,
          ci_id TEXT NOT NULL REFERENCES cmdb_cis(id) ON DELETE CASCADE,
          kind TEXT NOT NULL CHECK (kind IN ('journal', 'file')),
          path TEXT,
          units TEXT NOT NULL DEFAULT '[]',
          enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
          interval_sec INTEGER NOT NULL CHECK (interval_sec BETWEEN 1 AND 86400),
          journal_cursor TEXT,
          file_inode TEXT,
          file_offset INTEGER NOT NULL DEFAULT 0,
          more_waiting INTEGER NOT NULL DEFAULT 0,
          last_pull_at INTEGER,
          last_error TEXT,
          lines INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX monitoring_log_sources_ci ON monitoring_log_sources (ci_id);

        CREATE TABLE monitoring_log_lines (
          id INTEGER PRIMARY KEY,
          time INTEGER NOT NULL,
          ci_id TEXT NOT NULL,
          host TEXT NOT NULL,
          unit TEXT NOT NULL,
          level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 7),
          message TEXT NOT NULL,
          source_id TEXT NOT NULL
        );
        CREATE INDEX monitoring_log_lines_time ON monitoring_log_lines (time);
        CREATE INDEX monitoring_log_lines_host_time ON monitoring_log_lines (host, time);
        CREATE INDEX monitoring_log_lines_unit_time ON monitoring_log_lines (unit, time);

        CREATE VIRTUAL TABLE monitoring_log_fts USING fts5(
          message,
          content = 'monitoring_log_lines',
          content_rowid = 'id',
          tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER monitoring_log_lines_ai AFTER INSERT ON monitoring_log_lines BEGIN
          INSERT INTO monitoring_log_fts (rowid, message) VALUES (new.id, new.message);
        END;
        CREATE TRIGGER monitoring_log_lines_ad AFTER DELETE ON monitoring_log_lines BEGIN
          INSERT INTO monitoring_log_fts (monitoring_log_fts, rowid, message) VALUES ('delete', old.id, old.message);
        END;
      `);
    },
  },
];
