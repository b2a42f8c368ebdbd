/**
 * SVG geometry for the small panels: the stat panel's sparkline and the
 * gauge's arcs. Plain path strings, so they are cheap to draw and to test.
 */

/**
 * A sparkline path over w×h: x by time, y by value (higher is up), a new
 * subpath after every gap so a missing stretch is not drawn as a slope.
 * Empty when there is nothing to draw.
 */
export function sparklinePath(t: readonly number[], v: readonly (number | null)[], w: number, h: number): string {
  let t0 = Infinity;
  let t1 = -Infinity;
  let lo = Infinity;
  let hi = -Infinity;
  const n = Math.min(t.length, v.length);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x) || !Number.isFinite(t[i])) continue;
    t0 = Math.min(t0, t[i]);
    t1 = Math.max(t1, t[i]);
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  if (!(t0 <= t1) || !(w > 0) || !(h > 0)) return '';
  const xs = t1 > t0 ? w / (t1 - t0) : 0;
  // A flat series sits in the middle rather than on the edge.
  const ys = hi > lo ? h / (hi - lo) : 0;
  const mid = hi > lo ? 0 : h / 2;
  let d = '';
  let pen = false;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x) || !Number.isFinite(t[i])) {
      pen = false;
      continue;
    }
    const px = (t[i] - t0) * xs;
    const py = hi > lo ? h - (x - lo) * ys : mid;
    d += `${pen ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** Where v sits between min and max, clamped to [0, 1]; 0 for a missing value or an empty scale. */
export function gaugeFraction(v: number | null | undefined, min: number, max: number): number {
  if (typeof v !== 'number' || Number.isNaN(v) || !(max > min)) return 0;
  if (v === Infinity) return 1;
  if (v === -Infinity) return 0;
  return Math.min(1, Math.max(0, (v - min) / (max - min)));
}

/** The gauge's sweep: 240°, open at the bottom. */
export const gaugeStart = -210;
export const gaugeSweep = 240;

/** The point at `deg` (0° = 3 o'clock, counter-clockwise positive as on paper, y down in SVG). */
function polar(cx: number, cy: number, r: number, deg: number): [number, number] {
  const rad = (deg * Math.PI) / 180;
  return [cx + r * Math.cos(rad), cy - r * Math.sin(rad)];
}

/**
 * An arc along the gauge from fraction f0 to f1 (0 = the left end, 1 = the
 * right end, going clockwise over the top), as an SVG path for a stroke.
 */
export function gaugeArc(cx: number, cy: number, r: number, f0: number, f1: number): string {
  const a = Math.min(1, Math.max(0, Math.min(f0, f1)));
  const b = Math.min(1, Math.max(0, Math.max(f0, f1)));
  if (!(b > a) || !(r > 0)) return '';
  // Angles decrease clockwise: the left end is at 210°, the right end at -30°.
  const startDeg = -gaugeStart - a * gaugeSweep;
  const endDeg = -gaugeStart - b * gaugeSweep;
  const [x0, y0] = polar(cx, cy, r, startDeg);
  const [x1, y1] = polar(cx, cy, r, endDeg);
  const large = (b - a) * gaugeSweep > 180 ? 1 : 0;
  return `M${x0.toFixed(2)},${y0.toFixed(2)}A${r},${r} 0 ${large} 1 ${x1.toFixed(2)},${y1.toFixed(2)}`;
}

/** The gauge's scale: the panel's min/max, else 0–100 for percent, 0–1 for a fraction, else 0 to the data's max. */
export function gaugeScale(
  unit: string,
  min: number | null,
  max: number | null,
  values: readonly (number | null)[],
): { min: number; max: number } {
  const lo = min ?? 0;
  if (max !== null && max > lo) return { min: lo, max };
  if (unit === 'percent') return { min: lo, max: Math.max(lo + 1, 100) };
  if (unit === 'percentunit') return { min: lo, max: Math.max(lo + 0.01, 1) };
  let hi = -Infinity;
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) hi = Math.max(hi, v);
  return { min: lo, max: hi > lo ? hi : lo + 1 };
}
