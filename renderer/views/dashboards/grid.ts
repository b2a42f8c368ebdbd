import type { Panel } from '../../../shared/api/monitoring-dashboards';

/**
 * The 24-column panel grid, as pure functions on the panel list: where a
 * panel sits on screen, and the edit controls (move, resize, add, remove).
 * Every result keeps each panel inside the columns, as main requires.
 */

export const columns = 24;
export const rowPx = 30;
export const maxH = 100;

type Grid = Panel['grid'];

/** CSS grid placement of a panel. */
export function cellStyle(g: Grid): { gridColumn: string; gridRow: string } {
  return { gridColumn: `${g.x + 1} / span ${g.w}`, gridRow: `${g.y + 1} / span ${g.h}` };
}

/** Reading order (top to bottom, left to right), for the DOM and keyboard focus. */
export function inReadingOrder(panels: readonly Panel[]): Panel[] {
  return [...panels].sort((a, b) => a.grid.y - b.grid.y || a.grid.x - b.grid.x);
}

export function bottom(panels: readonly Panel[]): number {
  return panels.reduce((m, p) => Math.max(m, p.grid.y + p.grid.h), 0);
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function overlaps(a: Grid, b: Grid): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The top-most, then left-most place where a w×h panel overlaps nothing. */
export function freeSlot(panels: readonly Panel[], w: number, h: number): { x: number; y: number } {
  const width = clamp(w, 1, columns);
  const end = bottom(panels);
  for (let y = 0; y <= end; y++) {
    for (let x = 0; x + width <= columns; x++) {
      const g = { x, y, w: width, h };
      if (!panels.some((p) => overlaps(p.grid, g))) return { x, y };
    }
  }
  return { x: 0, y: end };
}

/** Moves a panel by whole cells, kept inside the columns and below the top. */
export function moveBy(panels: readonly Panel[], id: string, dx: number, dy: number): Panel[] {
  return panels.map((p) =>
    p.id !== id
      ? p
      : { ...p, grid: { ...p.grid, x: clamp(p.grid.x + dx, 0, columns - p.grid.w), y: Math.max(0, p.grid.y + dy) } },
  );
}

/** Resizes a panel by whole cells; it never grows past the right edge. */
export function resizeBy(panels: readonly Panel[], id: string, dw: number, dh: number): Panel[] {
  return panels.map((p) =>
    p.id !== id
      ? p
      : {
          ...p,
          grid: { ...p.grid, w: clamp(p.grid.w + dw, 1, columns - p.grid.x), h: clamp(p.grid.h + dh, 1, maxH) },
        },
  );
}

export function removePanel(panels: readonly Panel[], id: string): Panel[] {
  return panels.filter((p) => p.id !== id);
}

/** "panel-N" with N one more than any used. */
export function nextPanelId(panels: readonly Panel[]): string {
  let n = 0;
  for (const p of panels) {
    const m = /^panel-(\d+)$/.exec(p.id);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return `panel-${n + 1}`;
}

export function newPanel(panels: readonly Panel[], w = 12, h = 8): Panel {
  const at = freeSlot(panels, w, h);
  return {
    id: nextPanelId(panels),
    title: 'New panel',
    type: 'timeseries',
    grid: { ...at, w, h },
    queries: [{ refId: 'A', source: null, expr: '', legend: '', hidden: false }],
    unit: 'short',
    decimals: null,
    min: null,
    max: null,
    thresholds: [],
    minInterval: '',
    stacked: false,
  };
}

/** Puts `panel` in place of the one with its id, or adds it. */
export function upsertPanel(panels: readonly Panel[], panel: Panel): Panel[] {
  const i = panels.findIndex((p) => p.id === panel.id);
  if (i < 0) return [...panels, panel];
  const out = [...panels];
  out[i] = panel;
  return out;
}

/** A copy in the first free place of the same size. */
export function duplicatePanel(panels: readonly Panel[], id: string): Panel[] {
  const src = panels.find((p) => p.id === id);
  if (!src) return [...panels];
  const at = freeSlot(panels, src.grid.w, src.grid.h);
  return [...panels, { ...structuredClone(src), id: nextPanelId(panels), grid: { ...src.grid, ...at } }];
}

/** The next unused query refId: A, B, … Z. */
export function nextRefId(used: readonly string[]): string | null {
  for (let i = 0; i < 26; i++) {
    const r = String.fromCharCode(65 + i);
    if (!used.includes(r)) return r;
  }
  return null;
}

/** What the edit controls on a panel ask for. */
export type PanelAction =
  | { kind: 'edit' | 'remove' | 'duplicate'; id: string }
  | { kind: 'move'; id: string; dx: number; dy: number }
  | { kind: 'resize'; id: string; dw: number; dh: number };

/** The panels after a layout action ('edit' opens the editor and changes nothing here). */
export function applyLayoutAction(panels: readonly Panel[], a: PanelAction): Panel[] {
  switch (a.kind) {
    case 'move':
      return moveBy(panels, a.id, a.dx, a.dy);
    case 'resize':
      return resizeBy(panels, a.id, a.dw, a.dh);
    case 'remove':
      return removePanel(panels, a.id);
    case 'duplicate':
      return duplicatePanel(panels, a.id);
    default:
      return [...panels];
  }
}
