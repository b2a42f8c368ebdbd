import { z } from 'zod';
import { epochMs } from './common';
import { mutation, noInput, query } from './define';
import { annotation, labels, querySource, seriesData, timeRange } from './monitoring-model';

// ---------------------------------------------------------------- datasources

/** How Opsroom authenticates to Prometheus. Secrets stay in the vault; only their ids are here. */
export const datasourceAuth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('bearer'), secretId: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('basic'), username: z.string().min(1).max(200), secretId: z.string().min(1) }).strict(),
]);
export type DatasourceAuth = z.infer<typeof datasourceAuth>;

export const datasource = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.literal('prometheus'),
  /** http(s)://host:port[/prefix] as seen from the tunnel's far end when `tunnelVia` is set */
  url: z.string(),
  auth: datasourceAuth,
  /** PEM of a CA to trust for this datasource only (public material, not a secret) */
  caPem: z.string().nullable(),
  /** a host CI whose SSH connection (and its jump chain) carries the traffic; null = direct */
  tunnelVia: z.string().nullable(),
  timeoutMs: z.number().int(),
  /** the datasource panels and the host dashboard use when none is named */
  isDefault: z.boolean(),
  createdAt: epochMs,
  updatedAt: epochMs,
});
export type Datasource = z.infer<typeof datasource>;

export const datasourceInput = z
  .object({
    id: z.string().optional(),
    name: z.string().trim().min(1).max(100),
    url: z.string().trim().min(1).max(2000),
    auth: datasourceAuth.default({ kind: 'none' }),
    caPem: z.string().max(100_000).nullable().default(null),
    tunnelVia: z.string().nullable().default(null),
    timeoutMs: z.number().int().min(500).max(300_000).default(30_000),
    isDefault: z.boolean().default(false),
  })
  .strict();
export type DatasourceInput = z.input<typeof datasourceInput>;

export const datasourceHealth = z.object({
  ok: z.boolean(),
  /** Prometheus version from /api/v1/status/buildinfo when reachable */
  version: z.string().nullable(),
  latencyMs: z.number().nullable(),
  message: z.string(),
});

// ---------------------------------------------------------------- queries

export const rangeQueryInput = z
  .object({
    source: querySource,
    expr: z.string().trim().min(1).max(20_000),
    range: timeRange,
    /** the panel's plot width: the step never gives more than ~1 point per pixel */
    widthPx: z.number().int().min(10).max(20_000).default(1000),
    /** a panel's "min interval" (e.g. the scrape interval), as a duration "15s" */
    minInterval: z.string().max(20).optional(),
    /** legend template, "{{instance}} {{mode}}" */
    legend: z.string().max(500).optional(),
    /** downsampling before the series cross to the renderer: at most ~2 points per pixel column */
    downsample: z.enum(['m4', 'lttb', 'none']).default('m4'),
  })
  .strict();
export type RangeQueryInput = z.input<typeof rangeQueryInput>;

export const rangeQueryResult = z.object({
  series: z.array(seriesData),
  /** the resolved, step-aligned range */
  from: epochMs,
  to: epochMs,
  stepMs: z.number().int().positive(),
  warnings: z.array(z.string()),
  rawPoints: z.number().int().nonnegative(),
  sentPoints: z.number().int().nonnegative(),
  tookMs: z.number(),
});
export type RangeQueryResult = z.infer<typeof rangeQueryResult>;

export const instantSample = z.object({ labels, value: z.number().nullable(), t: epochMs });
export type InstantSample = z.infer<typeof instantSample>;

export const monitoringQueryApi = {
  'monitoring.datasources.list': query({
    summary: 'Saved Prometheus datasources (credentials by vault id only)',
    input: noInput,
    output: z.array(datasource),
  }),
  'monitoring.datasources.save': mutation({
    summary: 'Create or update a Prometheus datasource',
    input: datasourceInput,
    output: datasource,
    auditTarget: (i) => `datasource:${i.name}`,
  }),
  'monitoring.datasources.delete': mutation({
    summary: 'Delete a datasource (panels that use it then show an error naming it)',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ deleted: z.boolean() }),
  }),
  'monitoring.datasources.test': query({
    summary: 'Reach a datasource (through its tunnel, with its credentials) and report its version and latency',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: datasourceHealth,
  }),
  'monitoring.query.range': query({
    summary: 'A range query with the Grafana step rule, downsampled for a panel of the given width',
    input: rangeQueryInput,
    output: rangeQueryResult,
  }),
  'monitoring.query.instant': query({
    summary: 'An instant query at a time (default now)',
    input: z
      .object({ source: querySource, expr: z.string().trim().min(1).max(20_000), time: z.string().max(64).optional() })
      .strict(),
    output: z.object({ samples: z.array(instantSample), warnings: z.array(z.string()) }),
  }),
  'monitoring.labels.names': query({
    summary: 'Label names (for autocompletion), optionally only those of series matching a selector',
    input: z.object({ source: querySource, match: z.string().max(2000).optional() }).strict(),
    output: z.array(z.string()),
  }),
  'monitoring.labels.values': query({
    summary: 'Values of one label (label "__name__" lists metric names)',
    input: z
      .object({ source: querySource, label: z.string().min(1).max(200), match: z.string().max(2000).optional() })
      .strict(),
    output: z.array(z.string()),
  }),
  'monitoring.annotations': query({
    summary: 'Workspace events to draw on charts (audited actions such as batch runs), optionally for one CI',
    input: z
      .object({ range: timeRange, ciId: z.string().optional(), limit: z.number().int().min(1).max(5000).default(500) })
      .strict(),
    output: z.array(annotation),
  }),
};
