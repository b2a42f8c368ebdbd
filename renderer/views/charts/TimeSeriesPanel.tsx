import { useMantineTheme } from '@mantine/core';
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Annotation, SeriesData, Unit } from '../../../shared/api/monitoring-model';
import { annotationMarks } from './AnnotationMarks';
import { ChartTooltip } from './ChartTooltip';
import { DragSelection } from './DragSelection';
import { chartMargin, plotLeft, plotWidth, xAxisHeight, yAxisWidth } from './layout';
import { legendClick } from './legend-stats';
import { mergeSeries } from './rows';
import { resolveColor, seriesColor, thresholdBands, type ThresholdIn } from './thresholds';
import { tickInterval, tickLabel, timeTicks } from './time-axis';
import { rowPx as legendRowPx, TimeSeriesLegend } from './TimeSeriesLegend';
import { formatValue } from './units';
import { useDragZoom } from './use-drag-zoom';

export interface PaintInfo {
  /** row × visible-series cells handed to recharts */
  points: number;
  rows: number;
}

export interface TimeSeriesPanelProps {
  panelId: string;
  series: readonly SeriesData[];
  /** the x axis: the answer's resolved range, epoch ms */
  fromMs: number;
  toMs: number;
  width: number;
  height: number;
  unit: Unit;
  decimals: number | null;
  min: number | null;
  max: number | null;
  thresholds: readonly ThresholdIn[];
  stacked: boolean;
  annotations?: readonly Annotation[];
  syncId?: string;
  onZoom?(from: number, to: number): void;
  /** after the browser painted new data (for benches and "query → paint" timings) */
  onPainted?(info: PaintInfo): void;
  /** shade the value bands between thresholds as well as drawing their lines */
  thresholdBands?: boolean;
  /** the guard of rows.ts (default 2 points per pixel column) */
  pointsPerPx?: number;
}

/*
 * Props recharts compares by identity are made once (here) or memoised
 * (below): a new object in an axis or a series prop makes recharts redo its
 * layout, and a dashboard re-renders its panels on every refresh.
 */
const axisTick = { fontSize: 11 } as const;
const activeDot = { r: 3 } as const;
const noSeriesHidden: ReadonlySet<number> = new Set<number>();

/** A time-series chart with its legend table; re-renders only when its own props change. */
export const TimeSeriesPanel = memo(function TimeSeriesPanel(p: TimeSeriesPanelProps) {
  const theme = useMantineTheme();
  const plotW = plotWidth(p.width);
  const merged = useMemo(
    () => mergeSeries(p.series, { widthPx: plotW, fromMs: p.fromMs, toMs: p.toMs, pointsPerPx: p.pointsPerPx }),
    [p.series, plotW, p.fromMs, p.toMs, p.pointsPerPx],
  );
  const names = useMemo(() => p.series.map((s) => s.name), [p.series]);
  const signature = names.join('\n');
  const [legend, setLegend] = useState<{ signature: string; hidden: ReadonlySet<number> }>({
    signature,
    hidden: noSeriesHidden,
  });
  // New series (another host, another query): start with every series shown again.
  const hidden = legend.signature === signature ? legend.hidden : noSeriesHidden;
  const visible = p.series.length - hidden.size;
  const points = merged.rows.length * visible;
  const count = p.series.length;
  const onLegendClick = useCallback(
    (i: number, toggle: boolean) => setLegend({ signature, hidden: legendClick(hidden, i, count, toggle) }),
    [signature, hidden, count],
  );

  const legendHeight = Math.min(p.series.length * legendRowPx + 26, Math.floor(p.height * 0.4));
  const chartHeight = Math.max(60, p.height - legendHeight - 4);
  const zoom = useDragZoom({ fromMs: p.fromMs, toMs: p.toMs, plotWidthPx: plotW, onZoom: p.onZoom });

  const ticks = useMemo(() => timeTicks(p.fromMs, p.toMs, plotW), [p.fromMs, p.toMs, plotW]);
  const interval = tickInterval(p.fromMs, p.toMs, plotW);
  const { fromMs, toMs, unit, decimals } = p;
  const xDomain = useMemo((): [number, number] => [fromMs, toMs], [fromMs, toMs]);
  const yDomain = useMemo((): [number | 'auto', number | 'auto'] => [p.min ?? 'auto', p.max ?? 'auto'], [p.min, p.max]);
  const xLabel = useCallback((t: number) => tickLabel(t, fromMs, toMs, interval), [fromMs, toMs, interval]);
  const yLabel = useCallback((v: number) => formatValue(v, unit, decimals), [unit, decimals]);
  const tooltip = useMemo(
    () => <ChartTooltip names={names} unit={unit} decimals={decimals} fromMs={fromMs} toMs={toMs} />,
    [names, unit, decimals, fromMs, toMs],
  );

  const { onPainted } = p;
  useEffect(() => {
    if (!onPainted) return;
    // rAF runs before the frame is painted; a task queued from it runs after.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const raf = requestAnimationFrame(() => {
      timer = setTimeout(() => onPainted({ points, rows: merged.rows.length }), 0);
    });
    return () => {
      cancelAnimationFrame(raf);
      clearTimeout(timer);
    };
  }, [merged, points, onPainted]);

  const colors = theme.colors as unknown as Record<string, readonly string[]>;
  const Chart = p.stacked ? AreaChart : LineChart;
  const { thresholds, thresholdBands: withBands, annotations } = p;
  const marks = useMemo(() => {
    const bands = withBands ? thresholdBands(thresholds) : [];
    return [
      ...bands.map((b) => (
        <ReferenceArea
          key={`band-${b.from}`}
          y1={b.from}
          y2={b.to ?? undefined}
          fill={resolveColor(b.color, colors)}
          fillOpacity={0.07}
          ifOverflow="hidden"
        />
      )),
      ...thresholds.map((t, i) => (
        <ReferenceLine
          key={`threshold-${i}`}
          y={t.value}
          stroke={resolveColor(t.color, colors)}
          strokeDasharray="6 3"
          className="opsroom-threshold"
        />
      )),
      ...annotationMarks(annotations ?? [], fromMs, toMs),
    ];
  }, [withBands, thresholds, annotations, fromMs, toMs, colors]);
  const lines = useMemo(
    () =>
      merged.keys.map((key, i) =>
        p.stacked ? (
          <Area
            key={key}
            dataKey={key}
            name={names[i]}
            stackId="stack"
            type="linear"
            stroke={seriesColor(i)}
            fill={seriesColor(i)}
            fillOpacity={0.25}
            isAnimationActive={false}
            dot={false}
            activeDot={activeDot}
            connectNulls={false}
            hide={hidden.has(i)}
          />
        ) : (
          <Line
            key={key}
            dataKey={key}
            name={names[i]}
            type="linear"
            stroke={seriesColor(i)}
            strokeWidth={1.5}
            isAnimationActive={false}
            dot={false}
            activeDot={activeDot}
            connectNulls={false}
            hide={hidden.has(i)}
          />
        ),
      ),
    [merged.keys, names, hidden, p.stacked],
  );

  return (
    <div>
      <div
        data-testid={`timeseries-${p.panelId}`}
        data-points={points}
        data-rows={merged.rows.length}
        data-reduced={merged.reduced}
        data-from={p.fromMs}
        data-to={p.toMs}
        onMouseDown={zoom.onMouseDown}
        style={{ cursor: p.onZoom ? 'crosshair' : undefined, userSelect: 'none', position: 'relative' }}
      >
        <Chart
          width={Math.max(0, p.width)}
          height={chartHeight}
          data={merged.rows}
          margin={chartMargin}
          syncId={p.syncId}
          syncMethod="value"
        >
          <CartesianGrid stroke={colors.gray[4]} strokeDasharray="2 4" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            domain={xDomain}
            allowDataOverflow
            ticks={ticks}
            tickFormatter={xLabel}
            height={xAxisHeight}
            tick={axisTick}
            stroke={colors.gray[6]}
          />
          <YAxis
            width={yAxisWidth}
            domain={yDomain}
            allowDataOverflow={p.min !== null || p.max !== null}
            tickFormatter={yLabel}
            tick={axisTick}
            stroke={colors.gray[6]}
          />
          <Tooltip isAnimationActive={false} content={tooltip} />
          {marks}
          {lines}
        </Chart>
        <DragSelection
          store={zoom.store}
          left={plotLeft}
          width={plotW}
          top={chartMargin.top}
          height={Math.max(0, chartHeight - chartMargin.top - chartMargin.bottom - xAxisHeight)}
          color={colors.blue[5]}
        />
      </div>
      {p.series.length > 0 && (
        <TimeSeriesLegend
          panelId={p.panelId}
          series={p.series}
          hidden={hidden}
          unit={p.unit}
          decimals={p.decimals}
          maxHeight={legendHeight}
          onClick={onLegendClick}
        />
      )}
    </div>
  );
});
