import { checkSeries, type Series } from '../downsample/series';
import type { MatrixSeries, Sample } from './prometheus-schemas';

/**
 * From Prometheus's string samples to chart numbers. Kept apart from parsing so
 * tables and tooltips can show the server's exact text while charts get
 * Float64Arrays for the downsamplers.
 */

/** "NaN", "+Inf", "-Inf" and decimals to a number (the schema already checked the shape). */
export function sampleValueToNumber(text: string): number {
  if (text === 'NaN') return NaN;
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** Prometheus timestamps are float seconds; charts use integer milliseconds. */
export function timestampToMs(sec: number): number {
  return Math.round(sec * 1000);
}

/**
 * One matrix series as a Series (see series.ts). NaN and ±Inf become gaps
 * there, which is what a chart should do with them. Throws OpsError('bad_input')
 * if the server sent samples out of time order.
 */
export function matrixSeriesToSeries(series: MatrixSeries): Series {
  const n = series.values.length;
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s: Sample = series.values[i];
    t[i] = timestampToMs(s[0]);
    v[i] = sampleValueToNumber(s[1]);
  }
  return checkSeries({ t, v });
}
