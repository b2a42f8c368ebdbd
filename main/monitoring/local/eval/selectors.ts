import type { CallNode, LabelMatcher, SelectorNode } from '../promql/ast';
import type { RollupColumns } from '../rollup-codec';
import { applyRange } from './range-functions';
import { LOOKBACK_MS, checkAborted, withoutName, type EvalContext, type VSeries } from './types';

export function matchersOf(s: SelectorNode): LabelMatcher[] {
  return s.name === null ? s.matchers : [{ name: '__name__', op: '=', value: s.name }, ...s.matchers];
}

/**
 * A selector at each step. On raw samples, as Prometheus: the newest sample
 * no older than the lookback, unless it is a stale marker (then a gap). On
 * rollups: the average of the buckets that end within the step, i.e. what
 * the series averaged over that step — and a gap where it had no samples.
 */
export function evalSelector(ctx: EvalContext, node: SelectorNode): VSeries[] {
  const { steps, tier } = ctx;
  const n = steps.length;
  const start = steps[0];
  const end = steps[n - 1];
  const out: VSeries[] = [];
  for (const ref of ctx.source.select(matchersOf(node))) {
    checkAborted(ctx.signal);
    const v = new Float64Array(n).fill(NaN);
    if (tier === 0) {
      const { ts, vs } = ctx.source.raw(ref.id, start - LOOKBACK_MS, end);
      let j = -1;
      for (let i = 0; i < n; i++) {
        const T = steps[i];
        while (j + 1 < ts.length && ts[j + 1] <= T) j++;
        if (j >= 0 && ts[j] > T - LOOKBACK_MS) v[i] = vs[j]; // a stale marker is NaN: a gap
      }
    } else {
      const window = Math.max(ctx.stepMs, tier);
      const b = ctx.source.buckets(ref.id, tier, start - window, end);
      eachWindow(b, tier, steps, window, (i, lo, hi) => {
        let sum = 0;
        let count = 0;
        for (let k = lo; k < hi; k++) {
          sum += b.sum[k];
          count += b.count[k];
        }
        if (count > 0) v[i] = sum / count;
      });
    }
    out.push({ labels: ref.labels, v });
  }
  return out;
}

/** Calls back with the buckets [lo, hi) whose end lies in (T − window, T], for each step T. */
function eachWindow(
  b: RollupColumns,
  bucketMs: number,
  steps: Float64Array,
  window: number,
  fn: (i: number, lo: number, hi: number) => void,
): void {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < steps.length; i++) {
    const T = steps[i];
    while (hi < b.t.length && b.t[hi] + bucketMs <= T) hi++;
    while (lo < hi && b.t[lo] + bucketMs <= T - window) lo++;
    if (hi > lo) fn(i, lo, hi);
  }
}

/**
 * A range function at each step over (T − range, T]. On rollups, avg/min/max/
 * sum/count_over_time combine the buckets' sums, counts, mins and maxes; the
 * counter functions read each bucket's max as the counter's value at the
 * bucket's end (exact unless the counter reset inside that bucket).
 */
export function evalCall(ctx: EvalContext, node: CallNode): VSeries[] {
  const { steps, tier } = ctx;
  const n = steps.length;
  const start = steps[0];
  const end = steps[n - 1];
  const r = node.rangeMs;
  const out: VSeries[] = [];
  for (const ref of ctx.source.select(matchersOf(node.selector))) {
    checkAborted(ctx.signal);
    const v = new Float64Array(n).fill(NaN);
    if (tier === 0) {
      const raw = ctx.source.raw(ref.id, start - r, end);
      const { ts, vs } = withoutStale(raw.ts, raw.vs);
      let lo = 0;
      let hi = 0;
      for (let i = 0; i < n; i++) {
        const T = steps[i];
        while (hi < ts.length && ts[hi] <= T) hi++;
        while (lo < hi && ts[lo] <= T - r) lo++;
        v[i] = applyRange(node.fn, ts, vs, lo, hi, T, r);
      }
    } else {
      const b = ctx.source.buckets(ref.id, tier, start - r, end);
      const ends = b.t.map((t) => t + tier);
      eachWindow(b, tier, steps, r, (i, lo, hi) => {
        v[i] = rollupRange(node, b, ends, lo, hi, steps[i]);
      });
    }
    out.push({ labels: withoutName(ref.labels), v });
  }
  return out;
}

function rollupRange(node: CallNode, b: RollupColumns, ends: number[], lo: number, hi: number, T: number): number {
  switch (node.fn) {
    case 'avg_over_time':
    case 'sum_over_time':
    case 'count_over_time': {
      let sum = 0;
      let count = 0;
      for (let k = lo; k < hi; k++) {
        sum += b.sum[k];
        count += b.count[k];
      }
      return node.fn === 'avg_over_time' ? sum / count : node.fn === 'sum_over_time' ? sum : count;
    }
    case 'min_over_time':
      return Math.min(...b.min.slice(lo, hi));
    case 'max_over_time':
      return Math.max(...b.max.slice(lo, hi));
    default:
      return applyRange(node.fn, ends, b.max, lo, hi, T, node.rangeMs);
  }
}

function withoutStale(ts: ArrayLike<number>, vs: ArrayLike<number>): { ts: Float64Array; vs: Float64Array } {
  const t = new Float64Array(ts.length);
  const v = new Float64Array(ts.length);
  let k = 0;
  for (let i = 0; i < ts.length; i++) {
    if (vs[i] !== vs[i]) continue;
    t[k] = ts[i];
    v[k++] = vs[i];
  }
  return { ts: t.subarray(0, k), vs: v.subarray(0, k) };
}
