/**
 * The legend table's figures and its click rules.
 *
 * The figures are over the points the panel received, which main has already
 * downsampled with M4: min, max and last are exact (M4 keeps every bucket's
 * extremes and the final sample); the mean is of the kept points, close to
 * but not exactly the mean of every raw sample.
 */

export interface SeriesStats {
  min: number | null;
  max: number | null;
  mean: number | null;
  last: number | null;
  /** real (finite) values counted */
  count: number;
}

/** Nulls, NaN and ±Infinity (gaps, stale markers, a division by zero) are not values. */
export function seriesStats(v: readonly (number | null | undefined)[]): SeriesStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  let last: number | null = null;
  for (const x of v) {
    if (typeof x !== 'number' || !Number.isFinite(x)) continue;
    if (x < min) min = x;
    if (x > max) max = x;
    sum += x;
    count++;
    last = x;
  }
  if (count === 0) return { min: null, max: null, mean: null, last: null, count };
  const mean = sum / count;
  // A sum of huge values can overflow where every value is finite; say so honestly as null.
  return { min, max, mean: Number.isFinite(mean) ? mean : null, last, count };
}

/** The reduction of stat and gauge panels: the last real value of a series. */
export function lastNonNull(v: readonly (number | null | undefined)[]): number | null {
  for (let i = v.length - 1; i >= 0; i--) {
    const x = v[i];
    if (typeof x === 'number' && Number.isFinite(x)) return x;
  }
  return null;
}

/**
 * Grafana's legend clicks, over the set of HIDDEN series indices:
 * a plain click shows only that series, or everything again when it already
 * was the only one shown; ctrl/cmd-click toggles one series, and hiding the
 * last visible one shows everything rather than leaving an empty chart.
 */
export function legendClick(hidden: ReadonlySet<number>, index: number, count: number, toggle: boolean): Set<number> {
  if (index < 0 || index >= count) return new Set(hidden);
  if (toggle) {
    const next = new Set(hidden);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    return next.size >= count ? new Set() : next;
  }
  const onlyThis = !hidden.has(index) && hidden.size === count - 1;
  if (onlyThis) return new Set();
  const next = new Set<number>();
  for (let i = 0; i < count; i++) if (i !== index) next.add(i);
  return next;
}
