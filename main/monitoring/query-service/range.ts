import type { z } from 'zod';
import type { SeriesData } from '../../../shared/api/monitoring-model';
import type { rangeQueryInput, RangeQueryResult } from '../../../shared/api/monitoring-query';
import { lttb } from '../downsample/lttb';
import { m4 } from '../downsample/m4';
import { checkSeries, type Series } from '../downsample/series';
import { parseDuration } from '../../../shared/monitoring/duration';
import { chooseStep } from '../../../shared/monitoring/step';
import { resolveRange } from '../../../shared/monitoring/time-range';
import type { Engine, EngineSeries } from '../types';
import { legendFor } from './legend';

export type RangeInput = z.output<typeof rangeQueryInput>;
/** What the query service reads of the input: the source only picks the engine. */
export type RangeSpec = Omit<RangeInput, 'source'>;

/**
 * Downsampled for a plot `widthPx` wide: at most about two points per pixel
 * column. M4 keeps first/last/min/max per bucket (≤ 4), so its buckets are
 * two pixels wide; LTTB is asked for exactly 2 × width points.
 */
export function downsampleFor(
  s: Series,
  input: Pick<RangeSpec, 'downsample' | 'widthPx'>,
  fromMs: number,
  toMs: number,
): Series {
  if (input.downsample === 'none') return s;
  if (input.downsample === 'lttb') return lttb(s, Math.max(2, 2 * input.widthPx));
  return m4(s, { width: Math.max(1, Math.ceil(input.widthPx / 2)), startMs: fromMs, endMs: toMs });
}

function toSeriesData(es: EngineSeries, input: RangeSpec, fromMs: number, toMs: number): SeriesData {
  const raw = checkSeries({ t: es.t, v: es.v });
  const s = downsampleFor(raw, input, fromMs, toMs);
  const v = new Array<number | null>(s.v.length);
  // NaN, stale markers and ±Inf cannot be drawn or sent as JSON numbers: they are gaps.
  for (let i = 0; i < s.v.length; i++) v[i] = Number.isFinite(s.v[i]) ? s.v[i]! : null;
  return {
    labels: es.labels,
    name: legendFor(es.labels, input.legend, input.expr),
    t: Array.from(s.t),
    v,
    rawPoints: raw.t.length,
  };
}

/**
 * A panel's range query: the picker's range resolved at `nowMs`, the step
 * chosen as Grafana does (shared/monitoring/step.ts) and aligned, the engine asked, each
 * series downsampled for the panel's width and named by its legend.
 */
export async function runRangeQuery(
  engine: Engine,
  input: RangeSpec,
  nowMs: number,
  signal?: AbortSignal,
): Promise<RangeQueryResult> {
  const t0 = performance.now();
  const { startMs, endMs } = resolveRange(input.range.from, input.range.to, nowMs);
  const minIntervalSec = input.minInterval ? parseDuration(input.minInterval) / 1000 : undefined;
  const step = chooseStep({ startMs, endMs, widthPx: input.widthPx, minIntervalSec });
  const from = Math.round(step.startSec * 1000);
  const to = Math.round(step.endSec * 1000);
  const stepMs = Math.round(step.stepSec * 1000);
  const res = await engine.range(input.expr, from, to, stepMs, signal);
  const series = res.series.map((s) => toSeriesData(s, input, from, to));
  let rawPoints = 0;
  let sentPoints = 0;
  for (const s of series) {
    rawPoints += s.rawPoints;
    sentPoints += s.t.length;
  }
  return {
    series,
    from,
    to,
    stepMs,
    warnings: res.warnings,
    rawPoints,
    sentPoints,
    tookMs: Math.round((performance.now() - t0) * 10) / 10,
  };
}
