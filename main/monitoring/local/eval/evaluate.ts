import type { Expr } from '../promql/ast';
import { HOUR, MINUTE } from '../buckets';
import { aggregate, binary, negate } from './operators';
import { evalCall, evalSelector } from './selectors';
import { LOOKBACK_MS, checkAborted, checkUnique, type EvalContext, type Tier, type Value } from './types';

/** At or above this step a dashboard reads minute rollups even where raw samples exist (≥ 20 samples per point at 15 s). */
export const LARGE_STEP_MS = 5 * MINUTE;

function rangesOf(e: Expr): number[] {
  switch (e.type) {
    case 'call':
      return [e.rangeMs];
    case 'aggregate':
    case 'unary':
      return rangesOf(e.expr);
    case 'binary':
      return [...rangesOf(e.lhs), ...rangesOf(e.rhs)];
    default:
      return [];
  }
}

/**
 * Which resolution answers a query: hourly rollups when the step is an hour
 * or more; minute rollups when the step is a minute or more and either it is
 * large or the range reaches back past the raw samples still kept; raw
 * samples otherwise. A rollup tier is only used when every range in the
 * expression is a whole number of its buckets, so a window never splits one.
 */
export function chooseTier(expr: Expr, stepMs: number, startMs: number, rawKeptFrom: number): Tier {
  const ranges = rangesOf(expr);
  const fits = (b: number) => stepMs >= b && ranges.every((r) => r % b === 0);
  if (fits(HOUR)) return HOUR;
  const reach = Math.min(startMs - LOOKBACK_MS, ...ranges.map((r) => startMs - r));
  if (fits(MINUTE) && (stepMs >= LARGE_STEP_MS || reach < rawKeptFrom)) return MINUTE;
  return 0;
}

/** An instant query (an alert rule) reads raw samples, or minute rollups when raw ones are gone at that time. */
export function chooseInstantTier(expr: Expr, atMs: number, rawKeptFrom: number): Tier {
  const ranges = rangesOf(expr);
  const reach = Math.min(atMs - LOOKBACK_MS, ...ranges.map((r) => atMs - r));
  return reach < rawKeptFrom && ranges.every((r) => r % MINUTE === 0) ? MINUTE : 0;
}

export function evaluate(ctx: EvalContext, e: Expr): Value {
  checkAborted(ctx.signal);
  const n = ctx.steps.length;
  switch (e.type) {
    case 'number':
      return { kind: 'scalar', v: new Float64Array(n).fill(e.value) };
    case 'selector':
      return { kind: 'vector', series: evalSelector(ctx, e) };
    case 'call': {
      const series = evalCall(ctx, e);
      checkUnique(series, `${e.fn}()`);
      return { kind: 'vector', series };
    }
    case 'aggregate': {
      const inner = evaluate(ctx, e.expr);
      return { kind: 'vector', series: inner.kind === 'vector' ? aggregate(e, inner.series, n) : [] };
    }
    case 'unary':
      return negate(evaluate(ctx, e.expr));
    case 'binary':
      return binary(e.op, e.bool, evaluate(ctx, e.lhs), evaluate(ctx, e.rhs), n);
  }
}
