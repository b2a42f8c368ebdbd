/**
 * The time-series chart's fixed geometry, shared by the chart (to draw), the
 * data hook (to ask main for as many columns as the plot has pixels) and drag
 * to zoom (to map a pointer to a time). Fixed so all three agree without
 * measuring recharts' internals.
 */
export const chartMargin = { top: 8, right: 16, bottom: 0, left: 0 } as const;
export const yAxisWidth = 64;
export const xAxisHeight = 24;

/** Plot width for a chart of this width: the pixel columns the x axis runs over. */
export function plotWidth(chartWidth: number): number {
  return Math.max(0, Math.floor(chartWidth - chartMargin.left - chartMargin.right - yAxisWidth));
}

/** Where the plot starts, px from the chart's left edge. */
export const plotLeft = chartMargin.left + yAxisWidth;
