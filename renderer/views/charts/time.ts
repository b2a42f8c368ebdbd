import type { TimeRange } from '../../../shared/api/monitoring-model';

/**
 * The time rules the renderer needs before it asks main: the picker's quick
 * ranges, reading what a person typed, and the interval behind ${__interval}.
 *
 * DUPLICATED from main/monitoring/query/ (time-range.ts quickRanges and
 * resolveTime, duration.ts, step.ts's nice intervals): the renderer may not
 * import main/. These copies only decide what to SEND; main resolves the range
 * again with its own clock and is the authority. Move the pure originals to
 * shared/ and delete these copies when the lead gets to it.
 */

/** Grafana's quick ranges, in its order; `to` is `now`. */
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

const unitMs: Readonly<Record<string, number>> = {
  y: 365 * 86_400_000,
  w: 7 * 86_400_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};
const unitOrder = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
const unitWords: Readonly<Record<string, string>> = {
  y: 'year',
  w: 'week',
  d: 'day',
  h: 'hour',
  m: 'minute',
  s: 'second',
  ms: 'millisecond',
};

/** Prometheus duration (`15m`, `1h30m`) to ms; null when it is not one. */
export function parseDuration(text: string): number | null {
  if (!/^(\d+(ms|y|w|d|h|m|s))+$/.test(text) || text.length > 64) return null;
  let total = 0;
  let last = -1;
  for (const m of text.matchAll(/(\d+)(ms|y|w|d|h|m|s)/g)) {
    const u = unitOrder.indexOf(m[2]);
    if (u <= last) return null;
    last = u;
    total += Number(m[1]) * unitMs[m[2]];
  }
  return Number.isSafeInteger(total) ? total : null;
}

/** The shortest Prometheus spelling of a duration: 90000 → "1m30s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const u of unitOrder) {
    const n = Math.floor(rest / unitMs[u]);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * unitMs[u];
    }
  }
  return out || '0s';
}

const isoZoned = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const localDateTime = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** One end of a range as main reads it (now, now-6h, epoch ms, zoned ISO) to epoch ms; null if unreadable. */
export function resolveTime(text: string, nowMs: number): number | null {
  const s = text.trim();
  if (s === 'now') return nowMs;
  const rel = /^now([+-])(.+)$/.exec(s);
  if (rel) {
    const d = parseDuration(rel[2]);
    return d === null ? null : rel[1] === '-' ? nowMs - d : nowMs + d;
  }
  if (/^\d{1,15}$/.test(s)) return Number(s);
  if (isoZoned.test(s)) {
    const ms = Date.parse(s);
    return Number.isFinite(ms) ? ms : null;
  }
  return null;
}

/** The range as epoch ms, or null when either end is unreadable or from is not before to. */
export function resolveRange(r: TimeRange, nowMs: number): { fromMs: number; toMs: number } | null {
  const fromMs = resolveTime(r.from, nowMs);
  const toMs = resolveTime(r.to, nowMs);
  return fromMs !== null && toMs !== null && fromMs < toMs ? { fromMs, toMs } : null;
}

/**
 * What a person typed into the picker to what main accepts: relative text and
 * zoned ISO as they are; a local "YYYY-MM-DD HH:mm[:ss]" (what people type,
 * and what the picker shows) to epoch ms, read in this machine's zone — main
 * refuses a zone-less time because it would depend on the server's zone.
 */
export function parseTimeInput(text: string, nowMs: number): string | null {
  const s = text.trim();
  if (resolveTime(s, nowMs) !== null) return s;
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

// Grafana's nice intervals (step.ts), to spell ${__interval} as Grafana does.
const niceMs = [
  1, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000,
  900_000, 1_200_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 604_800_000,
  2_592_000_000, 31_536_000_000,
];

/**
 * The step main will choose for this range and plot width (step.ts:
 * max(range/11000 in whole seconds, range/width, min interval), rounded up
 * to a nice interval) — the value of ${__interval}.
 */
export function intervalMs(rangeMs: number, widthPx: number, minIntervalMs = 0): number {
  if (!(rangeMs > 0) || !(widthPx > 0)) return 1000;
  const safe = Math.ceil(Math.ceil(rangeMs / 1000) / 11_000) * 1000;
  const raw = Math.max(safe, rangeMs / widthPx, minIntervalMs);
  for (const n of niceMs) if (n >= raw) return n;
  const year = niceMs[niceMs.length - 1];
  return Math.ceil(raw / year) * year;
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
  const minMs = minInterval ? (parseDuration(minInterval) ?? 0) : 0;
  const step = intervalMs(toMs - fromMs, widthPx, minMs);
  const scrape = minMs || 15_000;
  const range = Math.max(0, toMs - fromMs);
  return {
    __interval: formatDuration(step),
    __interval_ms: String(step),
    __range: formatDuration(range),
    __range_s: String(Math.round(range / 1000)),
    __rate_interval: formatDuration(Math.max(step + scrape, 4 * scrape)),
  };
}
