import { Group, Loader, Paper, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useRef, type ReactNode } from 'react';
import type { Annotation, QuerySource, TimeRange } from '../../../shared/api/monitoring-model';
import type { Panel } from '../../../shared/api/monitoring-dashboards';
import type { RangeQueryInput } from '../../../shared/api/monitoring-query';
import { GaugePanel } from './GaugePanel';
import { StatPanel } from './StatPanel';
import { TablePanel } from './TablePanel';
import { TimeSeriesPanel, type PaintInfo } from './TimeSeriesPanel';
import { usePanelData } from './usePanelData';

export interface PanelViewProps {
  panel: Panel;
  range: TimeRange;
  variables: Record<string, string>;
  /** the dashboard's source, for queries that name none */
  defaultSource: QuerySource | null;
  /** panels with the same syncId share the hover crosshair */
  syncId?: string;
  /** change it to ask the same question again (refresh button, auto refresh) */
  refreshKey?: number;
  annotations?: Annotation[];
  /** a drag across a time-series chart selected this range (epoch ms) */
  onZoom?(from: number, to: number): void;
  /** the whole frame's height in px, title included (default 260) */
  height?: number;
  /** each answer's size: samples main read, points it sent, series; and main's own time for it */
  onData?(info: { rawPoints: number; sentPoints: number; series: number; tookMs?: number; warnings?: string[] }): void;
  /** a time-series chart painted new data; `queryMs` is from sending the query to that paint */
  onPainted?(info: PaintInfo & { queryMs: number }): void;
  /** downsampling main applies (default m4); 'none' is for comparisons and exact-sample previews */
  downsample?: RangeQueryInput['downsample'];
  /** shade threshold bands on time-series charts */
  thresholdBands?: boolean;
  /**
   * The renderer's guard: at most this many points per pixel column reach
   * recharts (default 2). Raise it only to measure what the guard prevents.
   */
  pointsPerPx?: number;
  /**
   * Grafana's "max data points": main chooses the step for this many points
   * instead of the plot's width in pixels (the renderer's guard still applies).
   */
  maxDataPoints?: number;
}

const titleHeight = 28;

/**
 * One panel: its frame and title, a loading mark, the query's error shown on
 * the panel in main's own words (a PromQL parse error reads as Prometheus
 * wrote it), and the chart for its type. Memoised: a dashboard re-rendering
 * (a new annotation, a toolbar click) repaints only the panels whose inputs
 * changed.
 */
export const PanelView = memo(function PanelView(props: PanelViewProps) {
  const { panel } = props;
  const data = usePanelData({
    panel,
    range: props.range,
    variables: props.variables,
    defaultSource: props.defaultSource,
    refreshKey: props.refreshKey,
    downsample: props.downsample,
    maxDataPoints: props.maxDataPoints,
  });
  const height = props.height ?? 260;
  const bodyHeight = Math.max(40, height - titleHeight - 12);

  const { onData } = props;
  useEffect(() => {
    if (data.answer > 0 && data.error === null && onData) {
      onData({
        rawPoints: data.rawPoints,
        sentPoints: data.sentPoints,
        series: data.series.length,
        tookMs: data.tookMs,
        warnings: data.warnings,
      });
    }
    // Once per answer, not per render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data.answer]);

  // Stable per answer, so a re-render without new data (a hover, a drag) reports no paint.
  const onPaintedRef = useRef(props.onPainted);
  useEffect(() => {
    onPaintedRef.current = props.onPainted;
  });
  const queriedAt = data.queriedAt;
  const reportPaint = useCallback(
    (info: PaintInfo) => onPaintedRef.current?.({ ...info, queryMs: performance.now() - queriedAt }),
    [queriedAt],
  );
  const painted = props.onPainted ? reportPaint : undefined;

  const hasData = panel.type === 'table' ? data.table.length > 0 : data.series.length > 0;
  const thresholds = panel.thresholds;
  let body: ReactNode = null;
  // What every kind of panel is drawn with.
  const common = { panelId: panel.id, unit: panel.unit, decimals: panel.decimals, thresholds };
  if (data.widthPx > 0 && hasData) {
    if (panel.type === 'timeseries') {
      body = (
        <TimeSeriesPanel
          {...common}
          series={data.series}
          fromMs={data.fromMs}
          toMs={data.toMs}
          width={data.widthPx}
          height={bodyHeight - (data.error ? 22 : 0)}
          min={panel.min}
          max={panel.max}
          stacked={panel.stacked}
          annotations={props.annotations}
          syncId={props.syncId}
          onZoom={props.onZoom}
          onPainted={painted}
          thresholdBands={props.thresholdBands}
          pointsPerPx={props.pointsPerPx}
        />
      );
    } else if (panel.type === 'stat') {
      body = <StatPanel {...common} series={data.series} width={data.widthPx} height={bodyHeight} />;
    } else if (panel.type === 'gauge') {
      body = (
        <GaugePanel
          {...common}
          series={data.series}
          min={panel.min}
          max={panel.max}
          width={data.widthPx}
          height={bodyHeight}
        />
      );
    } else {
      body = <TablePanel {...common} samples={data.table} height={bodyHeight} />;
    }
  }

  return (
    <Paper
      withBorder
      p={6}
      h={height}
      data-testid={`panel-${panel.id}`}
      data-type={panel.type}
      data-loading={data.loading}
      data-answer={data.answer}
      data-raw-points={data.rawPoints}
      data-sent-points={data.sentPoints}
      style={{ display: 'flex', flexDirection: 'column', overflow: 'hidden' }}
    >
      <Group gap={6} h={titleHeight - 6} wrap="nowrap" mb={6}>
        <Text size="sm" fw={600} truncate style={{ flex: 1 }} data-testid={`panel-title-${panel.id}`}>
          {panel.title || '\u00a0'}
        </Text>
        {data.warnings.length > 0 && (
          <Tooltip label={data.warnings.join('\n')} multiline maw={420}>
            <IconAlertTriangle
              size={14}
              color="var(--mantine-color-yellow-6)"
              data-testid={`panel-warning-${panel.id}`}
            />
          </Tooltip>
        )}
        {data.loading && <Loader size={12} data-testid={`panel-loading-${panel.id}`} />}
      </Group>
      <div ref={data.containerRef} style={{ flex: 1, minHeight: 0, position: 'relative' }}>
        {data.error && (
          <Text
            size="xs"
            c="red"
            lineClamp={hasData ? 1 : 6}
            title={data.error}
            data-testid={`panel-error-${panel.id}`}
            role="alert"
          >
            {data.error}
          </Text>
        )}
        {body}
        {!data.error && !data.loading && data.answer > 0 && !hasData && (
          <Text size="sm" c="dimmed" ta="center" mt="lg" data-testid={`panel-nodata-${panel.id}`}>
            {panel.queries.some((q) => !q.hidden && q.expr.trim()) ? 'No data' : 'This panel has no query yet.'}
          </Text>
        )}
      </div>
    </Paper>
  );
});
