import { OpsError } from '../../../shared/api/errors';
import type { LogEntry, LogLevel } from '../../../shared/api/monitoring-logs';
import type { Db } from '../../store/migration';
import { resolveTime } from '../../../shared/monitoring/time-range';
import { buildFtsQuery } from './fts-query';
import { levelName, levelNumber } from './levels';

export interface LogSearch {
  query: string;
  hosts: readonly string[];
  units: readonly string[];
  level?: LogLevel;
  since?: string;
  until?: string;
  beforeId?: number;
  limit: number;
}

export interface LogSearchResult {
  entries: LogEntry[];
  total: number;
  tookMs: number;
}

interface Row {
  id: number;
  time: number;
  ci_id: string;
  host: string;
  unit: string;
  level: number;
  message: string;
  hl: string | null;
}

/**
 * Newest first (time, then id), so lines pulled late from a copied journal
 * still sort where they happened. Paging is by the last entry seen
 * (`beforeId`): the next page is everything strictly older than it. `total`
 * counts every match of the filters, not just the page.
 */
export function searchLogs(db: Db, s: LogSearch, nowMs: number): LogSearchResult {
  const started = performance.now();
  const fts = buildFtsQuery(s.query);
  if (s.query.trim() && !fts.match) return { entries: [], total: 0, tookMs: performance.now() - started };

  const where: string[] = [];
  const params: (string | number)[] = [];
  if (fts.match) {
    where.push('monitoring_log_fts MATCH ?');
    params.push(fts.match);
  }
  const list = (col: string, values: readonly string[]) => {
    if (!values.length) return;
    where.push(`${col} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  list('l.host', [...new Set(s.hosts)]);
  list('l.unit', [...new Set(s.units)]);
  if (s.level) {
    where.push('l.level <= ?');
    params.push(levelNumber(s.level));
  }
  const since = s.since?.trim() ? resolveTime(s.since, nowMs) : undefined;
  const until = s.until?.trim() ? resolveTime(s.until, nowMs) : undefined;
  if (since !== undefined && until !== undefined && since > until) {
    throw new OpsError('bad_input', `The search starts (${s.since}) after it ends (${s.until}); swap them.`, {
      since: s.since,
      until: s.until,
    });
  }
  if (since !== undefined) {
    where.push('l.time >= ?');
    params.push(since);
  }
  if (until !== undefined) {
    where.push('l.time <= ?');
    params.push(until);
  }

  const from = fts.match
    ? 'monitoring_log_fts JOIN monitoring_log_lines l ON l.id = monitoring_log_fts.rowid'
    : 'monitoring_log_lines l';
  const hl = fts.match ? 'highlight(monitoring_log_fts, 0, char(1), char(2))' : 'NULL';
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const page =
    s.beforeId === undefined
      ? { sql: filter, params }
      : {
          sql: `${filter ? `${filter} AND` : 'WHERE'} (l.time, l.id) < (SELECT time, id FROM monitoring_log_lines WHERE id = ?)`,
          params: [...params, s.beforeId],
        };

  const rows = db
    .prepare<(string | number)[], Row>(
      `SELECT l.id, l.time, l.ci_id, l.host, l.unit, l.level, l.message, ${hl} AS hl
       FROM ${from} ${page.sql} ORDER BY l.time DESC, l.id DESC LIMIT ?`,
    )
    .all(...page.params, s.limit);
  const total = db
    .prepare<(string | number)[], { n: number }>(`SELECT count(*) AS n FROM ${from} ${filter}`)
    .get(...params)!.n;
  return {
    entries: rows.map((r) => ({
      id: r.id,
      time: r.time,
      ciId: r.ci_id,
      host: r.host,
      unit: r.unit,
      level: levelName(r.level),
      message: r.message,
      highlighted: r.hl,
    })),
    total,
    tookMs: performance.now() - started,
  };
}
