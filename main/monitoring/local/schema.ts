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
  {
    version: 16,
    name: 'monitoring-local-totals',
    up(db) {
      db.exec(TOTALS_SQL);
    },
  },
];

/**
 * Running totals of local_chunks (res_ms 0) and local_rollups (per res_ms),
 * so the store's stats never scan those tables (migration 16). Triggers keep
 * them in the transaction of every insert and delete, whichever code runs
 * it; the rows of both tables are never updated in place.
 *
 * oldest/newest only widen on insert. A delete that may have removed the
 * oldest or newest row sets `bounds_stale`; the bounds are then found again
 * through the per-series indexes (totals.ts), O(series), not O(rows).
 */
const TOTALS_SQL = `
  CREATE TABLE local_totals (
    res_ms INTEGER PRIMARY KEY,
    rows INTEGER NOT NULL,
    count INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    oldest INTEGER,
    newest INTEGER,
    bounds_stale INTEGER NOT NULL DEFAULT 0
  );
  INSERT INTO local_totals (res_ms, rows, count, bytes, oldest, newest)
    SELECT 0, COUNT(*), COALESCE(SUM(count), 0), COALESCE(SUM(length(data)), 0), MIN(start_ms), MAX(end_ms)
    FROM local_chunks;
  INSERT INTO local_totals (res_ms, rows, count, bytes, oldest, newest)
    SELECT res_ms, COUNT(*), SUM(count), SUM(length(data)), MIN(start_ms), MAX(end_ms)
    FROM local_rollups GROUP BY res_ms;

  CREATE TRIGGER local_chunks_totals_insert AFTER INSERT ON local_chunks BEGIN
    INSERT INTO local_totals (res_ms, rows, count, bytes, oldest, newest)
      VALUES (0, 1, new.count, length(new.data), new.start_ms, new.end_ms)
      ON CONFLICT (res_ms) DO UPDATE SET rows = rows + 1, count = count + excluded.count,
        bytes = bytes + excluded.bytes,
        oldest = min(coalesce(oldest, excluded.oldest), excluded.oldest),
        newest = max(coalesce(newest, excluded.newest), excluded.newest);
  END;
  CREATE TRIGGER local_chunks_totals_delete AFTER DELETE ON local_chunks BEGIN
    UPDATE local_totals SET rows = rows - 1, count = count - old.count, bytes = bytes - length(old.data),
      bounds_stale = bounds_stale OR coalesce(old.start_ms <= oldest OR old.end_ms >= newest, 1)
    WHERE res_ms = 0;
  END;
  CREATE TRIGGER local_rollups_totals_insert AFTER INSERT ON local_rollups BEGIN
    INSERT INTO local_totals (res_ms, rows, count, bytes, oldest, newest)
      VALUES (new.res_ms, 1, new.count, length(new.data), new.start_ms, new.end_ms)
      ON CONFLICT (res_ms) DO UPDATE SET rows = rows + 1, count = count + excluded.count,
        bytes = bytes + excluded.bytes,
        oldest = min(coalesce(oldest, excluded.oldest), excluded.oldest),
        newest = max(coalesce(newest, excluded.newest), excluded.newest);
  END;
  CREATE TRIGGER local_rollups_totals_delete AFTER DELETE ON local_rollups BEGIN
    UPDATE local_totals SET rows = rows - 1, count = count - old.count, bytes = bytes - length(old.data),
      bounds_stale = bounds_stale OR coalesce(old.start_ms <= oldest OR old.end_ms >= newest, 1)
    WHERE res_ms = old.res_ms;
  END;
`;
