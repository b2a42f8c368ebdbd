import { OpsError } from '../../../shared/api/errors';
import { isGap, pick, type Series } from './series';

/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): keep the first and last
 * points, split the rest into `target - 2` equal-count buckets and from each
 * keep the point forming the largest triangle with the previously kept point
 * and the average of the next bucket. Written here (about 40 lines) rather
 * than taken from npm: the packages there are unmaintained or take `[x, y][]`
 * objects, and we want typed arrays and gap handling.
 *
 * Unlike M4 it gives an exact point count and looks smoother, but it may drop
 * a bucket's extreme; panels use M4 where min/max must survive. Gaps: a gap is
 * never preferred over a real value, the next-bucket average ignores gaps, and
 * an all-gap bucket keeps a gap so the line still breaks.
 */
export function lttbIndices(s: Series, target: number): Int32Array {
  if (!Number.isInteger(target) || target < 2) {
    throw new OpsError('bad_input', `LTTB needs a whole target of at least 2 points, not ${target}.`);
  }
  const n = s.t.length;
  if (n <= target) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  const { t, v } = s;
  const out = new Int32Array(target);
  const every = (n - 2) / (target - 2);
  let a = 0; // the previously kept point
  out[0] = 0;
  for (let k = 0; k < target - 2; k++) {
    // Average of the next bucket (the last point when this is the last bucket).
    const nextStart = Math.floor((k + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((k + 2) * every) + 1, n);
    let avgT = 0;
    let avgV = 0;
    let count = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      if (isGap(v[j])) continue;
      avgT += t[j];
      avgV += v[j];
      count++;
    }
    if (count > 0) {
      avgT /= count;
      avgV /= count;
    } else {
      avgT = t[n - 1];
      avgV = isGap(v[a]) ? 0 : v[a];
    }
    const from = Math.floor(k * every) + 1;
    const to = Math.floor((k + 1) * every) + 1;
    let best = from;
    let bestArea = -1;
    const aV = isGap(v[a]) ? avgV : v[a];
    for (let j = from; j < to; j++) {
      if (isGap(v[j])) continue;
      const area = Math.abs((t[a] - avgT) * (v[j] - aV) - (t[a] - t[j]) * (avgV - aV));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out[k + 1] = best;
    a = best;
  }
  out[target - 1] = n - 1;
  return out;
}

/** LTTB as a new Series of exactly `min(target, n)` points. */
export function lttb(s: Series, target: number): Series {
  return pick(s, lttbIndices(s, target));
}
