import type { z } from 'zod';
import type { localStoreStats } from '../../../shared/api/monitoring-collector';
import { HOUR, MINUTE } from './buckets';
import type { RetentionDays } from './retention';
import type { LocalStore } from './store';
import { RAW, type Totals } from './totals';

export type LocalStoreStats = z.infer<typeof localStoreStats>;

/**
 * Size and reach of the store: what is on disk (running totals, never a
 * scan of the tables) plus what is still in memory heads, O(live series).
 */
export function localStats(store: LocalStore, retention: RetentionDays): LocalStoreStats {
  const totals = store.totals.read();
  const none: Totals = { rows: 0, count: 0, bytes: 0, oldest: null, newest: null };
  const chunks = totals.get(RAW) ?? none;
  let headSamples = 0;
  let pendingHours = 0;
  let newest = chunks.newest;
  let oldest = chunks.oldest;
  for (const s of store.liveStates()) {
    headSamples += s.ts.length;
    pendingHours += s.pending.t.length;
    if (s.ts.length > 0) {
      newest = Math.max(newest ?? -Infinity, s.ts[s.ts.length - 1]);
      oldest = Math.min(oldest ?? Infinity, s.ts[0]);
    }
  }
  for (const [res, t] of totals) if (res !== RAW && t.oldest !== null) oldest = Math.min(oldest ?? Infinity, t.oldest);
  const bucketsAt = (res: number) => totals.get(res)?.count ?? 0;
  return {
    series: store.index.size,
    samples: chunks.count + headSamples,
    chunkBytes: chunks.bytes,
    bytesPerSample: chunks.count > 0 ? chunks.bytes / chunks.count : null,
    oldestMs: oldest,
    newestMs: newest,
    rollups: [
      { resolution: '1m', buckets: bucketsAt(MINUTE) },
      { resolution: '1h', buckets: bucketsAt(HOUR) + pendingHours },
    ],
    retention: retention,
  };
}
