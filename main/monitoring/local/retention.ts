import type { Db } from '../../store/migration';
import { decodeChunk } from '../tsdb/chunk';
import { HOUR, MINUTE, bucketize, mergeBuckets, sliceBuckets } from './buckets';
import type { RollupColumns } from './rollup-codec';
import { BLOCK_SPAN_MS, type LocalStore } from './store';

const DAY = 24 * HOUR;

export interface RetentionDays {
  rawDays: number;
  rollup1mDays: number;
  rollup1hDays: number;
}

export interface RetentionResult {
  /** raw samples leave before this time (see rawBoundary) */
  rawBoundary: number;
  chunksDropped: number;
  minuteBucketsMade: number;
  blocksDropped: number;
  seriesForgotten: number;
}

/**
 * Raw chunks leave in whole 6-hour steps, so that each series gets one
 * well-filled block of minute buckets per step: raw samples stay up to 6
 * hours longer than the setting says.
 */
export function rawBoundary(now: number, rawDays: number): number {
  const span = BLOCK_SPAN_MS[MINUTE];
  return Math.floor((now - rawDays * DAY) / span) * span;
}

/**
 * Applies the three retention settings at `now`.
 *
 * Raw chunks past raw retention are first rolled up into 1-minute buckets
 * (kept while 1-minute retention lasts), then deleted. Making minute buckets
 * only then, rather than as samples arrive, keeps the recent past at raw
 * cost alone (storing them for every sample would add ~1.8 bytes a sample):
 * while raw samples exist, a query asking for minute buckets gets them
 * computed from raw (store.buckets), the same numbers the stored ones hold.
 *
 * `previousRawBoundary`: the boundary of the last run; when it has not moved
 * there are no raw chunks to visit and the per-series pass is skipped.
 */
export function applyRetention(
  store: LocalStore,
  db: Db,
  days: RetentionDays,
  now: number,
  previousRawBoundary = -Infinity,
): RetentionResult {
  const boundary = rawBoundary(now, days.rawDays);
  const minuteCutoff = now - days.rollup1mDays * DAY;
  const hourCutoff = now - days.rollup1hDays * DAY;
  const result: RetentionResult = {
    rawBoundary: boundary,
    chunksDropped: 0,
    minuteBucketsMade: 0,
    blocksDropped: 0,
    seriesForgotten: 0,
  };

  if (boundary > previousRawBoundary) {
    const expired = db
      .prepare('SELECT data FROM local_chunks WHERE series_id = ? AND start_ms < ? AND end_ms < ? ORDER BY start_ms')
      .pluck();
    const dropChunks = db.prepare('DELETE FROM local_chunks WHERE series_id = ? AND start_ms < ? AND end_ms < ?');
    const minuteSpan = BLOCK_SPAN_MS[MINUTE];
    for (const ref of [...store.index.all()]) {
      db.transaction(() => {
        const lists: RollupColumns[] = [];
        for (const data of expired.iterate(ref.id, boundary, boundary) as Iterable<Buffer>) {
          const c = decodeChunk(data);
          lists.push(bucketize(c.ts, c.vs, MINUTE, true));
        }
        if (lists.length === 0) return;
        const minutes = sliceBuckets(mergeBuckets(lists, true), minuteCutoff, Infinity);
        // One block per 6-hour window, so a first run after a long pause makes no giant rows.
        for (let i = 0; i < minutes.t.length;) {
          const window = Math.floor(minutes.t[i] / minuteSpan) * minuteSpan;
          const block = sliceBuckets(minutes, window, window + minuteSpan);
          store.insertBlock(ref.id, MINUTE, block);
          i += block.t.length;
        }
        result.minuteBucketsMade += minutes.t.length;
        result.chunksDropped += dropChunks.run(ref.id, boundary, boundary).changes;
      })();
    }
  }

  const dropBlocks = db.prepare('DELETE FROM local_rollups WHERE res_ms = ? AND end_ms < ?');
  result.blocksDropped += dropBlocks.run(MINUTE, minuteCutoff).changes + dropBlocks.run(HOUR, hourCutoff).changes;

  if (result.chunksDropped + result.blocksDropped > 0) {
    const empty = db
      .prepare(
        `SELECT id FROM local_series s
         WHERE NOT EXISTS (SELECT 1 FROM local_chunks WHERE series_id = s.id)
           AND NOT EXISTS (SELECT 1 FROM local_rollups WHERE series_id = s.id)`,
      )
      .pluck()
      .all() as number[];
    db.transaction(() => {
      for (const id of empty) {
        if (store.liveState(id)) continue; // still being written: its head holds samples
        store.index.delete(id);
        store.drop(id);
        result.seriesForgotten++;
      }
      // The deletes may have taken the oldest rows: find the bounds now, so stats stays O(1).
      store.totals.refreshBounds();
    })();
  }
  return result;
}
