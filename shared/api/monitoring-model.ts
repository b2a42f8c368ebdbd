import { z } from 'zod';
import { epochMs } from './common';

/**
 * Shapes shared by every part of the monitoring contract: where a query runs,
 * a time range, a series as it crosses to the renderer.
 */

/** Where an expression is evaluated: a saved Prometheus datasource, or the workspace's own series. */
export const querySource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('prometheus'), datasourceId: z.string().min(1) }).strict(),
  /** series collected over SSH (or kept with incidents), stored in the workspace */
  z.object({ kind: z.literal('local') }).strict(),
]);
export type QuerySource = z.infer<typeof querySource>;

/**
 * A range as typed in a time picker: relative ("now-6h", "now") or absolute
 * (epoch ms as a string, or ISO-8601). Resolved in main against its clock.
 */
export const timeText = z.string().trim().min(1).max(64);
export const timeRange = z.object({ from: timeText, to: timeText }).strict();
export type TimeRange = z.infer<typeof timeRange>;

/** Label set of a series; Prometheus label names and values. */
export const labels = z.record(z.string(), z.string());
export type Labels = z.infer<typeof labels>;

/**
 * One series after downsampling. `v` is null at a gap (no sample, or a stale
 * marker): charts break the line there instead of drawing zero.
 */
export const seriesData = z.object({
  labels,
  /** legend text: the query's legend template applied, or the series' selector */
  name: z.string(),
  t: z.array(z.number()),
  v: z.array(z.number().nullable()),
  /** samples before downsampling */
  rawPoints: z.number().int().nonnegative(),
});
export type SeriesData = z.infer<typeof seriesData>;

export const units = [
  'none',
  'short',
  'percent', // 0–100
  'percentunit', // 0–1
  'bytes',
  'bytes/s',
  'bits/s',
  'seconds',
  'ms',
  'ops/s',
  'reqps',
  'celsius',
] as const;
export type Unit = (typeof units)[number];

export const comparison = z.enum(['>', '>=', '<', '<=', '==', '!=']);
export type Comparison = z.infer<typeof comparison>;

/** Prometheus/Alertmanager label matcher. */
export const matcher = z
  .object({
    name: z.string().min(1).max(200),
    op: z.enum(['=', '!=', '=~', '!~']),
    value: z.string().max(2000),
  })
  .strict();
export type Matcher = z.infer<typeof matcher>;

export const annotation = z.object({
  /** epoch ms; `end` for a span (a batch run that took minutes) */
  time: epochMs,
  end: epochMs.nullable(),
  kind: z.string(),
  title: z.string(),
  text: z.string(),
  /** audit seq or other id, to open the source */
  ref: z.string(),
});
export type Annotation = z.infer<typeof annotation>;
