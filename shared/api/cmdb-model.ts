import { z } from 'zod';
import { epochMs } from './common';

/** Built-in CI types; any other lowercase slug is accepted too (the model is extensible). */
export const builtinCiTypes = [
  'host',
  'vm',
  'service',
  'application',
  'database',
  'k8s-cluster',
  'k8s-workload',
  'network-device',
  'backup-repository',
  'site',
  'group',
] as const;

/** CI types that carry connection attributes. */
export const connectableTypes: readonly string[] = ['host', 'vm', 'network-device'];

export const lifecycleStatuses = ['planned', 'staged', 'active', 'maintenance', 'decommissioning', 'retired'] as const;
export const criticalities = ['low', 'medium', 'high', 'critical'] as const;

export const slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'use lowercase letters, digits and dashes, starting with a letter (at most 40)');

export const ciName = z
  .string()
  .trim()
  .min(1, 'a CI needs a name')
  .max(255, 'a CI name is at most 255 characters')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'a CI name cannot contain control characters');

export const tag = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => !/[\s,]/.test(s), 'a tag cannot contain spaces or commas');

/** A custom field's value; dates are ISO dates (YYYY-MM-DD), CI references are CI ids. */
export const fieldValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);
export type FieldValue = z.infer<typeof fieldValue>;

export const fieldTypes = ['text', 'number', 'boolean', 'date', 'select', 'url', 'ci-ref'] as const;
export type FieldType = (typeof fieldTypes)[number];

export const fieldDef = z.object({
  key: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'field keys are letters, digits, _ . - (at most 64)'),
  label: z.string().min(1).max(100),
  type: z.enum(fieldTypes),
  /** select: the allowed values */
  options: z.array(z.string().min(1).max(100)).max(200).default([]),
  /** CI types this field applies to; empty = all */
  appliesTo: z.array(slug).default([]),
});
export type FieldDef = z.infer<typeof fieldDef>;

export const connection = z.object({
  address: z.string().trim().max(255).nullable(),
  port: z.number().int().min(1).max(65535).nullable(),
  user: z.string().trim().max(64).nullable(),
  /** vault secret id */
  credentialId: z.string().nullable(),
  /** the CI id of the jump host (ProxyJump); chains follow the jump host's own jumpHostId */
  jumpHostId: z.string().nullable(),
});
export type Connection = z.infer<typeof connection>;

export const ci = z.object({
  id: z.string(),
  type: slug,
  name: z.string(),
  description: z.string(),
  ownerTeam: z.string().nullable(),
  ownerPerson: z.string().nullable(),
  environment: z.string().nullable(),
  status: z.enum(lifecycleStatuses),
  criticality: z.enum(criticalities).nullable(),
  tags: z.array(z.string()),
  fields: z.record(z.string(), fieldValue),
  connection: connection.nullable(),
  createdAt: epochMs,
  updatedAt: epochMs,
  /** bumped on every change; updates must name the version they started from */
  version: z.number().int(),
});
export type Ci = z.infer<typeof ci>;

/** What a person writes when creating a CI (ids and times are the service's). */
export const ciInput = z
  .object({
    type: slug,
    name: ciName,
    description: z.string().max(10_000).default(''),
    ownerTeam: z.string().trim().max(100).nullable().default(null),
    ownerPerson: z.string().trim().max(100).nullable().default(null),
    environment: z.string().trim().toLowerCase().max(50).nullable().default(null),
    status: z.enum(lifecycleStatuses).default('active'),
    criticality: z.enum(criticalities).nullable().default(null),
    tags: z.array(tag).max(100).default([]),
    fields: z.record(z.string(), fieldValue).default({}),
    connection: connection.partial().nullable().default(null),
  })
  .strict();
export type CiInput = z.input<typeof ciInput>;

/**
 * A change to a CI: only the keys present change. (ciInput.partial() would
 * still fill every absent key with its default, so a patch of { name } would
 * reset tags, fields and the rest.)
 */
export const ciPatch = z
  .object({
    type: slug,
    name: ciName,
    description: z.string().max(10_000),
    ownerTeam: z.string().trim().max(100).nullable(),
    ownerPerson: z.string().trim().max(100).nullable(),
    environment: z.string().trim().toLowerCase().max(50).nullable(),
    status: z.enum(lifecycleStatuses),
    criticality: z.enum(criticalities).nullable(),
    tags: z.array(tag).max(100),
    fields: z.record(z.string(), fieldValue),
    connection: connection.partial().nullable(),
  })
  .partial()
  .strict();
export type CiPatch = z.infer<typeof ciPatch>;

export const ciRef = z.object({ id: z.string(), name: z.string(), type: z.string() });
export type CiRef = z.infer<typeof ciRef>;

export const builtinRelationTypes = [
  'depends_on',
  'runs_on',
  'hosted_in',
  'member_of',
  'backs_up',
  'connects_to',
] as const;

/**
 * How a failure travels along a relationship, for blast radius:
 * 'to-source' — if the target fails, the source is impacted (A depends_on B: B down → A down);
 * 'to-target' — if the source fails, the target is impacted (A backs_up B: A down → B unprotected);
 * 'both'; 'none'.
 */
export const impactDirections = ['to-source', 'to-target', 'both', 'none'] as const;

export const relationType = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  /** how it reads from the other end: depends_on → "required by" */
  inverseLabel: z.string().max(60),
  impact: z.enum(impactDirections),
  builtin: z.boolean(),
});
export type RelationType = z.infer<typeof relationType>;

export const relation = z.object({
  id: z.string(),
  type: z.string(),
  from: ciRef,
  to: ciRef,
  createdAt: epochMs,
});
export type Relation = z.infer<typeof relation>;

export const historyEntry = z.object({
  id: z.number().int(),
  ciId: z.string(),
  ciName: z.string(),
  time: epochMs,
  actor: z.string(),
  requestId: z.string(),
  op: z.enum(['create', 'update', 'delete', 'relate', 'unrelate']),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  /** the audit entry this change belongs to */
  auditSeq: z.number().int().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const fieldFilter = z.object({
  key: z.string().min(1).max(64),
  op: z.enum(['eq', 'neq', 'contains', 'gt', 'lt', 'exists']),
  value: fieldValue.optional(),
});

/** One search: free text (FTS5) and structured filters, ANDed together. */
export const ciQuery = z
  .object({
    text: z.string().max(500).default(''),
    types: z.array(slug).max(50).default([]),
    environments: z.array(z.string().max(50)).max(50).default([]),
    statuses: z.array(z.enum(lifecycleStatuses)).default([]),
    criticalities: z.array(z.enum(criticalities)).default([]),
    /** every listed tag must be present */
    tags: z.array(z.string().max(100)).max(50).default([]),
    ownerTeam: z.string().max(100).optional(),
    ownerPerson: z.string().max(100).optional(),
    fields: z.array(fieldFilter).max(20).default([]),
  })
  .strict();
export type CiQuery = z.input<typeof ciQuery>;

export const ciSortKeys = ['name', 'type', 'environment', 'status', 'criticality', 'updatedAt', 'ownerTeam'] as const;
