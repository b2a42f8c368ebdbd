import { z } from 'zod';
import { epochMs, pageLimit } from './common';
import { mutation, noInput, query, topic } from './define';
import { comparison, labels, matcher, querySource } from './monitoring-model';

/** Prometheus's alert states; "resolved" is an inactive alert that has fired (kept in history). */
export const alertStates = ['inactive', 'pending', 'firing'] as const;
export type AlertState = (typeof alertStates)[number];

export const alertRuleInput = z
  .object({
    id: z.string().optional(),
    name: z.string().trim().min(1).max(200),
    source: querySource,
    /** PromQL (or the local selector language); every series it returns is one alert */
    expr: z.string().trim().min(1).max(20_000),
    /** compared against each series' value; null when expr is already a condition ("up == 0") */
    op: comparison.nullable().default(null),
    threshold: z.number().nullable().default(null),
    /** pending this long before firing ("5m"; "0s" fires at once) */
    for: z.string().max(20).default('0s'),
    /** keeps firing this long after the condition clears */
    keepFiringFor: z.string().max(20).default('0s'),
    /** evaluation interval */
    interval: z.string().max(20).default('30s'),
    labels: labels.default({}),
    /** templates: {{ $labels.instance }}, {{ $value }}, {{ humanize $value }} */
    annotations: labels.default({}),
    enabled: z.boolean().default(true),
  })
  .strict();
export type AlertRuleInput = z.input<typeof alertRuleInput>;

export const alertRule = z.object({
  id: z.string(),
  name: z.string(),
  source: querySource,
  expr: z.string(),
  op: comparison.nullable(),
  threshold: z.number().nullable(),
  forMs: z.number().int(),
  keepFiringForMs: z.number().int(),
  intervalMs: z.number().int(),
  labels,
  annotations: labels,
  enabled: z.boolean(),
  lastEvalAt: epochMs.nullable(),
  lastEvalMs: z.number().nullable(),
  /** the last evaluation's error (bad query, datasource down); alerts keep their state meanwhile */
  lastError: z.string().nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
});
export type AlertRule = z.infer<typeof alertRule>;

export const alertInstance = z.object({
  ruleId: z.string(),
  ruleName: z.string(),
  /** stable id of the label set */
  fingerprint: z.string(),
  labels,
  annotations: labels,
  state: z.enum(alertStates),
  value: z.number().nullable(),
  activeAt: epochMs.nullable(),
  firedAt: epochMs.nullable(),
  /** set on an alert that fired and is no longer active (state 'inactive'); kept ~15 min, as Prometheus does */
  resolvedAt: epochMs.nullable().optional(),
  /** ids of the silences that match it now; a silenced alert still shows */
  silencedBy: z.array(z.string()),
});
export type AlertInstance = z.infer<typeof alertInstance>;

export const alertEvent = z.object({
  id: z.number().int(),
  ruleId: z.string(),
  ruleName: z.string(),
  fingerprint: z.string(),
  labels,
  from: z.enum([...alertStates, 'resolved']),
  to: z.enum([...alertStates, 'resolved']),
  value: z.number().nullable(),
  at: epochMs,
  silenced: z.boolean(),
});
export type AlertEvent = z.infer<typeof alertEvent>;

export const silence = z.object({
  id: z.string(),
  matchers: z.array(matcher),
  startsAt: epochMs,
  endsAt: epochMs,
  comment: z.string(),
  createdBy: z.string(),
  createdAt: epochMs,
  state: z.enum(['pending', 'active', 'expired']),
});
export type Silence = z.infer<typeof silence>;

export const monitoringAlertsApi = {
  'monitoring.alerts.rules.list': query({ summary: 'Alert rules', input: noInput, output: z.array(alertRule) }),
  'monitoring.alerts.rules.save': mutation({
    summary: 'Create or update an alert rule (the expression is checked before it is saved)',
    input: alertRuleInput,
    output: alertRule,
    auditTarget: (i) => `alert-rule:${i.name}`,
  }),
  'monitoring.alerts.rules.delete': mutation({
    summary: 'Delete an alert rule and resolve its alerts',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ deleted: z.boolean() }),
  }),
  'monitoring.alerts.evaluate': mutation({
    summary: 'Evaluate rules now instead of at their next interval (all when none named)',
    input: z.object({ ruleIds: z.array(z.string()).max(1000).default([]) }).strict(),
    output: z.array(alertInstance),
  }),
  'monitoring.alerts.active': query({
    summary: 'Pending and firing alerts now, silenced ones marked',
    input: noInput,
    output: z.array(alertInstance),
  }),
  'monitoring.alerts.history': query({
    summary: 'State transitions, newest first',
    input: z
      .object({
        ruleId: z.string().optional(),
        since: epochMs.optional(),
        beforeId: z.number().int().optional(),
        limit: pageLimit(5000, 200),
      })
      .strict(),
    output: z.array(alertEvent),
  }),
  'monitoring.silences.list': query({
    summary: 'Silences (pending, active and expired)',
    input: noInput,
    output: z.array(silence),
  }),
  'monitoring.silences.create': mutation({
    summary: 'Silence alerts whose labels match every matcher, from start to end',
    input: z
      .object({
        matchers: z.array(matcher).min(1).max(50),
        startsAt: epochMs.optional(),
        endsAt: epochMs,
        comment: z.string().trim().min(1).max(2000),
      })
      .strict(),
    output: silence,
    auditTarget: (i) => `silence:${i.matchers.map((m) => `${m.name}${m.op}"${m.value}"`).join(',')}`,
  }),
  'monitoring.silences.expire': mutation({
    summary: 'End a silence now',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: silence,
  }),
};

export const monitoringAlertsTopics = {
  'monitoring.alerts.transition': topic({ summary: 'An alert changed state', payload: alertEvent }),
};
