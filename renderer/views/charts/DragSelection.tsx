import { useSyncExternalStore } from 'react';
import type { DragStore } from './use-drag-zoom';

interface Props {
  store: DragStore;
  /** the plot area, px from the chart's top-left */
  left: number;
  width: number;
  top: number;
  height: number;
  color: string;
}

/**
 * The band a drag selects, drawn over the chart. It alone re-renders while
 * the pointer moves; it takes no pointer events, so hover and the shared
 * crosshair keep working underneath.
 */
export function DragSelection({ store, left, width, top, height, color }: Props) {
  const drag = useSyncExternalStore(store.subscribe, store.get);
  if (!drag || Math.abs(drag.x1 - drag.x0) < 1) return null;
  const clamp = (x: number) => Math.min(left + width, Math.max(left, x));
  const a = clamp(Math.min(drag.x0, drag.x1));
  const b = clamp(Math.max(drag.x0, drag.x1));
  return (
    <div
      className="opsroom-zoom-selection"
      style={{
        position: 'absolute',
        left: a,
        width: b - a,
        top,
        height,
        background: color,
        opacity: 0.15,
        pointerEvents: 'none',
      }}
    />
  );
}
