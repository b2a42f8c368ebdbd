import { type LogEntry, type LogLevel, logLevels } from '../../../shared/api/monitoring-logs';
import { timeOrNull } from '../charts/time';
import { type FtsQuery, ftsMatches, parseFtsQuery } from './fts-match';

/** The search bar's filters, as the search call and the live tail both apply them. */
export interface LogFilter {
  query: string;
  /** host names (CI names); an entry also passes when its CI id is listed */
  hosts: string[];
  units: string[];
  /** this level and more severe; null = all */
  level: LogLevel | null;
  /** a quick pick, "now-1h" */
  since: string;
}

export const sinceChoices = [
  { value: 'now-15m', label: 'Last 15 minutes' },
  { value: 'now-1h', label: 'Last hour' },
  { value: 'now-6h', label: 'Last 6 hours' },
  { value: 'now-24h', label: 'Last 24 hours' },
  { value: 'now-7d', label: 'Last 7 days' },
] as const;

export const emptyLogFilter: LogFilter = { query: '', hosts: [], units: [], level: null, since: 'now-1h' };

/** The lower time bound of the pick as the search call reads it (now-1h, epoch ms, ISO), or null when there is none. */
export function sinceBound(since: string, now: number): number | null {
  return since.trim() ? timeOrNull(since, now) : null;
}

/** Severity passes when the entry is at the level or more severe (emerg is the most). */
export function levelPasses(entry: LogLevel, atLeast: LogLevel | null): boolean {
  return atLeast === null || logLevels.indexOf(entry) <= logLevels.indexOf(atLeast);
}

/** The search call's input for the filter (and a page before `beforeId`). */
export function searchInput(f: LogFilter, beforeId?: number, limit = 500) {
  return {
    query: f.query.trim(),
    hosts: f.hosts,
    units: f.units,
    ...(f.level ? { level: f.level } : {}),
    since: f.since,
    ...(beforeId !== undefined ? { beforeId } : {}),
    limit,
  };
}

/**
 * A predicate over tailed entries that keeps what the same search would have
 * returned. The query is parsed once per filter, not once per line.
 */
export function makeTailFilter(f: LogFilter): { test: (e: LogEntry, now: number) => boolean; query: FtsQuery } {
  const query = parseFtsQuery(f.query);
  const hosts = new Set(f.hosts);
  const units = new Set(f.units);
  return {
    query,
    test(e, now) {
      if (hosts.size && !hosts.has(e.host) && !hosts.has(e.ciId)) return false;
      if (units.size && !units.has(e.unit)) return false;
      if (!levelPasses(e.level, f.level)) return false;
      const bound = sinceBound(f.since, now);
      if (bound !== null && e.time < bound) return false;
      return ftsMatches(e.message, query);
    },
  };
}
