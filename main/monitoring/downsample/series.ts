import { OpsError } from '../../../shared/api/errors';

/**
 * The one representation the downsamplers accept: two parallel typed arrays.
 * Typed arrays (not `[t, v][]`) because a 1M-sample series as tuples is a
 * million small heap objects; as two Float64Arrays it is 16 MB in two blocks
 * that the loops below walk without allocating.
 *
 * - `t`: time in milliseconds since the epoch, ascending (equal times allowed).
 * - `v`: the value; any non-finite value (NaN, ±Inf) is a GAP — no sample to
 *   draw there — and the chart must break its line at it, not interpolate.
 */
export interface Series {
  readonly t: Float64Array;
  readonly v: Float64Array;
}

/** A gap is anything a chart cannot place on a y axis. */
export function isGap(v: number): boolean {
  return !Number.isFinite(v);
}

/**
 * Builds a Series from `[t, v]` pairs or parallel plain arrays; `null` and
 * `undefined` values become NaN gaps. Converting once at the edge keeps the
 * hot loops monomorphic.
 */
export function toSeries(
  input:
    | ReadonlyArray<readonly [number, number | null | undefined]>
    | { t: ArrayLike<number>; v: ArrayLike<number | null | undefined> },
): Series {
  if (Array.isArray(input)) {
    const pairs = input as ReadonlyArray<readonly [number, number | null | undefined]>;
    const t = new Float64Array(pairs.length);
    const v = new Float64Array(pairs.length);
    for (let i = 0; i < pairs.length; i++) {
      t[i] = pairs[i][0];
      v[i] = pairs[i][1] ?? NaN;
    }
    return checkSeries({ t, v });
  }
  const cols = input as { t: ArrayLike<number>; v: ArrayLike<number | null | undefined> };
  const t = cols.t instanceof Float64Array ? cols.t : Float64Array.from(cols.t);
  let v: Float64Array;
  if (cols.v instanceof Float64Array) v = cols.v;
  else {
    v = new Float64Array(cols.v.length);
    for (let i = 0; i < cols.v.length; i++) v[i] = cols.v[i] ?? NaN;
  }
  return checkSeries({ t, v });
}

/**
 * Rejects what would make the downsamplers lie: mismatched lengths, a
 * non-finite time, or time going backwards (buckets assume time order).
 */
export function checkSeries(s: Series): Series {
  if (s.t.length !== s.v.length) {
    throw new OpsError('bad_input', `A series has ${s.t.length} times but ${s.v.length} values.`);
  }
  for (let i = 0; i < s.t.length; i++) {
    if (!Number.isFinite(s.t[i])) {
      throw new OpsError('bad_input', `A series has a time that is not a number at index ${i}.`, {
        index: i,
      });
    }
    if (i > 0 && s.t[i] < s.t[i - 1]) {
      throw new OpsError('bad_input', `A series goes back in time at index ${i}.`, { index: i });
    }
  }
  return s;
}

/** The sub-series at the given source indices (which must be ascending). */
export function pick(s: Series, indices: ArrayLike<number>): Series {
  const t = new Float64Array(indices.length);
  const v = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    t[k] = s.t[indices[k]];
    v[k] = s.v[indices[k]];
  }
  return { t, v };
}
