import { z } from 'zod';
import { epochMs } from './common';
import { mutation, noInput, query } from './define';
import { querySource, timeText, units } from './monitoring-model';

export const panelQuery = z
  .object({
    refId: z.string().min(1).max(10),
    /** null: the dashboard's default source */
    source: querySource.nullable().default(null),
    /** may use variables: $host, $instance, ${__interval} */
    expr: z.string().max(20_000),
    legend: z.string().max(500).default(''),
    hidden: z.boolean().default(false),
  })
  .strict();

export const threshold = z
  .object({ value: z.number(), color: z.string().regex(/^(#[0-9a-fA-F]{3,8}|[a-z]+(\.[0-9])?)$/) })
  .strict();

export const panel = z
  .object({
    id: z.string().min(1).max(64),
    title: z.string().max(200),
    type: z.enum(['timeseries', 'stat', 'gauge', 'table']),
    /** 24-column grid */
    grid: z
      .object({
        x: z.number().int().min(0).max(23),
        y: z.number().int().min(0).max(10_000),
        w: z.number().int().min(1).max(24),
        h: z.number().int().min(1).max(100),
      })
      .strict(),
    queries: z.array(panelQuery).max(26),
    unit: z.enum(units).default('short'),
    decimals: z.number().int().min(0).max(10).nullable().default(null),
    min: z.number().nullable().default(null),
    max: z.number().nullable().default(null),
    thresholds: z.array(threshold).max(20).default([]),
    minInterval: z.string().max(20).default(''),
    stacked: z.boolean().default(false),
  })
  .strict();
export type Panel = z.infer<typeof panel>;

export const variable = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
    label: z.string().max(100).default(''),
    /** 'ci': a CI picked from the CMDB (value = CI name; $name_address etc. derived); 'custom': fixed options */
    kind: z.enum(['ci', 'custom']),
    ciType: z.string().max(50).default('host'),
    options: z.array(z.string().max(500)).max(1000).default([]),
    current: z.string().max(500).default(''),
  })
  .strict();

export const dashboardBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().max(5000).default(''),
    tags: z.array(z.string().max(50)).max(50).default([]),
    source: querySource.nullable().default(null),
    variables: z.array(variable).max(20).default([]),
    panels: z.array(panel).max(200),
    range: z.object({ from: timeText, to: timeText }).strict().default({ from: 'now-1h', to: 'now' }),
    /** seconds; 0 = off */
    refreshSec: z.number().int().min(0).max(86_400).default(0),
  })
  .strict();
export type DashboardBody = z.infer<typeof dashboardBody>;

export const dashboard = dashboardBody.extend({
  id: z.string(),
  /** generated (the host dashboard), never stored */
  builtIn: z.boolean(),
  createdAt: epochMs,
  updatedAt: epochMs,
});
export type Dashboard = z.infer<typeof dashboard>;

export const dashboardSummary = z.object({
  id: z.string(),
  title: z.string(),
  tags: z.array(z.string()),
  panels: z.number().int(),
  updatedAt: epochMs,
});

export const monitoringDashboardsApi = {
  'monitoring.dashboards.list': query({
    summary: 'Saved dashboards',
    input: noInput,
    output: z.array(dashboardSummary),
  }),
  'monitoring.dashboards.get': query({
    summary: 'One dashboard',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: dashboard,
  }),
  'monitoring.dashboards.host': query({
    summary: 'The built-in dashboard of a host CI (CPU, memory, load, disk, network, filesystems) from what feeds it',
    input: z.object({ ciId: z.string().min(1) }).strict(),
    output: dashboard,
  }),
  'monitoring.dashboards.save': mutation({
    summary: 'Create or update a dashboard',
    input: dashboardBody.extend({ id: z.string().optional() }).strict(),
    output: dashboard,
    auditTarget: (i) => `dashboard:${i.title}`,
  }),
  'monitoring.dashboards.delete': mutation({
    summary: 'Delete a dashboard',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ deleted: z.boolean() }),
  }),
  'monitoring.dashboards.import': mutation({
    summary: 'Import a dashboard from its exported JSON (every field checked; a bad file changes nothing)',
    input: z.object({ json: z.string().min(2).max(5_000_000), overwrite: z.boolean().default(false) }).strict(),
    output: dashboard,
    // The file itself is not kept in the audit chain (up to 5 MB); its title names the act.
    sensitive: ['json'],
    auditTarget: (i) => `dashboard:${importedTitle(i.json)}`,
  }),
  'monitoring.dashboards.export': query({
    summary: 'A dashboard as portable JSON',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ fileName: z.string(), json: z.string() }),
  }),
};

/** The title inside an export file, for the audit entry; never throws. */
function importedTitle(json: string): string {
  try {
    const t = (JSON.parse(json) as { dashboard?: { title?: unknown } }).dashboard?.title;
    return typeof t === 'string' ? t.slice(0, 200) : 'file';
  } catch {
    return 'file';
  }
}
