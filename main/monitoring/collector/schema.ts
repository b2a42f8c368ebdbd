import type { Migration } from '../../store/migration';

/**
 * The SSH collector's targets (migration 12): which host CIs are scraped, how
 * often, and how the last scrape went. The samples themselves go to the local
 * series store; the previous counter readings needed for rates live in memory
 * (after a restart the first scrape writes gauges only).
 *
 * Deleting a CI removes its target (ON DELETE CASCADE), so the schedule never
 * holds a host the CMDB no longer knows.
 */
export const collectorMigrations: Migration[] = [
  {
    version: 12,
    name: 'monitoring-collector',
    up(db) {
      db.exec(`
        CREATE TABLE monitoring_collector_targets (
          ci_id TEXT PRIMARY KEY REFERENCES cmdb_cis(id) ON DELETE CASCADE,
          enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
          interval_sec INTEGER NOT NULL CHECK (interval_sec BETWEEN 1 AND 86400),
          state TEXT NOT NULL CHECK (state IN ('waiting', 'ok', 'stale', 'disabled')),
          last_scrape_at INTEGER,
          last_duration_ms REAL,
          last_error TEXT,
          problems TEXT NOT NULL DEFAULT '[]',
          series_count INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX monitoring_collector_enabled ON monitoring_collector_targets (enabled);
      `);
    },
  },
];
