/**
 * Drag-to-zoom arithmetic: a pointer x inside the chart to a time on its
 * axis, and a finished drag to the range to zoom to. Pixels are measured from
 * the chart's left edge; the plot box is where the x axis runs.
 */

export interface PlotBox {
  /** the plot area's left edge, px from the chart's left */
  left: number;
  /** the plot area's width, px */
  width: number;
}

/** Below this many pixels a drag is a click (or a shaky hand), not a zoom. */
export const minDragPx = 5;

/** The time under x, clamped to the axis; the axis runs from fromMs at the plot's left to toMs at its right. */
export function pxToTime(x: number, box: PlotBox, fromMs: number, toMs: number): number {
  if (!(box.width > 0) || !Number.isFinite(x)) return fromMs;
  const f = Math.min(1, Math.max(0, (x - box.left) / box.width));
  return Math.round(fromMs + f * (toMs - fromMs));
}

/** The range a drag from x0 to x1 selects (either direction), or null for a drag too small to mean a zoom. */
export function zoomFromDrag(
  x0: number,
  x1: number,
  box: PlotBox,
  fromMs: number,
  toMs: number,
  minPx = minDragPx,
): { from: number; to: number } | null {
  if (!Number.isFinite(x0) || !Number.isFinite(x1) || !(toMs > fromMs)) return null;
  const a = pxToTime(Math.min(x0, x1), box, fromMs, toMs);
  const b = pxToTime(Math.max(x0, x1), box, fromMs, toMs);
  // Measured after clamping: a drag wholly in the margin selects nothing.
  const spanPx = ((b - a) / (toMs - fromMs)) * box.width;
  if (spanPx < minPx || b <= a) return null;
  return { from: a, to: b };
}

/** Grafana's zoom out: the same centre, twice the span. */
export function zoomOut(fromMs: number, toMs: number, factor = 2): { from: number; to: number } {
  const centre = (fromMs + toMs) / 2;
  const half = ((toMs - fromMs) * factor) / 2;
  return { from: Math.round(centre - half), to: Math.round(centre + half) };
}
