/**
 * Time-axis ticks at round local times (every 5 minutes on the minute, every
 * 6 hours from midnight), about one per `spacingPx`, labelled with what
 * changes between them.
 */

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const tickIntervals = [
  S,
  2 * S,
  5 * S,
  10 * S,
  15 * S,
  30 * S,
  M,
  2 * M,
  5 * M,
  10 * M,
  15 * M,
  30 * M,
  H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  D,
  2 * D,
  7 * D,
  14 * D,
  30 * D,
  90 * D,
  365 * D,
];

/** The tick spacing for a range drawn over widthPx: the smallest round interval leaving ≥ spacingPx between ticks. */
export function tickInterval(fromMs: number, toMs: number, widthPx: number, spacingPx = 90): number {
  const span = toMs - fromMs;
  const want = Math.max(1, Math.floor(widthPx / spacingPx));
  if (!(span > 0)) return tickIntervals[0];
  for (const i of tickIntervals) if (span / i <= want) return i;
  return Math.ceil(span / want / (365 * D)) * 365 * D;
}

/** Ticks inside [fromMs, toMs] at multiples of the interval in this machine's local time. */
export function timeTicks(fromMs: number, toMs: number, widthPx: number, spacingPx = 90): number[] {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || !(toMs > fromMs)) return [];
  const interval = tickInterval(fromMs, toMs, widthPx, spacingPx);
  const tzo = new Date(fromMs).getTimezoneOffset() * M;
  const first = Math.ceil((fromMs - tzo) / interval) * interval + tzo;
  const out: number[] = [];
  for (let t = first; t <= toMs && out.length < 1000; t += interval) out.push(t);
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A tick's label: seconds when ticks are seconds apart, the date once the range spans days. */
export function tickLabel(t: number, fromMs: number, toMs: number, intervalMs: number): string {
  const d = new Date(t);
  if (!Number.isFinite(d.getTime())) return '';
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const md = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  if (intervalMs < M) return `${hm}:${pad(d.getSeconds())}`;
  if (intervalMs >= D) return intervalMs >= 365 * D ? String(d.getFullYear()) : md;
  if (toMs - fromMs <= D) return hm;
  return `${md} ${hm}`;
}

/** The tooltip's time: full date and time, seconds when the range is short. */
export function tooltipTime(t: number, fromMs: number, toMs: number): string {
  const d = new Date(t);
  if (!Number.isFinite(d.getTime())) return '';
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return toMs - fromMs <= 2 * D ? `${date} ${time}:${pad(d.getSeconds())}` : `${date} ${time}`;
}
