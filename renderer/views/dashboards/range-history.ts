import type { TimeRange } from '../../../shared/api/monitoring-model';

/**
 * The dashboard's time range with a way back: a drag-to-zoom or a picker
 * change remembers the range it replaced, so "Back" returns to it (Grafana
 * users expect exactly this after zooming into a spike).
 */
export interface RangeState {
  current: TimeRange;
  /** older first; the last is what Back returns to */
  history: TimeRange[];
}

const maxHistory = 30;

const same = (a: TimeRange, b: TimeRange) => a.from === b.from && a.to === b.to;

export function initialRange(r: TimeRange): RangeState {
  return { current: { ...r }, history: [] };
}

/** A new range, remembering the current one (unless nothing changed). */
export function pushRange(s: RangeState, next: TimeRange): RangeState {
  if (same(s.current, next)) return s;
  return { current: { ...next }, history: [...s.history, s.current].slice(-maxHistory) };
}

/** An absolute range (a drag on a chart), as epoch-ms text main reads. */
export function zoomTo(s: RangeState, fromMs: number, toMs: number): RangeState {
  if (!(Number.isFinite(fromMs) && Number.isFinite(toMs) && toMs > fromMs)) return s;
  return pushRange(s, { from: String(Math.round(fromMs)), to: String(Math.round(toMs)) });
}

export function canGoBack(s: RangeState): boolean {
  return s.history.length > 0;
}

export function back(s: RangeState): RangeState {
  if (!s.history.length) return s;
  return { current: s.history[s.history.length - 1]!, history: s.history.slice(0, -1) };
}
