import { useCallback, useEffect, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { plotLeft } from './layout';
import { pxToTime, zoomFromDrag, type PlotBox } from './zoom';

export interface DragZoom {
  /** the selection being dragged, in axis time, to draw as a ReferenceArea */
  selection: { from: number; to: number } | null;
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
  const [drag, setDragState] = useState<{ x0: number; x1: number } | null>(null);
  // The same drag in a ref: the window listeners read it without re-subscribing on every move.
  const dragRef = useRef<{ x0: number; x1: number } | null>(null);
  const setDrag = (d: { x0: number; x1: number } | null) => {
    dragRef.current = d;
    setDragState(d);
  };
  const live = useRef({ ...o, left: 0 });
  live.current = { ...o, left: live.current.left };
  const box: PlotBox = { left: plotLeft, width: o.plotWidthPx };

  const onMouseDown = useCallback((e: ReactMouseEvent<HTMLElement>) => {
    if (e.button !== 0 || !live.current.onZoom) return;
    const left = e.currentTarget.getBoundingClientRect().left;
    live.current.left = left;
    const x = e.clientX - left;
    // Text selection would fight the drag.
    e.preventDefault();
    setDrag({ x0: x, x1: x });
  }, []);

  const dragging = drag !== null;
  useEffect(() => {
    if (!dragging) return;
    const move = (e: MouseEvent) => {
      if (dragRef.current) setDrag({ ...dragRef.current, x1: e.clientX - live.current.left });
    };
    const up = (e: MouseEvent) => {
      const d = dragRef.current;
      setDrag(null);
      if (!d) return;
      const { fromMs, toMs, plotWidthPx, onZoom, left } = live.current;
      const r = zoomFromDrag(d.x0, e.clientX - left, { left: plotLeft, width: plotWidthPx }, fromMs, toMs);
      if (r && onZoom) onZoom(r.from, r.to);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setDrag(null);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    window.addEventListener('keydown', key);
    return () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      window.removeEventListener('keydown', key);
    };
  }, [dragging]);

  const selection =
    drag && Math.abs(drag.x1 - drag.x0) >= 1
      ? {
          from: pxToTime(Math.min(drag.x0, drag.x1), box, o.fromMs, o.toMs),
          to: pxToTime(Math.max(drag.x0, drag.x1), box, o.fromMs, o.toMs),
        }
      : null;
  return { selection, onMouseDown };
}
