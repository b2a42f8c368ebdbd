import { OpsError } from '../api/errors';

/**
 * The step of a Prometheus range query, chosen as Grafana does so a panel
 * shows the same resolution here as there, and never trips Prometheus's
 * "exceeded maximum resolution of 11,000 points per timeseries" limit:
 *
 *   raw  = max(ceil(rangeSec / 11000) s, range / widthPx, minInterval)
 *   step = the smallest "nice" interval ≥ raw (list below)
 *   start floored and end ceiled to a multiple of step
 *
 * Aligning start and end to the step makes consecutive refreshes hit the same
 * sample timestamps, so a chart does not shimmer as `now` advances.
 *
 * The nice intervals are Grafana's `roundInterval` targets (rangeutil.ts):
 * 1ms 10ms 20ms 50ms 100ms 200ms 500ms 1s 2s 5s 10s 15s 20s 30s 1m 2m 5m 10m
 * 15m 20m 30m 1h 2h 3h 6h 12h 1d 1w 30d 1y; beyond a year, whole years.
 * One deliberate difference: Grafana rounds range/width to the NEAREST nice
 * value and then re-applies the 11,000-point and min-interval floors (which
 * can leave an odd step such as 45s). We round UP, so the step is always nice
 * AND satisfies every floor; it is at most one notch coarser than Grafana's.
 * Because Grafana's safe interval is whole seconds, the step is never < 1s.
 */

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

export const niceIntervalsMs: readonly number[] = [
  1,
  10,
  20,
  50,
  100,
  200,
  500,
  S,
  2 * S,
  5 * S,
  10 * S,
  15 * S,
  20 * S,
  30 * S,
  M,
  2 * M,
  5 * M,
  10 * M,
  15 * M,
  20 * M,
  30 * M,
  H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  D,
  7 * D,
  30 * D,
  365 * D,
];

/** Prometheus refuses range queries with more points than this per series. */
export const maxPoints = 11_000;

export interface StepInput {
  readonly startMs: number;
  readonly endMs: number;
  /** The panel's plot width in CSS pixels. */
  readonly widthPx: number;
  /** The datasource's or panel's min interval, usually the scrape interval. */
  readonly minIntervalSec?: number;
}

export interface StepChoice {
  readonly stepSec: number;
  /** Aligned to stepSec (floored); pass as `start`. */
  readonly startSec: number;
  /** Aligned to stepSec (ceiled); pass as `end`. */
  readonly endSec: number;
}

/** The smallest nice interval ≥ ms (whole years past the end of the list). */
export function roundUpToNice(ms: number): number {
  for (const nice of niceIntervalsMs) if (nice >= ms) return nice;
  const year = niceIntervalsMs[niceIntervalsMs.length - 1];
  return Math.ceil(ms / year) * year;
}

/**
 * The nice step for a range and plot width, before the ends are aligned:
 * max(range/11000 in whole seconds, range/width, min interval), rounded up.
 * The renderer shows it as ${__interval}; chooseStep may go one notch coarser
 * when aligning both ends would pass 11,000 points.
 */
export function niceStepMs(rangeMs: number, widthPx: number, minIntervalMs = 0): number {
  // Grafana computes the safe interval in whole seconds: ceil(ceil(rangeSec) / 11000).
  const safeMs = Math.ceil(Math.ceil(rangeMs / S) / maxPoints) * S;
  return roundUpToNice(Math.max(safeMs, rangeMs / widthPx, minIntervalMs));
}

function nextNice(ms: number): number {
  return roundUpToNice(ms + 1);
}

export function chooseStep(input: StepInput): StepChoice {
  const { startMs, endMs, widthPx } = input;
  const minIntervalSec = input.minIntervalSec ?? 0;
  // ±8.64e15 ms is the range of a JS Date; beyond it times are nonsense.
  if (!(Math.abs(startMs) <= 8.64e15) || !(Math.abs(endMs) <= 8.64e15) || !(endMs > startMs)) {
    throw new OpsError('bad_input', 'A query range needs a start before its end.', { startMs, endMs });
  }
  if (!Number.isFinite(widthPx) || !(widthPx > 0)) {
    throw new OpsError('bad_input', `A panel width must be a positive number of pixels, not ${widthPx}.`);
  }
  if (!Number.isFinite(minIntervalSec) || minIntervalSec < 0) {
    throw new OpsError('bad_input', `A min interval must be zero or more seconds, not ${minIntervalSec}.`);
  }
  let step = niceStepMs(endMs - startMs, widthPx, minIntervalSec * S);
  for (;;) {
    const alignedStart = Math.floor(startMs / step) * step;
    const alignedEnd = Math.ceil(endMs / step) * step;
    // Alignment widens the range by up to two steps; re-check the real count.
    if ((alignedEnd - alignedStart) / step + 1 <= maxPoints) {
      return { stepSec: step / S, startSec: alignedStart / S, endSec: alignedEnd / S };
    }
    step = nextNice(step);
  }
}
