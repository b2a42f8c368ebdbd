import { OpsError } from '../../../shared/api/errors';
import type { MonitoringDeps, MonitoringPart } from '../part-types';
import type { Engine, SampleSink } from '../types';
import { HOUR } from './buckets';
import { LocalEngine } from './engine';
import { applyRetention, rawBoundary, type RetentionDays } from './retention';
import { localStats } from './stats';
import { LocalStore } from './store';

export interface LocalPart extends MonitoringPart<'monitoring.local.stats'> {
  /** evaluates the local selector language over the workspace's series */
  engine: Engine;
  sink: SampleSink;
  /** the store itself, for tests and benches that look at what is on disk */
  store: LocalStore;
}

/** Heads are written this often: the most a crash can lose (see store.ts). */
export const FLUSH_EVERY_MS = 60_000;
/** A series with no sample for this long is sealed into chunks and blocks and leaves memory. */
export const IDLE_AFTER_MS = HOUR;
const SEAL_EVERY_MS = 5 * 60_000;
/** Retention runs at most this often (it walks every series). */
export const RETENTION_EVERY_MS = 5 * 60_000;

export function createLocalPart(deps: Pick<MonitoringDeps, 'db' | 'clock' | 'settings' | 'logger'>): LocalPart {
  const log = deps.logger.child('local-series');
  const store = new LocalStore(deps.db, deps.logger);
  const retention = (): RetentionDays => {
    const s = deps.settings.get();
    return {
      rawDays: s['monitoring.retentionRawDays'],
      rollup1mDays: s['monitoring.retention1mDays'],
      rollup1hDays: s['monitoring.retention1hDays'],
    };
  };
  // Retention has dropped no raw sample after this boundary (it never runs ahead of the clock).
  const rawKeptFrom = () => rawBoundary(deps.clock.now(), retention().rawDays);
  const engine = new LocalEngine({ source: store, index: store.index, rawKeptFrom });

  const readOnly = () => deps.db.readonly;
  const sink: SampleSink = {
    append(samples) {
      if (readOnly())
        throw new OpsError('forbidden', 'This workspace is open read-only; collected samples cannot be stored.');
      store.append(samples);
    },
    markStale(match, t) {
      if (readOnly()) return;
      store.markStale(match, t);
    },
  };

  let lastFlush = deps.clock.now();
  let lastSeal = deps.clock.now();
  let lastRetention = -Infinity;
  let lastRawBoundary = -Infinity;
  const step = (name: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      log.error(`${name} failed`, { error: (e as Error).message });
    }
  };

  return {
    engine,
    sink,
    store,
    handlers: {
      'monitoring.local.stats': () => localStats(store, retention()),
    },
    ticking: {
      async tick() {
        if (readOnly()) return;
        const now = deps.clock.now();
        if (now - lastFlush >= FLUSH_EVERY_MS) {
          lastFlush = now;
          step('flushing series heads', () => store.flush());
        }
        if (now - lastSeal >= SEAL_EVERY_MS) {
          lastSeal = now;
          step('sealing idle series', () => store.sealIdle(now - IDLE_AFTER_MS));
        }
        if (now - lastRetention >= RETENTION_EVERY_MS) {
          lastRetention = now;
          step('applying retention', () => {
            const r = applyRetention(store, deps.db, retention(), now, lastRawBoundary);
            lastRawBoundary = r.rawBoundary;
            if (r.chunksDropped + r.blocksDropped + r.seriesForgotten > 0) log.info('retention applied', { ...r });
          });
        }
      },
    },
    reload() {
      // The restored file's series and heads replace ours; its raw chunks may predate the last retention pass.
      store.reload();
      lastRetention = -Infinity;
      lastRawBoundary = -Infinity;
    },
    close() {
      if (!readOnly()) store.close();
    },
  };
}
