import type { QuerySource, TimeRange } from '../../../shared/api/monitoring-model';
import type { Panel } from '../../../shared/api/monitoring-dashboards';
import type { RangeQueryInput } from '../../../shared/api/monitoring-query';
import { builtinVariables, rangeOrNull } from './time';
import { interpolate } from './variables';

/**
 * What a panel asks main for: one call per visible query, with its variables
 * filled in. Pure, so what a dashboard sends is tested without a server.
 */

export type PlannedCall =
  | { refId: string; method: 'monitoring.query.range'; input: RangeQueryInput }
  | {
      refId: string;
      method: 'monitoring.query.instant';
      input: { source: QuerySource; expr: string; time?: string };
    };

export interface QueryPlan {
  calls: PlannedCall[];
  /** a reason nothing can be asked (no source, a bad range); shown on the panel */
  problem: string | null;
}

export interface PlanInput {
  panel: Panel;
  range: TimeRange;
  variables: Readonly<Record<string, string>>;
  defaultSource: QuerySource | null;
  /** plot width in px; main chooses the step and downsamples to it */
  widthPx: number;
  /** the renderer's clock, for ${__interval} only: main resolves the range itself */
  nowMs: number;
  downsample?: RangeQueryInput['downsample'];
}

const maxWidth = 20_000;
const minWidth = 10;

export function planQueries(p: PlanInput): QueryPlan {
  const visible = p.panel.queries.filter((q) => !q.hidden && q.expr.trim() !== '');
  if (visible.length === 0) return { calls: [], problem: null };
  const resolved = rangeOrNull(p.range, p.nowMs);
  if (!resolved) {
    return { calls: [], problem: `The time range ${p.range.from} to ${p.range.to} is not valid; pick another one.` };
  }
  const widthPx = Math.min(maxWidth, Math.max(minWidth, Math.round(p.widthPx) || 1000));
  // A dashboard variable named like a built-in (__interval) is overridden, as in Grafana.
  const vars = {
    ...p.variables,
    ...builtinVariables(resolved.fromMs, resolved.toMs, widthPx, p.panel.minInterval),
  };
  const calls: PlannedCall[] = [];
  for (const q of visible) {
    const source = q.source ?? p.defaultSource;
    if (!source) {
      return {
        calls: [],
        problem: `Query ${q.refId} has no data source: choose one for the query or the dashboard.`,
      };
    }
    const expr = interpolate(q.expr, vars).trim();
    if (p.panel.type === 'table') {
      calls.push({ refId: q.refId, method: 'monitoring.query.instant', input: { source, expr, time: p.range.to } });
      continue;
    }
    const input: RangeQueryInput = { source, expr, range: { ...p.range }, widthPx };
    if (p.panel.minInterval) input.minInterval = p.panel.minInterval;
    if (q.legend) input.legend = interpolate(q.legend, vars);
    if (p.downsample) input.downsample = p.downsample;
    calls.push({ refId: q.refId, method: 'monitoring.query.range', input });
  }
  return { calls, problem: null };
}
