import { useCallback, useEffect, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { plotLeft } from './layout';
import { zoomFromDrag } from './zoom';

/** A drag in progress: pointer x where it started and where it is now, px from the chart's left. */
export interface Drag {
  x0: number;
  x1: number;
}

/**
 * The drag lives outside React state: a mouse move repaints only the
 * selection overlay that subscribes to it (DragSelection), never the chart
 * with its thousands of points.
 */
export class DragStore {
  private drag: Drag | null = null;
  private readonly listeners = new Set<() => void>();

  get = (): Drag | null => this.drag;

  set(d: Drag | null): void {
    this.drag = d;
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export interface DragZoom {
  store: DragStore;
  onMouseDown(e: ReactMouseEvent<HTMLElement>): void;
}

/**
 * Drag across a chart to zoom: mousedown starts a selection, moves extend it
 * (followed on the window, so leaving the chart mid-drag does not lose it),
 * release calls onZoom with the selected times; a tiny drag is a click and
 * zooms nothing. Escape cancels.
 */
export function useDragZoom(o: {
  fromMs: number;
  toMs: number;
  plotWidthPx: number;
  onZoom?: (from: number, to: number) => void;
}): DragZoom {
  const [store] = useState(() => new DragStore());
  // The latest axis and callback, read when the drag ends: the listeners are not re-made per render.
  const live = useRef(o);
  useEffect(() => {
    live.current = o;
  });
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  const onMouseDown = useCallback(
    (e: ReactMouseEvent<HTMLElement>) => {
      if (e.button !== 0 || !live.current.onZoom) return;
      const left = e.currentTarget.getBoundingClientRect().left;
      const x = e.clientX - left;
      // Text selection would fight the drag.
      e.preventDefault();
      stop.current?.();
      store.set({ x0: x, x1: x });
      const move = (m: MouseEvent) => {
        const d = store.get();
        if (d) store.set({ ...d, x1: m.clientX - left });
      };
      const up = (m: MouseEvent) => {
        const d = store.get();
        end();
        if (!d) return;
        const { fromMs, toMs, plotWidthPx, onZoom } = live.current;
        const r = zoomFromDrag(d.x0, m.clientX - left, { left: plotLeft, width: plotWidthPx }, fromMs, toMs);
        if (r && onZoom) onZoom(r.from, r.to);
      };
      const key = (k: KeyboardEvent) => {
        if (k.key === 'Escape') end();
      };
      function end() {
        window.removeEventListener('mousemove', move);
        window.removeEventListener('mouseup', up);
        window.removeEventListener('keydown', key);
        stop.current = null;
        store.set(null);
      }
      window.addEventListener('mousemove', move);
      window.addEventListener('mouseup', up);
      window.addEventListener('keydown', key);
      stop.current = end;
    },
    [store],
  );

  return { store, onMouseDown };
}
