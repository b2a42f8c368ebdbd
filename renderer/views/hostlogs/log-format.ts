import type { LogLevel } from '../../../shared/api/monitoring-logs';

/** Badge colour per level; the three worst are filled so they stand out in a page of lines. */
export const levelBadge: Record<LogLevel, { color: string; variant: 'filled' | 'light' }> = {
  emerg: { color: 'red', variant: 'filled' },
  alert: { color: 'red', variant: 'filled' },
  crit: { color: 'red', variant: 'filled' },
  err: { color: 'red', variant: 'light' },
  warning: { color: 'orange', variant: 'light' },
  notice: { color: 'blue', variant: 'light' },
  info: { color: 'gray', variant: 'light' },
  debug: { color: 'gray', variant: 'light' },
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local time with milliseconds, sortable and the same width on every row: "2026-11-27 14:03:05.120". */
export function formatLogTime(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}
