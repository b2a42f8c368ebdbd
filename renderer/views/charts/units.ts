import type { Unit } from '../../../shared/api/monitoring-model';

/**
 * Values as a panel shows them: on axes, in legends, in stat and gauge
 * panels, in tables. Never throws — an axis formatter that throws takes the
 * whole chart down — and spells the awkward values the way Prometheus does
 * (NaN, +Inf, -Inf); a missing value (null) is an em dash.
 */

interface Scale {
  readonly factor: number;
  readonly suffix: string;
}

const iec = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
const bytesScales: Scale[] = iec.map((s, i) => ({ factor: 1024 ** i, suffix: ` ${s}` }));
const bytesRateScales: Scale[] = iec.map((s, i) => ({ factor: 1024 ** i, suffix: ` ${s}/s` }));
const bitsScales: Scale[] = ['b/s', 'kb/s', 'Mb/s', 'Gb/s', 'Tb/s', 'Pb/s', 'Eb/s'].map((s, i) => ({
  factor: 1000 ** i,
  suffix: ` ${s}`,
}));
const shortPrefixes = ['', 'k', 'M', 'G', 'T'];
const shortScales = (unit: string): Scale[] =>
  shortPrefixes.map((p, i) => ({ factor: 1000 ** i, suffix: p ? `${p}${unit}` : unit }));
const plainShort = shortScales('');
const opsScales = shortScales(' ops/s');
const reqScales = shortScales(' req/s');

// Durations step up through the units a person reads, not powers of 1000.
const durationScales: Scale[] = [
  { factor: 1e-9, suffix: ' ns' },
  { factor: 1e-6, suffix: ' µs' },
  { factor: 1e-3, suffix: ' ms' },
  { factor: 1, suffix: ' s' },
  { factor: 60, suffix: ' min' },
  { factor: 3600, suffix: ' h' },
  { factor: 86_400, suffix: ' d' },
];

/** The largest scale whose factor the magnitude reaches (the first one below it all). */
function pickScale(abs: number, scales: readonly Scale[]): Scale {
  let chosen = scales[0];
  for (const s of scales) if (abs >= s.factor) chosen = s;
  return chosen;
}

function trimZeros(s: string): string {
  return s.includes('.') && !s.includes('e') ? s.replace(/\.?0+$/, '') : s;
}

/** About three significant figures, trailing zeros dropped: 123, 12.3, 1.23, 0.0123. */
function autoNumber(x: number): string {
  const abs = Math.abs(x);
  if (abs === 0) return '0';
  if (abs >= 100) return x.toFixed(0);
  if (abs >= 10) return trimZeros(x.toFixed(1));
  if (abs >= 1) return trimZeros(x.toFixed(2));
  if (abs >= 0.001) return trimZeros(x.toPrecision(3));
  return x.toExponential(2);
}

function fixed(x: number, decimals: number | null | undefined): string {
  if (decimals === null || decimals === undefined || !Number.isFinite(decimals)) return autoNumber(x);
  // toFixed throws outside 0..100; more than 10 decimals is noise on a chart anyway.
  return x.toFixed(Math.min(10, Math.max(0, Math.round(decimals))));
}

function scaled(v: number, scales: readonly Scale[], decimals: number | null | undefined): string {
  const s = pickScale(Math.abs(v), scales);
  return `${fixed(v / s.factor, decimals)}${s.suffix}`;
}

/** One value in a panel's unit, e.g. 1536 bytes → "1.5 KiB", 0.25 percentunit → "25%". */
export function formatValue(v: number | null | undefined, unit: Unit, decimals?: number | null): string {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'number' || Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  switch (unit) {
    case 'bytes':
      return scaled(v, bytesScales, decimals);
    case 'bytes/s':
      return scaled(v, bytesRateScales, decimals);
    case 'bits/s':
      return scaled(v, bitsScales, decimals);
    case 'percent':
      return `${fixed(v, decimals)}%`;
    case 'percentunit':
      return `${fixed(v * 100, decimals)}%`;
    case 'seconds':
      return v === 0 ? '0 s' : scaled(v, durationScales, decimals);
    case 'ms':
      return v === 0 ? '0 ms' : scaled(v / 1000, durationScales, decimals);
    case 'ops/s':
      return scaled(v, opsScales, decimals);
    case 'reqps':
      return scaled(v, reqScales, decimals);
    case 'celsius':
      return `${fixed(v, decimals)} °C`;
    case 'short':
      return scaled(v, plainShort, decimals);
    case 'none':
    default:
      return fixed(v, decimals);
  }
}
