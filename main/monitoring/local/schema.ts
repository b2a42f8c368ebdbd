import type { Migration } from '../../store/migration';

/**
 * The workspace's own time series (migration 11).
 *
 * - local_series: one row per label set; `labels` is the canonical JSON
 *   (names sorted, `__name__` included) and is the series' unique key.
 * - local_chunks: encoded samples (tsdb/chunk.ts), ~120 per row. A rowid
 *   table: chunks are inserted in time order, so its pages fill completely;
 *   the (series_id, start_ms) index serves every read.
 * - local_rollups: encoded min/max/sum/count buckets (rollup-codec.ts) at
 *   1 minute (made from raw chunks as they pass raw retention) and 1 hour
 *   (made as chunks are cut).
 * - local_heads: per series, the samples not yet in a chunk and the hourly
 *   buckets not yet in a block, written at least every minute and on close.
 */
export const localSeriesMigrations: Migration[] = [
  {
    version: 11,
    name: 'monitoring-local-series',
    up(db) {
      db.exec(`
        CREATE TABLE local_series (
          id INTEGER PRIMARY KEY,
          metric TEXT NOT NULL,
          labels TEXT NOT NULL UNIQUE
        );
        CREATE INDEX local_series_metric ON local_series(metric);

        CREATE TABLE local_chunks (
          id INTEGER PRIMARY KEY,
          series_id INTEGER NOT NULL REFERENCES local_series(id) ON DELETE CASCADE,
          start_ms INTEGER NOT NULL,
          end_ms INTEGER NOT NULL,
          count INTEGER NOT NULL,
          data BLOB NOT NULL
        );
        CREATE INDEX local_chunks_series_time ON local_chunks(series_id, start_ms);

        CREATE TABLE local_rollups (
          id INTEGER PRIMARY KEY,
          series_id INTEGER NOT NULL REFERENCES local_series(id) ON DELETE CASCADE,
          res_ms INTEGER NOT NULL,
          start_ms INTEGER NOT NULL,
          end_ms INTEGER NOT NULL,
          count INTEGER NOT NULL,
          data BLOB NOT NULL
        );
        CREATE INDEX local_rollups_series_time ON local_rollups(series_id, res_ms, start_ms);
        CREATE INDEX local_rollups_expiry ON local_rollups(res_ms, end_ms);

        CREATE TABLE local_heads (
          series_id INTEGER PRIMARY KEY REFERENCES local_series(id) ON DELETE CASCADE,
          data BLOB NOT NULL
        );
      `);
    },
  },
];
