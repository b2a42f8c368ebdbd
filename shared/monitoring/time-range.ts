import { OpsError } from '../api/errors';
import { parseDuration } from './duration';

/**
 * The time picker's ranges: relative (`now-15m` … `now-30d`, Grafana's
 * spelling) or absolute. Resolution takes `nowMs` as an argument — the caller
 * reads its Clock — so the same input always gives the same range in tests.
 */

/** Grafana's quick ranges, in its order; `from` is relative, `to` is `now`. */
export const quickRanges = [
  'now-5m',
  'now-15m',
  'now-30m',
  'now-1h',
  'now-3h',
  'now-6h',
  'now-12h',
  'now-24h',
  'now-2d',
  'now-7d',
  'now-30d',
] as const;

export interface AbsoluteRange {
  readonly startMs: number;
  readonly endMs: number;
}

// ISO 8601 with an explicit zone: a zone-less time would depend on the machine.
const isoRe = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * One end of a range to epoch ms: `now`, `now-DURATION`, `now+DURATION`,
 * epoch milliseconds as digits, or ISO 8601 with a zone.
 */
export function resolveTime(text: string, nowMs: number): number {
  if (!Number.isFinite(nowMs)) throw new OpsError('bad_input', 'The current time is not a number.');
  const s = typeof text === 'string' ? text.trim() : '';
  if (s === 'now') return nowMs;
  if (s.startsWith('now')) {
    const sign = s[3];
    if (sign !== '-' && sign !== '+') {
      throw new OpsError('bad_input', `"${s}" is not a time; write now, now-15m or now-30d.`, { text: s });
    }
    const d = parseDuration(s.slice(4));
    return sign === '-' ? nowMs - d : nowMs + d;
  }
  if (/^\d{1,15}$/.test(s)) return Number(s);
  if (isoRe.test(s)) {
    const ms = Date.parse(s);
    if (Number.isFinite(ms)) return ms;
  }
  throw new OpsError(
    'bad_input',
    `"${s.slice(0, 64)}" is not a time; use now-15m, epoch milliseconds or an ISO 8601 time with a zone.`,
    { text: s.slice(0, 64) },
  );
}

/** A from/to pair to an absolute range; from must be before to. */
export function resolveRange(from: string, to: string, nowMs: number): AbsoluteRange {
  const startMs = resolveTime(from, nowMs);
  const endMs = resolveTime(to, nowMs);
  if (!(startMs < endMs)) {
    throw new OpsError('bad_input', `The range starts (${from}) at or after it ends (${to}).`, { from, to });
  }
  return { startMs, endMs };
}
