import type { CollectorTarget } from '../../../shared/api/monitoring-collector';
import type { Db } from '../../store/migration';

export type TargetState = CollectorTarget['state'];

/** One row of monitoring_collector_targets, as the service uses it. */
export interface TargetRow {
  ciId: string;
  enabled: boolean;
  intervalSec: number;
  state: TargetState;
  lastScrapeAt: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  problems: string[];
  seriesCount: number;
}

/** The columns the schedule needs, read every second. */
export type ScheduleRow = Pick<TargetRow, 'ciId' | 'enabled' | 'intervalSec' | 'state' | 'lastScrapeAt'>;

/** How one scrape ended, as recorded on its target. */
export interface ScrapeOutcome {
  state: 'ok' | 'stale';
  at: number;
  durationMs: number;
  error: string | null;
  problems: string[];
  seriesCount: number;
}

interface RawRow {
  ci_id: string;
  enabled: number;
  interval_sec: number;
  state: TargetState;
  last_scrape_at: number | null;
  last_duration_ms: number | null;
  last_error: string | null;
  problems: string;
  series_count: number;
}

function fromRaw(r: RawRow): TargetRow {
  let problems: string[] = [];
  try {
    const p: unknown = JSON.parse(r.problems);
    if (Array.isArray(p)) problems = p.filter((x): x is string => typeof x === 'string');
  } catch {
    // a hand-edited cell: show no notes rather than fail the whole list
  }
  return {
    ciId: r.ci_id,
    enabled: r.enabled === 1,
    intervalSec: r.interval_sec,
    state: r.state,
    lastScrapeAt: r.last_scrape_at,
    lastDurationMs: r.last_duration_ms,
    lastError: r.last_error,
    problems,
    seriesCount: r.series_count,
  };
}

/** The targets table: the schedule's durable half. */
export class TargetStore {
  // Prepared once: schedule() runs every second, get() and record() on every scrape.
  private readonly sql;

  constructor(private readonly db: Db) {
    this.sql = {
      all: db.prepare<[], RawRow>('SELECT * FROM monitoring_collector_targets ORDER BY ci_id'),
      enabled: db.prepare<[], RawRow>('SELECT * FROM monitoring_collector_targets WHERE enabled = 1 ORDER BY ci_id'),
      schedule: db.prepare<
        [],
        { ci_id: string; interval_sec: number; state: TargetState; last_scrape_at: number | null }
      >(
        `SELECT ci_id, interval_sec, state, last_scrape_at FROM monitoring_collector_targets
         WHERE enabled = 1 ORDER BY ci_id`,
      ),
      get: db.prepare<[string], RawRow>('SELECT * FROM monitoring_collector_targets WHERE ci_id = ?'),
      upsert: db.prepare(
        `INSERT INTO monitoring_collector_targets (ci_id, enabled, interval_sec, state, created_at, updated_at)
         VALUES (@ciId, @enabled, @intervalSec, @state, @now, @now)
         ON CONFLICT (ci_id) DO UPDATE SET
           enabled = excluded.enabled,
           interval_sec = excluded.interval_sec,
           state = CASE
             WHEN excluded.enabled = 0 THEN 'disabled'
             WHEN monitoring_collector_targets.enabled = 0 THEN 'waiting'
             ELSE monitoring_collector_targets.state END,
           updated_at = excluded.updated_at`,
      ),
      record: db.prepare(
        `UPDATE monitoring_collector_targets SET state = ?, last_scrape_at = ?, last_duration_ms = ?,
           last_error = ?, problems = ?, series_count = ?, updated_at = ?
         WHERE ci_id = ? AND enabled = 1`,
      ),
    };
  }

  all(): TargetRow[] {
    return this.sql.all.all().map(fromRaw);
  }

  enabled(): TargetRow[] {
    return this.sql.enabled.all().map(fromRaw);
  }

  /** The enabled targets' schedule columns only: no problems JSON parsed per host per second. */
  schedule(): ScheduleRow[] {
    return this.sql.schedule.all().map((r) => ({
      ciId: r.ci_id,
      enabled: true,
      intervalSec: r.interval_sec,
      state: r.state,
      lastScrapeAt: r.last_scrape_at,
    }));
  }

  get(ciId: string): TargetRow | undefined {
    const r = this.sql.get.get(ciId);
    return r ? fromRaw(r) : undefined;
  }

  /**
   * Turns collection on or off for these CIs in one transaction. A target
   * that is (re)enabled waits for its first scrape; a disabled one keeps its
   * last scrape for the record.
   */
  set(ciIds: readonly string[], enabled: boolean, intervalSec: number, now: number): void {
    this.db.transaction(() => {
      for (const ciId of ciIds) {
        this.sql.upsert.run({
          ciId,
          enabled: enabled ? 1 : 0,
          intervalSec,
          state: enabled ? 'waiting' : 'disabled',
          now,
        });
      }
    })();
  }

  /** Records a scrape, unless the target was disabled or removed while it ran. Returns whether it was. */
  record(ciId: string, o: ScrapeOutcome): boolean {
    const r = this.sql.record.run(
      o.state,
      o.at,
      o.durationMs,
      o.error,
      JSON.stringify(o.problems),
      o.seriesCount,
      o.at,
      ciId,
    );
    return r.changes === 1;
  }
}
