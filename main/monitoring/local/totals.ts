import type { Db } from '../../store/migration';

/** What local_totals holds for raw chunks (res 0) or the rollup blocks of one resolution. */
export interface Totals {
  rows: number;
  /** samples (chunks) or buckets (rollups) */
  count: number;
  bytes: number;
  oldest: number | null;
  newest: number | null;
}

/** The res_ms of raw chunks in local_totals. */
export const RAW = 0;

interface Row extends Totals {
  res: number;
  stale: number;
}

/**
 * The store's running totals (migration 16's triggers keep them): reading
 * them is O(1); only bounds a delete has made stale cost O(series), found
 * through the per-series indexes rather than by scanning the tables.
 */
export class StoreTotals {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      all: db.prepare(
        'SELECT res_ms AS res, rows, count, bytes, oldest, newest, bounds_stale AS stale FROM local_totals',
      ),
      // Chunks of a series never overlap (its samples only move forward): its last chunk holds its newest sample.
      rawBounds: db.prepare(
        `SELECT MIN((SELECT start_ms FROM local_chunks WHERE series_id = s.id ORDER BY start_ms LIMIT 1)) AS oldest,
                MAX((SELECT end_ms FROM local_chunks WHERE series_id = s.id ORDER BY start_ms DESC LIMIT 1)) AS newest
         FROM local_series s`,
      ),
      rollupBounds: db.prepare(
        `SELECT MIN((SELECT start_ms FROM local_rollups WHERE series_id = s.id AND res_ms = $res
                     ORDER BY start_ms LIMIT 1)) AS oldest,
                (SELECT MAX(end_ms) FROM local_rollups WHERE res_ms = $res) AS newest
         FROM local_series s`,
      ),
      setBounds: db.prepare('UPDATE local_totals SET oldest = ?, newest = ?, bounds_stale = 0 WHERE res_ms = ?'),
    };
  }

  /** Totals by res_ms (RAW for chunks); stale bounds are found again, not written (the database may be read-only). */
  read(): Map<number, Totals> {
    const out = new Map<number, Totals>();
    for (const r of this.sql.all.all() as Row[]) {
      const bounds = r.stale ? this.bounds(r.res) : r;
      const empty = r.rows === 0;
      out.set(r.res, {
        rows: r.rows,
        count: r.count,
        bytes: r.bytes,
        oldest: empty ? null : bounds.oldest,
        newest: empty ? null : bounds.newest,
      });
    }
    return out;
  }

  /** Finds and stores the bounds deletes made stale; call inside a transaction, after deleting. */
  refreshBounds(): void {
    for (const r of this.sql.all.all() as Row[]) {
      if (!r.stale) continue;
      const b = this.bounds(r.res);
      this.sql.setBounds.run(b.oldest, b.newest, r.res);
    }
  }

  private bounds(res: number): { oldest: number | null; newest: number | null } {
    return (res === RAW ? this.sql.rawBounds.get() : this.sql.rollupBounds.get({ res })) as {
      oldest: number | null;
      newest: number | null;
    };
  }
}
