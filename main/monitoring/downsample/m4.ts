import { OpsError } from '../../../shared/api/errors';
import { isGap, pick, type Series } from './series';

/**
 * M4 downsampling (Jugel et al., VLDB 2014): split the time axis into one
 * bucket per pixel column and keep, per bucket, the first sample, the last
 * sample, and the samples holding the minimum and maximum value. A line chart
 * drawn from those ≤ 4 points per column is pixel-identical to one drawn from
 * every sample, which is why panels can send recharts ≤ 4 × width points
 * however long the series is.
 *
 * Gaps (non-finite values, see series.ts): `first` and `last` are the first and
 * last SAMPLES of the bucket, gap or not, while min and max are taken over real
 * values only. So whenever a gap lies between two kept values, some kept point
 * is a gap — the bucket's trailing gap, the next bucket's leading gap, or the
 * one marker an all-gap bucket emits — and the chart breaks its line there
 * instead of interpolating. A gap strictly inside a bucket (values on both
 * sides in the same column) is sub-pixel and not kept. Consecutive gap markers
 * are collapsed to one (except the series' final sample, kept so the x extent
 * is right).
 */

export interface M4Options {
  /** Pixel columns; a positive integer. */
  readonly width: number;
  /**
   * The chart's visible time range, so buckets line up with its pixel columns.
   * Defaults to the series' own first..last time. Samples outside it fall into
   * the edge columns.
   */
  readonly startMs?: number;
  readonly endMs?: number;
}

/**
 * Ascending indices into `s` of the kept samples. Returns every index when the
 * series already fits (n ≤ 4 × width): downsampling would only cost time.
 */
export function m4Indices(s: Series, opts: M4Options): Int32Array {
  const { width } = opts;
  if (!Number.isInteger(width) || width < 1) {
    throw new OpsError('bad_input', `The chart width must be a whole number of pixels ≥ 1, not ${width}.`);
  }
  const n = s.t.length;
  if (n <= 4 * width) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const start = opts.startMs ?? s.t[0];
  const end = opts.endMs ?? s.t[n - 1];
  // A zero or negative span puts everything in column 0 rather than dividing by 0.
  const scale = end > start ? width / (end - start) : 0;

  const out = new Int32Array(4 * width);
  let len = 0;
  let lastWasGap = false;
  const emit = (i: number): void => {
    const gap = isGap(s.v[i]);
    if (len > 0 && out[len - 1] === i) return;
    if (gap && lastWasGap && i !== n - 1) return;
    out[len++] = i;
    lastWasGap = gap;
  };

  let bucket = -1;
  let first = -1;
  let last = -1;
  let minI = -1;
  let maxI = -1;
  const flush = (): void => {
    if (first < 0) return;
    emit(first);
    // min and max in time order so the output stays sorted.
    if (minI >= 0) {
      if (minI <= maxI) {
        emit(minI);
        emit(maxI);
      } else {
        emit(maxI);
        emit(minI);
      }
    }
    emit(last);
  };

  for (let i = 0; i < n; i++) {
    let b = Math.floor((s.t[i] - start) * scale);
    if (b < 0) b = 0;
    else if (b >= width) b = width - 1;
    if (b !== bucket) {
      flush();
      bucket = b;
      first = i;
      minI = -1;
      maxI = -1;
    }
    last = i;
    const v = s.v[i];
    if (!isGap(v)) {
      if (minI < 0 || v < s.v[minI]) minI = i;
      if (maxI < 0 || v > s.v[maxI]) maxI = i;
    }
  }
  flush();
  return out.slice(0, len);
}

/** M4 as a new Series (gap markers keep their NaN/Inf value). */
export function m4(s: Series, opts: M4Options): Series {
  return pick(s, m4Indices(s, opts));
}
