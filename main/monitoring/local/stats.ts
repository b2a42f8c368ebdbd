import type { z } from 'zod';
import type { localStoreStats } from '../../../shared/api/monitoring-collector';
import type { Db } from '../../store/migration';
import { HOUR, MINUTE } from './buckets';
import type { RetentionDays } from './retention';
import type { LocalStore } from './store';

export type LocalStoreStats = z.infer<typeof localStoreStats>;

/** Size and reach of the store: what is on disk plus what is still in memory heads. */
export function localStats(db: Db, store: LocalStore, retention: RetentionDays): LocalStoreStats {
  const chunks = db
    .prepare(
      `SELECT COALESCE(SUM(count), 0) AS samples, COALESCE(SUM(length(data)), 0) AS bytes,
              MIN(start_ms) AS oldest, MAX(end_ms) AS newest FROM local_chunks`,
    )
    .get() as { samples: number; bytes: number; oldest: number | null; newest: number | null };
  const rollups = db
    .prepare('SELECT res_ms AS res, SUM(count) AS buckets, MIN(start_ms) AS oldest FROM local_rollups GROUP BY res_ms')
    .all() as { res: number; buckets: number; oldest: number }[];
  let headSamples = 0;
  let pendingHours = 0;
  let newest = chunks.newest;
  let oldest = chunks.oldest;
  for (const ref of store.index.all()) {
    const s = store.liveState(ref.id);
    if (!s) continue;
    headSamples += s.ts.length;
    pendingHours += s.pending.t.length;
    if (s.ts.length > 0) {
      newest = Math.max(newest ?? -Infinity, s.ts[s.ts.length - 1]);
      oldest = Math.min(oldest ?? Infinity, s.ts[0]);
    }
  }
  for (const r of rollups) oldest = Math.min(oldest ?? Infinity, r.oldest);
  const bucketsAt = (res: number) => rollups.find((r) => r.res === res)?.buckets ?? 0;
  return {
    series: store.index.size,
    samples: chunks.samples + headSamples,
    chunkBytes: chunks.bytes,
    bytesPerSample: chunks.samples > 0 ? chunks.bytes / chunks.samples : null,
    oldestMs: oldest,
    newestMs: newest,
    rollups: [
      { resolution: '1m', buckets: bucketsAt(MINUTE) },
      { resolution: '1h', buckets: bucketsAt(HOUR) + pendingHours },
    ],
    retention: retention,
  };
}
