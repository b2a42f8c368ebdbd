import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The width of an element, kept current with a ResizeObserver. Settles
 * before reporting while a panel is being resized, so a dragged splitter does
 * not send a query per pixel; the first measurement is immediate.
 */
export function useElementWidth(settleMs = 200): { ref: (el: HTMLElement | null) => void; width: number } {
  const [width, setWidth] = useState(0);
  const [el, setEl] = useState<HTMLElement | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ref = useCallback((node: HTMLElement | null) => setEl(node), []);

  useEffect(() => {
    if (!el) return;
    setWidth(Math.floor(el.getBoundingClientRect().width));
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[entries.length - 1]?.contentRect.width ?? 0);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setWidth(w), settleMs);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      clearTimeout(timer.current);
    };
  }, [el, settleMs]);

  return { ref, width };
}
