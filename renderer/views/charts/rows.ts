/**
 * Series → the rows recharts draws: one row per timestamp, one stable key per
 * series (`s0`, `s1`, … by position, never by name, so a renamed or
 * re-ordered legend does not remount lines).
 *
 * Two rules shape the rows:
 *
 * 1. A gap stays a gap, and only a gap. A null value from main means "no
 *    sample / stale" and must break the line (connectNulls is off). But when
 *    series have different timestamps, merging leaves holes where a series
 *    simply has no sample at another series' time; recharts would break the
 *    line there too. Such holes between two real values are filled by linear
 *    interpolation — on a linear line that point lies exactly on the segment,
 *    so the drawing is unchanged — and flagged (`f0`, …) so the tooltip does
 *    not present them as samples. Holes next to a null, or outside the series'
 *    own extent, stay null.
 *
 * 2. Never more than `pointsPerPx` rows per pixel column reach recharts (it
 *    hangs at 6–10k points). Main already downsamples each series with M4 to
 *    the plot width, but several series with their own timestamps multiply
 *    the merged count. When the merged rows would exceed the budget, each
 *    series is reduced per pixel column to its two extremes in time order
 *    (the column's min and max: the vertical stroke the column shows), at two
 *    times shared by every series (¼ and ¾ across the column), keeping a
 *    leading or trailing gap of the column as null so a gap that crosses a
 *    column edge still breaks the line. Samples move by under a pixel.
 */

export interface ChartSeriesIn {
  readonly t: readonly number[];
  readonly v: readonly (number | null)[];
}

export type ChartRow = { t: number } & Record<string, number | boolean | null>;

export interface MergedRows {
  rows: ChartRow[];
  /** recharts dataKey of each series, by index */
  keys: string[];
  /** true when rule 2 had to reduce the rows */
  reduced: boolean;
}

export interface MergeOptions {
  /** plot width in CSS pixels */
  widthPx: number;
  fromMs: number;
  toMs: number;
  /** default 2 */
  pointsPerPx?: number;
}

export const seriesKey = (i: number): string => `s${i}`;
export const fillKey = (i: number): string => `f${i}`;

/** Absent during construction: the series has no sample at this row's time. */
type Cell = number | null | undefined;

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

function uniqueSortedTimes(series: readonly ChartSeriesIn[]): Float64Array {
  let n = 0;
  for (const s of series) n += s.t.length;
  const all = new Float64Array(n);
  let k = 0;
  for (const s of series) for (const t of s.t) all[k++] = t;
  all.sort();
  let len = 0;
  for (let i = 0; i < n; i++) if (len === 0 || all[i] !== all[len - 1]) all[len++] = all[i];
  return all.subarray(0, len);
}

/** Rule 1 over one column of cells: interpolate between real values, null elsewhere. */
function fillColumn(times: ArrayLike<number>, cells: Cell[], filled: boolean[]): void {
  let prev = -1;
  for (let r = 0; r <= cells.length; r++) {
    const c = r < cells.length ? cells[r] : null;
    if (c === undefined) continue;
    const canFill = prev >= 0 && finite(cells[prev]) && finite(c);
    for (let h = prev + 1; h < r; h++) {
      if (canFill) {
        const a = cells[prev] as number;
        const b = c as number;
        const ta = times[prev];
        const tb = times[r];
        cells[h] = tb === ta ? a : a + ((b - a) * (times[h] - ta)) / (tb - ta);
        filled[h] = true;
      } else {
        cells[h] = null;
      }
    }
    prev = r;
  }
}

/** Each series' samples at their own times (no reduction needed). */
function exactCells(series: readonly ChartSeriesIn[], times: Float64Array): Cell[][] {
  return series.map((s) => {
    const cells: Cell[] = new Array<Cell>(times.length).fill(undefined);
    let r = 0;
    for (let i = 0; i < s.t.length; i++) {
      while (r < times.length && times[r] < s.t[i]) r++;
      if (r < times.length && times[r] === s.t[i]) cells[r] = finite(s.v[i]) ? s.v[i] : null;
    }
    return cells;
  });
}

interface Bucket {
  firstGap: boolean;
  lastGap: boolean;
  min: number;
  minT: number;
  max: number;
  maxT: number;
  has: boolean;
}

/** Rule 2: two rows per pixel column at shared times, each series' extremes in time order. */
function reducedCells(
  series: readonly ChartSeriesIn[],
  o: Required<MergeOptions>,
): { times: number[]; cells: Cell[][] } {
  const buckets = Math.max(1, Math.floor((o.widthPx * o.pointsPerPx) / 2));
  const span = o.toMs - o.fromMs;
  const col = (t: number) => Math.min(buckets - 1, Math.max(0, Math.floor(((t - o.fromMs) / span) * buckets)));
  const used = new Uint8Array(buckets);
  const perSeries = series.map((s) => {
    const b = new Map<number, Bucket>();
    for (let i = 0; i < s.t.length; i++) {
      const c = col(s.t[i]);
      used[c] = 1;
      let k = b.get(c);
      const v = s.v[i];
      const gap = !finite(v);
      if (!k) {
        k = { firstGap: gap, lastGap: gap, min: Infinity, minT: 0, max: -Infinity, maxT: 0, has: false };
        b.set(c, k);
      }
      k.lastGap = gap;
      if (gap) continue;
      k.has = true;
      if (v < k.min) [k.min, k.minT] = [v, s.t[i]];
      if (v > k.max) [k.max, k.maxT] = [v, s.t[i]];
    }
    return b;
  });
  const times: number[] = [];
  const cells: Cell[][] = series.map(() => []);
  const w = span / buckets;
  for (let c = 0; c < buckets; c++) {
    if (!used[c]) continue;
    times.push(o.fromMs + (c + 0.25) * w, o.fromMs + (c + 0.75) * w);
    perSeries.forEach((b, i) => {
      const k = b.get(c);
      if (!k) return void cells[i].push(undefined, undefined);
      if (!k.has) return void cells[i].push(null, null);
      const [first, second] = k.minT <= k.maxT ? [k.min, k.max] : [k.max, k.min];
      cells[i].push(k.firstGap ? null : first, k.lastGap ? null : second);
    });
  }
  return { times, cells };
}

export function mergeSeries(series: readonly ChartSeriesIn[], opts: MergeOptions): MergedRows {
  const o: Required<MergeOptions> = { ...opts, pointsPerPx: opts.pointsPerPx ?? 2 };
  const keys = series.map((_, i) => seriesKey(i));
  const budget = Math.max(2, Math.floor(Math.max(1, o.widthPx) * o.pointsPerPx));
  const exact = uniqueSortedTimes(series);
  const reduced = exact.length > budget;
  if (reduced && !(o.toMs > o.fromMs && Number.isFinite(o.toMs - o.fromMs))) {
    // No usable range from the caller: bucket over the data's own extent.
    o.fromMs = exact[0];
    o.toMs = exact[exact.length - 1];
  }
  const { times, cells } = reduced
    ? reducedCells(series, { ...o, widthPx: Math.max(1, o.widthPx) })
    : { times: exact, cells: exactCells(series, exact) };
  const rows: ChartRow[] = new Array<ChartRow>(times.length);
  for (let r = 0; r < times.length; r++) rows[r] = { t: times[r] } as ChartRow;
  cells.forEach((col, i) => {
    const filled = new Array<boolean>(col.length).fill(false);
    fillColumn(times, col, filled);
    const key = keys[i];
    const fk = fillKey(i);
    for (let r = 0; r < rows.length; r++) {
      rows[r][key] = col[r] as number | null;
      if (filled[r]) rows[r][fk] = true;
    }
  });
  return { rows, keys, reduced };
}
