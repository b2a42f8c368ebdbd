import { isOpsError } from '../../../shared/api/errors';
import type { TimeRange } from '../../../shared/api/monitoring-model';
import { formatDuration, parseDuration } from '../../../shared/monitoring/duration';
import { niceStepMs } from '../../../shared/monitoring/step';
import { resolveTime } from '../../../shared/monitoring/time-range';

export { quickRanges } from '../../../shared/monitoring/time-range';

/**
 * The time rules the renderer needs before it asks main: reading what a person
 * typed, the picker's labels and the interval behind ${__interval}. The rules
 * themselves are main's (shared/monitoring/); these forms answer null or a
 * fallback instead of throwing, because the UI only decides what to SEND —
 * main resolves the range again with its own clock and is the authority.
 */

const unitWords: Readonly<Record<string, string>> = {
  y: 'year',
  w: 'week',
  d: 'day',
  h: 'hour',
  m: 'minute',
  s: 'second',
  ms: 'millisecond',
};

function orNull<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (isOpsError(e)) return null;
    throw e;
  }
}

/** Prometheus duration (`15m`, `1h30m`) to ms; null when it is not one. */
export const durationOrNull = (text: string): number | null => orNull(() => parseDuration(text));

/** The shortest Prometheus spelling of a duration (90000 → "1m30s"); "0s" for nothing or nonsense. */
export function durationText(ms: number): string {
  const whole = Math.round(ms);
  return Number.isSafeInteger(whole) && whole > 0 ? formatDuration(whole) : '0s';
}

/** One end of a range as main reads it (now, now-6h, epoch ms, zoned ISO) to epoch ms; null if unreadable. */
export const timeOrNull = (text: string, nowMs: number): number | null => orNull(() => resolveTime(text, nowMs));

/** The range as epoch ms, or null when either end is unreadable or from is not before to. */
export function rangeOrNull(r: TimeRange, nowMs: number): { fromMs: number; toMs: number } | null {
  const fromMs = timeOrNull(r.from, nowMs);
  const toMs = timeOrNull(r.to, nowMs);
  return fromMs !== null && toMs !== null && fromMs < toMs ? { fromMs, toMs } : null;
}

const localDateTime = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * What a person typed into the picker to what main accepts: relative text and
 * zoned ISO as they are; a local "YYYY-MM-DD HH:mm[:ss]" (what people type,
 * and what the picker shows) to epoch ms, read in this machine's zone — main
 * refuses a zone-less time because it would depend on the server's zone.
 */
export function parseTimeInput(text: string, nowMs: number): string | null {
  const s = text.trim();
  if (timeOrNull(s, nowMs) !== null) return s;
  const m = localDateTime.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => Number(x ?? 0));
  const date = new Date(y, mo - 1, d, h, mi, se);
  // new Date rolls 2026-02-31 over into March; refuse instead of guessing.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || h > 23 || mi > 59 || se > 59) {
    return null;
  }
  return String(date.getTime());
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms in this machine's zone as "YYYY-MM-DD HH:mm:ss", the form parseTimeInput reads back. */
export function formatLocal(ms: number): string {
  const d = new Date(ms);
  if (!Number.isFinite(d.getTime())) return String(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** How an end of a range shows in an input: relative text as is, epoch ms as a local time. */
export function timeForInput(text: string): string {
  return /^\d{1,15}$/.test(text.trim()) ? formatLocal(Number(text.trim())) : text;
}

/** "Last 15 minutes" for a quick range, "from → to" otherwise. */
export function describeRange(r: TimeRange): string {
  if (r.to === 'now') {
    const m = /^now-(\d+)(ms|y|w|d|h|m|s)$/.exec(r.from);
    if (m) {
      const n = Number(m[1]);
      return `Last ${n === 1 ? '' : `${n} `}${unitWords[m[2]]}${n === 1 ? '' : 's'}`;
    }
  }
  return `${timeForInput(r.from)} → ${timeForInput(r.to)}`;
}

/** The step main will choose for this range and plot width — the value of ${__interval}. */
export function intervalMs(rangeMs: number, widthPx: number, minIntervalMs = 0): number {
  return rangeMs > 0 && widthPx > 0 ? niceStepMs(rangeMs, widthPx, minIntervalMs) : 1000;
}

/**
 * The built-in variables of a query: ${__interval}, ${__interval_ms},
 * ${__range}, ${__range_s}, ${__rate_interval} (Grafana's: at least four
 * scrapes, so rate() never sees fewer than two samples).
 */
export function builtinVariables(
  fromMs: number,
  toMs: number,
  widthPx: number,
  minInterval: string,
): Record<string, string> {
  const minMs = minInterval ? (durationOrNull(minInterval) ?? 0) : 0;
  const step = intervalMs(toMs - fromMs, widthPx, minMs);
  const scrape = minMs || 15_000;
  const range = Math.max(0, toMs - fromMs);
  return {
    __interval: durationText(step),
    __interval_ms: String(step),
    __range: durationText(range),
    __range_s: String(Math.round(range / 1000)),
    __rate_interval: durationText(Math.max(step + scrape, 4 * scrape)),
  };
}
