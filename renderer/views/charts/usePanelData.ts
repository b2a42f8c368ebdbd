import { useEffect, useRef, useState } from 'react';
import type { QuerySource, SeriesData, TimeRange } from '../../../shared/api/monitoring-model';
import type { Panel } from '../../../shared/api/monitoring-dashboards';
import type { RangeQueryInput, RangeQueryResult } from '../../../shared/api/monitoring-query';
import { client } from '../../api/client';
import { useConnection } from '../../api/connection-store';
import { errorMessage } from '../../api/errors';
import { plotWidth } from './layout';
import { planQueries, type PlanInput, type PlannedCall } from './panel-queries';
import { RequestGate } from './request-gate';
import type { TableSample } from './table-rows';
import { useElementWidth } from './use-width';

export interface PanelSeries extends SeriesData {
  refId: string;
}

export interface PanelData {
  loading: boolean;
  /** the first failing query's OpsError message (prefixed with its refId when the panel has several) */
  error: string | null;
  /** range queries (timeseries, stat, gauge), in query order */
  series: PanelSeries[];
  /** instant samples (table) */
  table: TableSample[];
  /** the resolved, step-aligned range of the answer (epoch ms); 0 before any */
  fromMs: number;
  toMs: number;
  stepMs: number;
  warnings: string[];
  rawPoints: number;
  sentPoints: number;
  /** main's own time for the slowest of the queries, ms */
  tookMs: number;
  /** performance.now() when the answered query was sent, to time query → paint */
  queriedAt: number;
  /** bumps with every answer that reached the panel */
  answer: number;
}

export interface PanelDataOptions {
  panel: Panel;
  range: TimeRange;
  variables: Readonly<Record<string, string>>;
  defaultSource: QuerySource | null;
  refreshKey?: number;
  downsample?: RangeQueryInput['downsample'];
  /** Grafana's "max data points": the width main computes the step for, instead of the plot's */
  maxDataPoints?: number;
}

const empty: PanelData = {
  loading: false,
  error: null,
  series: [],
  table: [],
  fromMs: 0,
  toMs: 0,
  stepMs: 0,
  warnings: [],
  rawPoints: 0,
  sentPoints: 0,
  tookMs: 0,
  queriedAt: 0,
  answer: 0,
};

/** Re-query only when the plot width moved by more than this fraction: a resize is not a new question. */
const widthSlack = 0.1;

async function run(call: PlannedCall): Promise<{ range?: RangeQueryResult; table?: TableSample[] }> {
  if (call.method === 'monitoring.query.range') return { range: await client.call(call.method, call.input) };
  const r = await client.call(call.method, call.input);
  return { table: r.samples.map((s) => ({ ...s, refId: call.refId })) };
}

function combine(
  calls: PlannedCall[],
  settled: PromiseSettledResult<Awaited<ReturnType<typeof run>>>[],
  queriedAt: number,
  answer: number,
): PanelData {
  const out: PanelData = { ...empty, series: [], table: [], warnings: [], queriedAt, answer };
  settled.forEach((s, i) => {
    const refId = calls[i].refId;
    if (s.status === 'rejected') {
      const msg = errorMessage(s.reason);
      out.error ??= calls.length > 1 ? `Query ${refId}: ${msg}` : msg;
      return;
    }
    const { range, table } = s.value;
    if (table) out.table.push(...table);
    if (!range) return;
    for (const sd of range.series) out.series.push({ ...sd, refId });
    out.fromMs = out.fromMs ? Math.min(out.fromMs, range.from) : range.from;
    out.toMs = Math.max(out.toMs, range.to);
    out.stepMs = Math.max(out.stepMs, range.stepMs);
    out.rawPoints += range.rawPoints;
    out.sentPoints += range.sentPoints;
    out.tookMs = Math.max(out.tookMs, range.tookMs);
    out.warnings.push(...range.warnings.map((w) => (calls.length > 1 ? `${refId}: ${w}` : w)));
  });
  return out;
}

/**
 * A panel's data: runs its queries (range queries for charts, stat and
 * gauge; instant queries for tables) with variables filled in, at the plot's
 * measured width, again whenever the range, variables, width or refreshKey
 * change or the connection comes back. An answer to a question that has since
 * changed is dropped, never shown. While a new answer is on its way the last
 * one stays on screen, and refreshes of that same question wait for it (at
 * most one request per panel is ever on its way for one question).
 */
export function usePanelData(o: PanelDataOptions): PanelData & {
  containerRef: (el: HTMLElement | null) => void;
  /** the container's measured width, px */
  widthPx: number;
} {
  const { ref, width } = useElementWidth();
  const [queryWidth, setQueryWidth] = useState(0);
  const connection = useConnection((s) => s.state);
  const [data, setData] = useState<PanelData>(empty);
  const generation = useRef(0);

  const plot = o.panel.type === 'timeseries' ? plotWidth(width) : width;
  useEffect(() => {
    if (plot <= 0) return;
    setQueryWidth((q) => (q === 0 || Math.abs(plot - q) / q > widthSlack ? plot : q));
  }, [plot]);

  // The question as text: the effect below re-runs exactly when it changes, whatever the caller's object identities.
  const key = JSON.stringify({
    panel: o.panel,
    range: o.range,
    variables: o.variables,
    defaultSource: o.defaultSource,
    widthPx: o.maxDataPoints ?? queryWidth,
    downsample: o.downsample,
  });
  const needsWidth = o.panel.type !== 'table';
  const [gate] = useState(() => new RequestGate());
  const [rerun, setRerun] = useState(0);

  useEffect(() => {
    // Date.now() only feeds ${__interval} (a function of the range's length); main resolves "now" itself.
    const plan = planQueries({ ...(JSON.parse(key) as Omit<PlanInput, 'nowMs'>), nowMs: Date.now() });
    if (plan.problem !== null || plan.calls.length === 0) {
      gate.clear();
      setData({ ...empty, error: plan.problem, answer: ++generation.current });
      return;
    }
    if (connection !== 'open' || (needsWidth && queryWidth <= 0 && !o.maxDataPoints)) return;
    const id = gate.begin(key);
    if (id === null) return;
    const gen = ++generation.current;
    setData((d) => (d.loading ? d : { ...d, loading: true }));
    const queriedAt = performance.now();
    void Promise.allSettled(plan.calls.map(run)).then((settled) => {
      if (gate.settle(id) && gen === generation.current) setRerun((n) => n + 1);
      if (gen !== generation.current) return;
      setData(combine(plan.calls, settled, queriedAt, gen));
    });
  }, [gate, key, o.refreshKey, rerun, connection, needsWidth, queryWidth, o.maxDataPoints]);

  // An answer arriving after the panel is gone has nowhere to go.
  useEffect(
    () => () => {
      generation.current++;
      gate.clear();
    },
    [gate],
  );

  return { ...data, containerRef: ref, widthPx: width };
}
