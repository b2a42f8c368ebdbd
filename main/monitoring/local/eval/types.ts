import { OpsError } from '../../../../shared/api/errors';
import type { Labels } from '../../../../shared/api/monitoring-model';
import type { RollupColumns } from '../rollup-codec';
import type { SeriesRef } from '../series-index';
import type { LabelMatcher } from '../promql/ast';

/** Where evaluation reads series from (the store, or a fixture in tests). */
export interface SeriesSource {
  select(matchers: readonly LabelMatcher[]): SeriesRef[];
  raw(id: number, from: number, to: number): { ts: ArrayLike<number>; vs: ArrayLike<number> };
  buckets(id: number, res: number, from: number, to: number): RollupColumns;
}

/** 0 = raw samples; otherwise the rollup bucket in ms (1 minute or 1 hour). */
export type Tier = number;

export interface EvalContext {
  source: SeriesSource;
  /** evaluation times, epoch ms */
  steps: Float64Array;
  stepMs: number;
  tier: Tier;
  signal?: AbortSignal;
}

/** One series over all steps; NaN where it has no value. */
export interface VSeries {
  labels: Labels;
  v: Float64Array;
}

export type Value = { kind: 'scalar'; v: Float64Array } | { kind: 'vector'; series: VSeries[] };

/** Prometheus's default lookback: a sample counts as current for 5 minutes, unless a stale marker ends it. */
export const LOOKBACK_MS = 5 * 60_000;

export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new OpsError('cancelled', 'The query was cancelled.');
}

export function withoutName(labels: Labels): Labels {
  if (!('__name__' in labels)) return labels;
  const { __name__: _, ...rest } = labels;
  return rest;
}

/** The key two label sets share when they are equal. */
export function labelsKey(labels: Labels): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );
}

export function formatLabels(labels: Labels): string {
  const name = labels.__name__ ?? '';
  const rest = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `${name}{${rest.join(', ')}}`;
}

/** PromQL refuses a result holding two series with the same labels (after a name was dropped). */
export function checkUnique(series: VSeries[], what: string): void {
  const seen = new Set<string>();
  for (const s of series) {
    const key = labelsKey(s.labels);
    if (seen.has(key)) {
      throw new OpsError(
        'bad_input',
        `${what} gives two series with the same labels ${formatLabels(s.labels)}; aggregate them first (for example with sum by (...)).`,
      );
    }
    seen.add(key);
  }
}
