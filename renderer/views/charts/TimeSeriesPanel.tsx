import { useMantineTheme } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
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
import { chartMargin, plotWidth, xAxisHeight, yAxisWidth } from './layout';
import { legendClick } from './legend-stats';
import { mergeSeries } from './rows';
import { resolveColor, seriesColor, thresholdBands, type ThresholdIn } from './thresholds';
import { tickInterval, tickLabel, timeTicks } from './time-axis';
import { TimeSeriesLegend } from './TimeSeriesLegend';
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

const legendRowPx = 21;

export function TimeSeriesPanel(p: TimeSeriesPanelProps) {
  const theme = useMantineTheme();
  const plotW = plotWidth(p.width);
  const merged = useMemo(
    () => mergeSeries(p.series, { widthPx: plotW, fromMs: p.fromMs, toMs: p.toMs, pointsPerPx: p.pointsPerPx }),
    [p.series, plotW, p.fromMs, p.toMs, p.pointsPerPx],
  );
  const names = useMemo(() => p.series.map((s) => s.name), [p.series]);
  const signature = names.join('\n');
  const [legend, setLegend] = useState<{ signature: string; hidden: Set<number> }>({ signature, hidden: new Set() });
  // New series (another host, another query): start with every series shown again.
  const hidden = legend.signature === signature ? legend.hidden : new Set<number>();
  const visible = p.series.length - hidden.size;
  const points = merged.rows.length * visible;

  const legendHeight = Math.min(p.series.length * legendRowPx + 26, Math.floor(p.height * 0.4));
  const chartHeight = Math.max(60, p.height - legendHeight - 4);
  const zoom = useDragZoom({ fromMs: p.fromMs, toMs: p.toMs, plotWidthPx: plotW, onZoom: p.onZoom });

  const ticks = useMemo(() => timeTicks(p.fromMs, p.toMs, plotW), [p.fromMs, p.toMs, plotW]);
  const interval = tickInterval(p.fromMs, p.toMs, plotW);

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
  const bands = p.thresholdBands ? thresholdBands(p.thresholds) : [];

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
        style={{ cursor: p.onZoom ? 'crosshair' : undefined, userSelect: 'none' }}
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
            domain={[p.fromMs, p.toMs]}
            allowDataOverflow
            ticks={ticks}
            tickFormatter={(t: number) => tickLabel(t, p.fromMs, p.toMs, interval)}
            height={xAxisHeight}
            tick={{ fontSize: 11 }}
            stroke={colors.gray[6]}
          />
          <YAxis
            width={yAxisWidth}
            domain={[p.min ?? 'auto', p.max ?? 'auto']}
            allowDataOverflow={p.min !== null || p.max !== null}
            tickFormatter={(v: number) => formatValue(v, p.unit, p.decimals)}
            tick={{ fontSize: 11 }}
            stroke={colors.gray[6]}
          />
          <Tooltip
            isAnimationActive={false}
            content={<ChartTooltip names={names} unit={p.unit} decimals={p.decimals} fromMs={p.fromMs} toMs={p.toMs} />}
          />
          {bands.map((b) => (
            <ReferenceArea
              key={`band-${b.from}`}
              y1={b.from}
              y2={b.to ?? undefined}
              fill={resolveColor(b.color, colors)}
              fillOpacity={0.07}
              ifOverflow="hidden"
            />
          ))}
          {p.thresholds.map((t, i) => (
            <ReferenceLine
              key={`threshold-${i}`}
              y={t.value}
              stroke={resolveColor(t.color, colors)}
              strokeDasharray="6 3"
              className="opsroom-threshold"
            />
          ))}
          {annotationMarks(p.annotations ?? [], p.fromMs, p.toMs)}
          {merged.keys.map((key, i) =>
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
                activeDot={{ r: 3 }}
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
                activeDot={{ r: 3 }}
                connectNulls={false}
                hide={hidden.has(i)}
              />
            ),
          )}
          {zoom.selection && (
            <ReferenceArea
              x1={zoom.selection.from}
              x2={zoom.selection.to}
              fill={colors.blue[5]}
              fillOpacity={0.15}
              className="opsroom-zoom-selection"
            />
          )}
        </Chart>
      </div>
      {p.series.length > 0 && (
        <TimeSeriesLegend
          panelId={p.panelId}
          series={p.series}
          hidden={hidden}
          unit={p.unit}
          decimals={p.decimals}
          maxHeight={legendHeight}
          onClick={(i, toggle) => setLegend({ signature, hidden: legendClick(hidden, i, p.series.length, toggle) })}
        />
      )}
    </div>
  );
}
