import { OpsError } from '../../../shared/api/errors';
import type { Engine, EngineInstant, EngineRange, EngineSeries } from '../types';
import { HOUR } from './buckets';
import { chooseInstantTier, chooseTier, evaluate } from './eval/evaluate';
import { checkAborted, labelsKey, type EvalContext, type SeriesSource, type Tier, type Value } from './eval/types';
import { parseExpr, parseSelector } from './promql/parser';
import { matchersOf } from './eval/selectors';
import type { SeriesIndex } from './series-index';

/** Prometheus refuses range queries with more points per series; so do we, with the same advice. */
const MAX_POINTS = 11_000;

export interface LocalEngineDeps {
  source: SeriesSource;
  index: SeriesIndex;
  /** the oldest time raw samples are still kept from (raw retention), epoch ms */
  rawKeptFrom(): number;
}

function tierWarning(tier: Tier): string[] {
  if (tier === 0) return [];
  const res = tier === HOUR ? '1-hour' : '1-minute';
  return [
    `Evaluated on ${res} rollups: a series' value at each point is its average over the step; ` +
      `min/max_over_time use the buckets' extremes and rate/increase each bucket's highest counter value.`,
  ];
}

function toSeries(value: Value, steps: Float64Array): EngineSeries[] {
  if (value.kind === 'scalar') return [{ labels: {}, t: steps, v: value.v }];
  return value.series
    .filter((s) => s.v.some((x) => x === x))
    .sort((a, b) => (labelsKey(a.labels) < labelsKey(b.labels) ? -1 : 1))
    .map((s) => ({ labels: s.labels, t: steps, v: s.v }));
}

/** The Engine over the workspace's own series (the `local` query source). */
export class LocalEngine implements Engine {
  constructor(private readonly deps: LocalEngineDeps) {}

  async range(
    expr: string,
    startMs: number,
    endMs: number,
    stepMs: number,
    signal?: AbortSignal,
  ): Promise<EngineRange> {
    if (![startMs, endMs, stepMs].every(Number.isSafeInteger) || stepMs <= 0 || endMs < startMs) {
      throw new OpsError('bad_input', 'A range query needs whole-millisecond start ≤ end and a step above zero.', {
        startMs,
        endMs,
        stepMs,
      });
    }
    const points = Math.floor((endMs - startMs) / stepMs) + 1;
    if (points > MAX_POINTS) {
      throw new OpsError(
        'bad_input',
        `The query asks for ${points} points per series, more than ${MAX_POINTS}; use a larger step or a shorter range.`,
      );
    }
    const ast = parseExpr(expr);
    checkAborted(signal);
    const steps = new Float64Array(points);
    for (let i = 0; i < points; i++) steps[i] = startMs + i * stepMs;
    const tier = chooseTier(ast, stepMs, startMs, this.deps.rawKeptFrom());
    const ctx: EvalContext = { source: this.deps.source, steps, stepMs, tier, signal };
    return { series: toSeries(evaluate(ctx, ast), steps), warnings: tierWarning(tier) };
  }

  async instant(expr: string, atMs: number, signal?: AbortSignal): Promise<EngineInstant> {
    if (!Number.isSafeInteger(atMs))
      throw new OpsError('bad_input', 'An instant query needs a time in whole milliseconds.');
    const ast = parseExpr(expr);
    const steps = Float64Array.of(atMs);
    const tier = chooseInstantTier(ast, atMs, this.deps.rawKeptFrom());
    const ctx: EvalContext = { source: this.deps.source, steps, stepMs: 0, tier, signal };
    const samples = toSeries(evaluate(ctx, ast), steps).map((s) => ({ labels: s.labels, value: s.v[0], t: atMs }));
    return { samples, warnings: tierWarning(tier) };
  }

  async labelNames(match: string | undefined, signal?: AbortSignal): Promise<string[]> {
    checkAborted(signal);
    const names = new Set<string>();
    for (const ref of this.matching(match)) for (const k of Object.keys(ref.labels)) names.add(k);
    return [...names].sort();
  }

  async labelValues(label: string, match: string | undefined, signal?: AbortSignal): Promise<string[]> {
    checkAborted(signal);
    const values = new Set<string>();
    for (const ref of this.matching(match)) {
      const v = ref.labels[label];
      if (v !== undefined) values.add(v);
    }
    return [...values].sort();
  }

  private matching(match: string | undefined) {
    return match === undefined || match.trim() === ''
      ? [...this.deps.index.all()]
      : this.deps.index.select(matchersOf(parseSelector(match)));
  }
}
