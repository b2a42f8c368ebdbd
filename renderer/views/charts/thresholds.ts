/**
 * Threshold colours and the palette. A threshold's colour is a hex value or a
 * Mantine colour name, optionally with a shade (`red`, `orange.7`); SVG
 * presentation attributes cannot read CSS variables, so names are resolved to
 * hex against the theme here.
 */

export interface ThresholdIn {
  value: number;
  color: string;
}

/**
 * The threshold a value has reached: the one with the highest value ≤ v
 * (Grafana's step rule). Null below every threshold, or for a missing value.
 */
export function pickThreshold<T extends ThresholdIn>(v: number | null | undefined, thresholds: readonly T[]): T | null {
  if (typeof v !== 'number' || Number.isNaN(v)) return null;
  let best: T | null = null;
  for (const t of thresholds) {
    if (!Number.isFinite(t.value) || t.value > v) continue;
    if (best === null || t.value >= best.value) best = t;
  }
  return best;
}

/** Mantine's default shade for a bare colour name in the light scheme. */
export const defaultShade = 6;

/** `#abc` as is; `red` / `red.7` from the palette; anything else passed through for the browser to read. */
export function resolveColor(color: string, palette: Readonly<Record<string, readonly string[]>>): string {
  if (color.startsWith('#')) return color;
  const m = /^([a-z]+)(?:\.(\d))?$/.exec(color);
  if (!m) return color;
  const shades = palette[m[1]];
  if (!shades) return m[1];
  const shade = m[2] === undefined ? defaultShade : Number(m[2]);
  return shades[shade] ?? shades[defaultShade] ?? m[1];
}

/** Grafana's classic series colours: distinct on light and dark backgrounds. */
export const seriesPalette = [
  '#7EB26D',
  '#EAB839',
  '#6ED0E0',
  '#EF843C',
  '#E24D42',
  '#1F78C1',
  '#BA43A9',
  '#705DA0',
  '#508642',
  '#CCA300',
  '#447EBC',
  '#C15C17',
];

export const seriesColor = (i: number): string =>
  seriesPalette[((i % seriesPalette.length) + seriesPalette.length) % seriesPalette.length];

/** Threshold bands for a chart: [from, to) in value space with the colour of `from`'s threshold. */
export function thresholdBands(
  thresholds: readonly ThresholdIn[],
): { from: number; to: number | null; color: string }[] {
  const sorted = thresholds.filter((t) => Number.isFinite(t.value)).sort((a, b) => a.value - b.value);
  return sorted.map((t, i) => ({
    from: t.value,
    to: i + 1 < sorted.length ? sorted[i + 1].value : null,
    color: t.color,
  }));
}
