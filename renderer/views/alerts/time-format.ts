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

const units: [string, number][] = [
  ['d', day],
  ['h', hour],
  ['m', minute],
  ['s', second],
  ['ms', 1],
];

/** Milliseconds back to the duration text rules are written in ("1h30m", "0s"). */
export function msToDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const [u, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * size;
    }
  }
  return out || '0s';
}

const termRe = /(\d+)(ms|y|w|d|h|m|s)/y;
const unitOrder = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];

/**
 * Why a duration would be refused, or null. Same grammar as the main process's
 * parseDuration (terms largest unit first, each unit once) so the form can say
 * so before a round trip; the server still checks.
 */
export function durationProblem(text: string): string | null {
  const t = text.trim();
  if (!t) return 'Write a duration like 30s, 5m or 1h30m.';
  let pos = 0;
  let last = -1;
  while (pos < t.length) {
    termRe.lastIndex = pos;
    const m = termRe.exec(t);
    if (!m) return `"${t}" is not a duration; write it like 30s, 5m or 1h30m (units y w d h m s ms).`;
    const u = unitOrder.indexOf(m[2]!);
    if (u <= last) return `"${t}" repeats a unit or lists units out of order (largest first).`;
    last = u;
    pos = termRe.lastIndex;
  }
  return null;
}
