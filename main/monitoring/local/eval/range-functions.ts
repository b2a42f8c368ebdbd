import type { RangeFunction } from '../promql/ast';

/**
 * The range functions over the samples of one window (T − range, T], with
 * Prometheus's semantics (promql/functions.go, v2.42), so a rate here and a
 * rate in Prometheus over the same samples agree.
 *
 * `ts`/`vs` hold the window's samples in [lo, hi), stale markers already
 * removed. Returns NaN where Prometheus returns no sample.
 */
export function applyRange(
  fn: RangeFunction,
  ts: ArrayLike<number>,
  vs: ArrayLike<number>,
  lo: number,
  hi: number,
  T: number,
  rangeMs: number,
): number {
  const n = hi - lo;
  if (n <= 0) return NaN;
  switch (fn) {
    case 'rate':
      return extrapolatedDelta(ts, vs, lo, hi, T, rangeMs, true);
    case 'increase':
      return extrapolatedDelta(ts, vs, lo, hi, T, rangeMs, false);
    case 'irate':
      return instantRate(ts, vs, lo, hi);
    case 'avg_over_time': {
      let sum = 0;
      for (let i = lo; i < hi; i++) sum += vs[i];
      return sum / n;
    }
    case 'sum_over_time': {
      let sum = 0;
      for (let i = lo; i < hi; i++) sum += vs[i];
      return sum;
    }
    case 'count_over_time':
      return n;
    case 'min_over_time': {
      let m = vs[lo];
      for (let i = lo + 1; i < hi; i++) if (vs[i] < m || Number.isNaN(m)) m = vs[i];
      return m;
    }
    case 'max_over_time': {
      let m = vs[lo];
      for (let i = lo + 1; i < hi; i++) if (vs[i] > m || Number.isNaN(m)) m = vs[i];
      return m;
    }
  }
}

/**
 * rate() and increase(): the counter's increase across the window, adding
 * back every reset (a drop means the counter restarted from zero), then
 * extrapolated to the window's edges — but not past where the counter would
 * reach zero, and by at most half a sample interval where the series starts
 * or ends inside the window.
 */
function extrapolatedDelta(
  ts: ArrayLike<number>,
  vs: ArrayLike<number>,
  lo: number,
  hi: number,
  T: number,
  rangeMs: number,
  perSecond: boolean,
): number {
  if (hi - lo < 2) return NaN;
  const first = vs[lo];
  let result = vs[hi - 1] - first;
  for (let i = lo + 1; i < hi; i++) if (vs[i] < vs[i - 1]) result += vs[i - 1];

  const firstT = ts[lo];
  const lastT = ts[hi - 1];
  let durationToStart = (firstT - (T - rangeMs)) / 1000;
  const durationToEnd = (T - lastT) / 1000;
  const sampled = (lastT - firstT) / 1000;
  const averageInterval = sampled / (hi - lo - 1);
  if (result > 0 && first >= 0) {
    const durationToZero = sampled * (first / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageInterval * 1.1;
  let extrapolateTo = sampled;
  extrapolateTo += durationToStart < threshold ? durationToStart : averageInterval / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageInterval / 2;
  result *= extrapolateTo / sampled;
  return perSecond ? result / (rangeMs / 1000) : result;
}

/** irate(): the per-second change between the window's last two samples (a drop is a reset). */
function instantRate(ts: ArrayLike<number>, vs: ArrayLike<number>, lo: number, hi: number): number {
  if (hi - lo < 2) return NaN;
  const last = vs[hi - 1];
  const prev = vs[hi - 2];
  const dt = (ts[hi - 1] - ts[hi - 2]) / 1000;
  if (dt === 0) return NaN;
  return (last < prev ? last : last - prev) / dt;
}
