import type { Panel } from '../../../shared/api/monitoring-dashboards';

/** A one-query time-series panel, as the panel tests and the chart bench show it. */
export function timeSeriesPanel(id: string, expr: string, over: Partial<Panel> = {}): Panel {
  return {
    id,
    title: id,
    type: 'timeseries',
    grid: { x: 0, y: 0, w: 24, h: 10 },
    queries: [{ refId: 'A', source: null, expr, legend: '', hidden: false }],
    unit: 'short',
    decimals: null,
    min: null,
    max: null,
    thresholds: [],
    minInterval: '',
    stacked: false,
    ...over,
  };
}
