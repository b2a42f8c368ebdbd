import type { LogSource } from '../../../shared/api/monitoring-logs';
import type { Db } from '../../store/migration';

/** What a person sets on a source. */
export interface SourceWrite {
  id: string;
  ciId: string;
  kind: 'journal' | 'file';
  path: string | null;
  units: string[];
  enabled: boolean;
  intervalSec: number;
}

/** A source row with its read position: what the puller needs beyond the contract's LogSource. */
export interface SourceRow extends SourceWrite {
  cursor: string | null;
  inode: string | null;
  offset: number;
  /** the last pull stopped at its cap: the next tick pulls again without waiting the interval */
  more: boolean;
  lastPullAt: number | null;
  lastError: string | null;
  lines: number;
}

interface Raw {
  id: string;
  ci_id: string;
  kind: 'journal' | 'file';
  path: string | null;
  units: string;
  enabled: number;
  interval_sec: number;
  journal_cursor: string | null;
  file_inode: string | null;
  file_offset: number;
  more_waiting: number;
  last_pull_at: number | null;
  last_error: string | null;
  lines: number;
  ci_name: string | null;
  ci_type: string | null;
}

function units(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((u): u is string => typeof u === 'string') : [];
  } catch {
    return [];
  }
}

function row(r: Raw): SourceRow {
  return {
    id: r.id,
    ciId: r.ci_id,
    kind: r.kind,
    path: r.path,
    units: units(r.units),
    enabled: r.enabled === 1,
    intervalSec: r.interval_sec,
    cursor: r.journal_cursor,
    inode: r.file_inode,
    offset: r.file_offset,
    more: r.more_waiting === 1,
    lastPullAt: r.last_pull_at,
    lastError: r.last_error,
    lines: r.lines,
  };
}

function contract(r: Raw): LogSource {
  const s = row(r);
  return {
    id: s.id,
    ci: { id: s.ciId, name: r.ci_name ?? s.ciId, type: r.ci_type ?? 'host' },
    kind: s.kind,
    path: s.path,
    units: s.units,
    enabled: s.enabled,
    intervalSec: s.intervalSec,
    lastPullAt: s.lastPullAt,
    lastError: s.lastError,
    lines: s.lines,
  };
}

const select = `SELECT s.*, c.name AS ci_name, c.type AS ci_type
  FROM monitoring_log_sources s LEFT JOIN cmdb_cis c ON c.id = s.ci_id`;

/** The sources table. Positions are only moved by `LineStore.commit`, with the lines they cover. */
export class SourceStore {
  constructor(private readonly db: Db) {}

  list(): LogSource[] {
    return this.db.prepare<[], Raw>(`${select} ORDER BY c.name, s.kind, s.path, s.id`).all().map(contract);
  }

  view(id: string): LogSource | undefined {
    const r = this.db.prepare<[string], Raw>(`${select} WHERE s.id = ?`).get(id);
    return r && contract(r);
  }

  get(id: string): SourceRow | undefined {
    const r = this.db.prepare<[string], Raw>(`${select} WHERE s.id = ?`).get(id);
    return r && row(r);
  }

  enabled(): SourceRow[] {
    return this.db.prepare<[], Raw>(`${select} WHERE s.enabled = 1 ORDER BY s.id`).all().map(row);
  }

  /** Creates, or updates in place; `resetPosition` forgets where reading stopped (another file or host). */
  save(w: SourceWrite, now: number, resetPosition: boolean): void {
    this.db
      .prepare(
        `INSERT INTO monitoring_log_sources
           (id, ci_id, kind, path, units, enabled, interval_sec, created_at, updated_at)
         VALUES (@id, @ciId, @kind, @path, @units, @enabled, @intervalSec, @now, @now)
         ON CONFLICT (id) DO UPDATE SET
           ci_id = excluded.ci_id, kind = excluded.kind, path = excluded.path, units = excluded.units,
           enabled = excluded.enabled, interval_sec = excluded.interval_sec, updated_at = excluded.updated_at,
           journal_cursor = CASE WHEN @reset THEN NULL ELSE journal_cursor END,
           file_inode = CASE WHEN @reset THEN NULL ELSE file_inode END,
           file_offset = CASE WHEN @reset THEN 0 ELSE file_offset END,
           more_waiting = CASE WHEN @reset THEN 0 ELSE more_waiting END,
           last_error = CASE WHEN @reset THEN NULL ELSE last_error END`,
      )
      .run({
        ...w,
        units: JSON.stringify(w.units),
        enabled: w.enabled ? 1 : 0,
        now,
        reset: resetPosition ? 1 : 0,
      });
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM monitoring_log_sources WHERE id = ?').run(id).changes > 0;
  }

  /** A pull that stored nothing: when it happened and why it failed (null: it did not). */
  recordAttempt(id: string, at: number, error: string | null, opts: { resetCursor?: boolean } = {}): void {
    this.db
      .prepare(
        `UPDATE monitoring_log_sources SET last_pull_at = ?, last_error = ?, more_waiting = 0,
           journal_cursor = CASE WHEN ? THEN NULL ELSE journal_cursor END
         WHERE id = ?`,
      )
      .run(at, error, opts.resetCursor ? 1 : 0, id);
  }
}
