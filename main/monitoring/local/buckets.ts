import { decimalScale } from '../tsdb/decimal';
import { emptyColumns, type RollupColumns } from './rollup-codec';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

const POW10: readonly number[] = Array.from({ length: 16 }, (_, e) => 10 ** e);

/**
 * a + b for two short decimals, without the binary tail (0.1 + 0.2 gives
 * 0.3, not 0.30000000000000004), so a stored sum stays a short decimal that
 * the block codec keeps in a few bits. Other numbers add as usual.
 */
export function addExact(a: number, b: number): number {
  const s = a + b;
  const ea = decimalScale(a);
  const eb = decimalScale(b);
  if (ea < 0 || eb < 0) return s;
  const e = Math.max(ea, eb);
  return e === 0 ? s : Math.round(s * POW10[e]) / POW10[e];
}

/**
 * Min, max, sum and count per epoch-aligned bucket of time-ordered samples.
 * NaN (a stale marker) is a gap, not a value. `exact` sums with addExact,
 * for buckets that are stored; a query's own buckets skip it.
 */
export function bucketize(
  ts: ArrayLike<number>,
  vs: ArrayLike<number>,
  bucketMs: number,
  exact: boolean,
): RollupColumns {
  const out = emptyColumns();
  // The open bucket lives in locals and is pushed when the next one starts.
  let cur = -Infinity;
  let curEnd = -Infinity;
  let count = 0;
  let min = 0;
  let max = 0;
  let sum = 0;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    const v = vs[i];
    if (v !== v) continue;
    if (t >= cur && t < curEnd) {
      count++;
      if (v < min) min = v;
      if (v > max) max = v;
      sum = exact ? addExact(sum, v) : sum + v;
      continue;
    }
    if (count > 0) pushBucket(out, cur, count, min, max, sum);
    cur = Math.floor(t / bucketMs) * bucketMs;
    curEnd = cur + bucketMs;
    count = 1;
    min = max = sum = v;
  }
  if (count > 0) pushBucket(out, cur, count, min, max, sum);
  return out;
}

function pushBucket(out: RollupColumns, t: number, count: number, min: number, max: number, sum: number): void {
  out.t.push(t);
  out.count.push(count);
  out.min.push(min);
  out.max.push(max);
  out.sum.push(sum);
}

/**
 * One sorted list from several, joining buckets that share a start: a
 * bucket cut in two by a chunk boundary, or made again from a late sample,
 * is partial in each list and whole when joined (min of mins, sums added).
 */
export function mergeBuckets(lists: RollupColumns[], exact = false): RollupColumns {
  const nonEmpty = lists.filter((l) => l.t.length > 0);
  if (nonEmpty.length === 1 && isSortedUnique(nonEmpty[0].t)) return nonEmpty[0];
  const idx: [number, number][] = [];
  nonEmpty.forEach((l, li) => l.t.forEach((_, bi) => idx.push([li, bi])));
  idx.sort((a, b) => nonEmpty[a[0]].t[a[1]] - nonEmpty[b[0]].t[b[1]] || a[0] - b[0]);
  const out = emptyColumns();
  for (const [li, bi] of idx) {
    const l = nonEmpty[li];
    const j = out.t.length - 1;
    if (j >= 0 && out.t[j] === l.t[bi]) {
      out.count[j] += l.count[bi];
      out.min[j] = Math.min(out.min[j], l.min[bi]);
      out.max[j] = Math.max(out.max[j], l.max[bi]);
      out.sum[j] = exact ? addExact(out.sum[j], l.sum[bi]) : out.sum[j] + l.sum[bi];
    } else {
      out.t.push(l.t[bi]);
      out.count.push(l.count[bi]);
      out.min.push(l.min[bi]);
      out.max.push(l.max[bi]);
      out.sum.push(l.sum[bi]);
    }
  }
  return out;
}

function isSortedUnique(t: number[]): boolean {
  for (let i = 1; i < t.length; i++) if (t[i] <= t[i - 1]) return false;
  return true;
}

/** The buckets with start in [from, to). */
export function sliceBuckets(c: RollupColumns, from: number, to: number): RollupColumns {
  let a = 0;
  while (a < c.t.length && c.t[a] < from) a++;
  let b = a;
  while (b < c.t.length && c.t[b] < to) b++;
  if (a === 0 && b === c.t.length) return c;
  return {
    t: c.t.slice(a, b),
    count: c.count.slice(a, b),
    min: c.min.slice(a, b),
    max: c.max.slice(a, b),
    sum: c.sum.slice(a, b),
  };
}
