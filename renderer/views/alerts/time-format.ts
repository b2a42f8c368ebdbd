import { isOpsError } from '../../../shared/api/errors';
import { parseDuration } from '../../../shared/monitoring/duration';

/**
 * Times as an on-call person reads them: "3m ago", "in 2h". Relative times are
 * computed against an explicit `now` so a table re-rendered once a second and a
 * test with a fixed clock agree.
 */

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

export function formatRelative(ms: number | null | undefined, now: number): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const diff = now - ms;
  const abs = Math.abs(diff);
  if (abs < 5 * second) return 'just now';
  let text: string;
  if (abs < minute) text = `${Math.floor(abs / second)}s`;
  else if (abs < hour) text = `${Math.floor(abs / minute)}m`;
  // Under two days hours and minutes both matter ("fired 26h 10m ago" during an incident review).
  else if (abs < 2 * day) {
    const h = Math.floor(abs / hour);
    const m = Math.floor((abs % hour) / minute);
    text = m ? `${h}h ${m}m` : `${h}h`;
  } else text = `${Math.floor(abs / day)}d`;
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

/**
 * Why a duration would be refused, or null: the server's own parseDuration,
 * so the form can say so before a round trip.
 */
export function durationProblem(text: string): string | null {
  const t = text.trim();
  if (!t) return 'Write a duration like 30s, 5m or 1h30m.';
  try {
    parseDuration(t);
    return null;
  } catch (e) {
    if (isOpsError(e)) return e.message;
    throw e;
  }
}
