import type { ReactElement } from 'react';
import { ReferenceArea, ReferenceLine } from 'recharts';
import type { Annotation } from '../../../shared/api/monitoring-model';
import { tooltipTime } from './time-axis';

/** Annotation colour: audited actions amber, anything else (changes, chaos runs later) violet. */
const colorOf = (kind: string) => (kind.startsWith('audit') || kind.startsWith('batch') ? '#f08c00' : '#9c36b5');

const hoverText = (a: Annotation, fromMs: number, toMs: number) =>
  [
    a.title,
    a.end !== null
      ? `${tooltipTime(a.time, fromMs, toMs)} → ${tooltipTime(a.end, fromMs, toMs)}`
      : tooltipTime(a.time, fromMs, toMs),
    a.text,
  ]
    .filter(Boolean)
    .join('\n');

interface LineShape {
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
}

interface RectShape {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

/**
 * Annotations on a chart: a dashed vertical line for an instant, a shaded
 * band for a span, with a small flag at the top; hovering the mark shows
 * its title, time and text (SVG <title>, so no extra tooltip state).
 * Returned as an array of recharts children.
 */
export function annotationMarks(annotations: readonly Annotation[], fromMs: number, toMs: number): ReactElement[] {
  const out: ReactElement[] = [];
  for (const a of annotations) {
    const end = a.end ?? a.time;
    if (end < fromMs || a.time > toMs) continue;
    const color = colorOf(a.kind);
    const title = hoverText(a, fromMs, toMs);
    if (a.end !== null && a.end > a.time) {
      out.push(
        <ReferenceArea
          key={`ann-${a.ref}-${a.time}`}
          x1={Math.max(a.time, fromMs)}
          x2={Math.min(a.end, toMs)}
          ifOverflow="hidden"
          shape={(s: RectShape) => (
            <g className="opsroom-annotation" data-ref={a.ref}>
              <rect x={s.x} y={s.y} width={s.width} height={s.height} fill={color} fillOpacity={0.1} />
              <rect x={s.x} y={s.y} width={s.width} height={4} fill={color} />
              <title>{title}</title>
            </g>
          )}
        />,
      );
      continue;
    }
    out.push(
      <ReferenceLine
        key={`ann-${a.ref}-${a.time}`}
        x={a.time}
        shape={(s: LineShape) => {
          const x = s.x1 ?? 0;
          const top = Math.min(s.y1 ?? 0, s.y2 ?? 0);
          return (
            <g className="opsroom-annotation" data-ref={a.ref}>
              <line x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} stroke={color} strokeDasharray="3 3" />
              <path d={`M${x - 4},${top}L${x + 4},${top}L${x},${top + 6}Z`} fill={color} />
              {/* A wide transparent stroke: a 1px line is too thin to hover. */}
              <line x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} stroke="transparent" strokeWidth={8} />
              <title>{title}</title>
            </g>
          );
        }}
      />,
    );
  }
  return out;
}
