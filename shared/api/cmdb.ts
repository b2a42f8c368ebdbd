import { z } from 'zod';
import {
  ci,
  ciInput,
  ciPatch,
  ciQuery,
  ciRef,
  ciSortKeys,
  criticalities,
  fieldDef,
  historyEntry,
  lifecycleStatuses,
  relation,
  relationType,
  tag,
} from './cmdb-model';
import { epochMs, pageLimit } from './common';
import { mutation, noInput, query, topic } from './define';
import { job } from './jobs';
import { secretMeta } from './vault';

export const importFormats = ['ansible-ini', 'ansible-yaml', 'ssh-config', 'csv', 'json'] as const;
export type ImportFormat = (typeof importFormats)[number];
export const exportFormats = ['csv', 'json', 'ansible-yaml'] as const;

/** CSV: which column feeds which CI attribute ('fields.KEY' for a custom field, 'ignore' to drop). */
export const csvMapping = z.record(z.string(), z.string().max(80));

export const importOptions = z
  .object({
    /** CSV only: column → target; see cmdb.import.inspect for suggestions */
    mapping: csvMapping.optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    /** applied to every imported CI that does not set them */
    defaults: z
      .object({
        environment: z.string().max(50).optional(),
        ownerTeam: z.string().max(100).optional(),
        status: z.enum(lifecycleStatuses).optional(),
      })
      .strict()
      .default({}),
    /** ssh-config: IdentityFile paths to seal into the vault and attach to their hosts */
    importKeys: z.array(z.string().max(4096)).max(1000).default([]),
  })
  .strict()
  .default({ defaults: {}, importKeys: [] });

const importSource = {
  format: z.enum(importFormats),
  /** the file's text; the renderer reads the file the person picked */
  content: z.string().max(200 * 1024 * 1024),
  /** shown in history and the audit (not read from disk) */
  fileName: z.string().max(255).default(''),
  options: importOptions,
};

export const rowProblem = z.object({ line: z.number().int(), message: z.string(), name: z.string().nullable() });

export const importPreview = z.object({
  format: z.enum(importFormats),
  records: z.number().int(),
  /** what a run would do */
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  relations: z.number().int(),
  errors: z.array(rowProblem),
  /** things reported but not imported: wildcard Host blocks, unsupported directives … */
  notices: z.array(rowProblem),
  /** the first rows as they would be stored */
  sample: z.array(
    z.object({
      line: z.number().int(),
      action: z.enum(['create', 'update', 'unchanged', 'error']),
      type: z.string(),
      name: z.string(),
      environment: z.string().nullable(),
      tags: z.array(z.string()),
      address: z.string().nullable(),
    }),
  ),
  /** ssh-config: private keys named by IdentityFile, offered for import into the vault */
  identityFiles: z.array(
    z.object({ path: z.string(), hosts: z.array(z.string()), exists: z.boolean(), inVault: z.boolean() }),
  ),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const importResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  relations: z.number().int(),
  keysImported: z.number().int(),
  errors: z.array(rowProblem),
});
export type ImportResult = z.infer<typeof importResult>;

export const savedView = z.object({
  id: z.string(),
  name: z.string(),
  query: ciQuery,
  columns: z.array(z.string()),
  sort: z.object({ by: z.string(), dir: z.enum(['asc', 'desc']) }),
  createdAt: epochMs,
});
export type SavedView = z.infer<typeof savedView>;

export const graphResult = z.object({
  root: ciRef,
  nodes: z.array(ciRef.extend({ depth: z.number().int() })),
  edges: z.array(z.object({ id: z.string(), from: z.string(), to: z.string(), type: z.string() })),
  truncated: z.boolean(),
});

const idInput = z.object({ id: z.string().min(1) }).strict();

export const cmdbApi = {
  'cmdb.search': query({
    summary: 'Find CIs by free text and filters; paged by offset for virtualised tables',
    input: z
      .object({
        query: ciQuery.default({
          text: '',
          types: [],
          environments: [],
          statuses: [],
          criticalities: [],
          tags: [],
          fields: [],
        }),
        sort: z
          .object({ by: z.enum(ciSortKeys).default('name'), dir: z.enum(['asc', 'desc']).default('asc') })
          .default({ by: 'name', dir: 'asc' }),
        offset: z.number().int().min(0).default(0),
        limit: pageLimit(2000, 200),
      })
      .strict()
      .default({
        query: { text: '', types: [], environments: [], statuses: [], criticalities: [], tags: [], fields: [] },
        sort: { by: 'name', dir: 'asc' },
        offset: 0,
        limit: 200,
      }),
    output: z.object({ items: z.array(ci), total: z.number().int(), tookMs: z.number() }),
  }),
  'cmdb.facets': query({
    summary: 'Distinct types, environments, teams and tags with counts (for filter pickers)',
    input: noInput,
    output: z.object({
      types: z.array(z.object({ value: z.string(), count: z.number().int() })),
      environments: z.array(z.object({ value: z.string(), count: z.number().int() })),
      teams: z.array(z.object({ value: z.string(), count: z.number().int() })),
      tags: z.array(z.object({ value: z.string(), count: z.number().int() })),
      total: z.number().int(),
    }),
  }),
  'cmdb.ci.get': query({
    summary: 'One CI with its relationships (both ends) and credential metadata',
    input: z.union([idInput, z.object({ name: z.string().min(1) }).strict()]),
    output: z.object({
      ci,
      outgoing: z.array(relation),
      incoming: z.array(relation),
      credential: secretMeta.nullable(),
      jumpHost: ciRef.nullable(),
    }),
  }),
  'cmdb.ci.create': mutation({
    summary: 'Create a CI',
    input: ciInput,
    output: ci,
    auditTarget: (i) => i.name,
  }),
  'cmdb.ci.update': mutation({
    summary: 'Change a CI; refused if someone changed it since `version`',
    input: z.object({ id: z.string().min(1), version: z.number().int(), patch: ciPatch }).strict(),
    output: ci,
  }),
  'cmdb.ci.delete': mutation({
    summary: 'Delete CIs (and their relationships)',
    input: z.object({ ids: z.array(z.string().min(1)).min(1).max(100_000) }).strict(),
    output: z.object({ deleted: z.number().int() }),
    auditTarget: (i) => (i.ids.length === 1 ? i.ids[0]! : `${i.ids.length} CIs`),
  }),
  'cmdb.ci.bulkUpdate': mutation({
    summary: 'Tag, untag or set common attributes on many CIs at once',
    input: z
      .object({
        ids: z.array(z.string().min(1)).min(1).max(100_000),
        addTags: z.array(tag).max(50).default([]),
        removeTags: z.array(z.string()).max(50).default([]),
        set: z
          .object({
            environment: z.string().trim().toLowerCase().max(50).nullable().optional(),
            status: z.enum(lifecycleStatuses).optional(),
            criticality: z.enum(criticalities).nullable().optional(),
            ownerTeam: z.string().trim().max(100).nullable().optional(),
            ownerPerson: z.string().trim().max(100).nullable().optional(),
          })
          .strict()
          .default({}),
      })
      .strict(),
    output: z.object({ updated: z.number().int() }),
    auditTarget: (i) => `${i.ids.length} CIs`,
  }),
  'cmdb.fields.list': query({
    summary: 'Custom field definitions',
    input: noInput,
    output: z.object({ fields: z.array(fieldDef) }),
  }),
  'cmdb.fields.define': mutation({
    summary: 'Add or change a custom field definition',
    input: fieldDef.strict(),
    output: fieldDef,
    auditTarget: (i) => i.key,
  }),
  'cmdb.relations.types': query({
    summary: 'Relationship types and how failure travels along each',
    input: noInput,
    output: z.object({ types: z.array(relationType) }),
  }),
  'cmdb.relations.add': mutation({
    summary: 'Relate two CIs (from → to)',
    input: z.object({ from: z.string().min(1), to: z.string().min(1), type: z.string().min(1).max(40) }).strict(),
    output: relation,
    auditTarget: (i) => `${i.from} ${i.type} ${i.to}`,
  }),
  'cmdb.relations.remove': mutation({
    summary: 'Remove a relationship',
    input: idInput,
    output: z.object({ removed: z.string() }),
  }),
  'cmdb.graph': query({
    summary: 'Upstream (what it depends on) and/or downstream (what depends on it) to a depth',
    input: z
      .object({
        id: z.string().min(1),
        direction: z.enum(['upstream', 'downstream', 'both']).default('both'),
        depth: z.number().int().min(1).max(10).default(2),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    output: graphResult,
  }),
  'cmdb.blastRadius': query({
    summary:
      'Everything that may be impacted if this CI fails (follows each relationship type’s impact direction, cycles tolerated)',
    input: z
      .object({
        id: z.string().min(1),
        maxDepth: z.number().int().min(1).max(50).default(20),
        limit: z.number().int().min(1).max(100_000).default(10_000),
      })
      .strict(),
    output: z.object({
      root: ciRef,
      impacted: z.array(ciRef.extend({ depth: z.number().int(), via: z.string() })),
      total: z.number().int(),
      truncated: z.boolean(),
    }),
  }),
  'cmdb.history': query({
    summary: 'Changes to one CI, or to all, newest first',
    input: z
      .object({ id: z.string().optional(), before: z.number().int().optional(), limit: pageLimit(1000, 100) })
      .strict()
      .default({ limit: 100 }),
    output: z.object({ entries: z.array(historyEntry), nextBefore: z.number().int().nullable() }),
  }),
  'cmdb.views.list': query({
    summary: 'Saved inventory views',
    input: noInput,
    output: z.object({ views: z.array(savedView) }),
  }),
  'cmdb.views.save': mutation({
    summary: 'Save (or overwrite by name) an inventory view',
    input: z
      .object({
        name: z.string().trim().min(1).max(100),
        query: ciQuery,
        columns: z.array(z.string().max(80)).max(60).default([]),
        sort: z.object({ by: z.string(), dir: z.enum(['asc', 'desc']) }).default({ by: 'name', dir: 'asc' }),
      })
      .strict(),
    output: savedView,
  }),
  'cmdb.views.delete': mutation({
    summary: 'Delete a saved view',
    input: idInput,
    output: z.object({ removed: z.string() }),
  }),
  'cmdb.import.inspect': query({
    summary: 'CSV: the columns, a few rows and a suggested mapping',
    input: z
      .object({ content: z.string().max(200 * 1024 * 1024), delimiter: z.enum([',', ';', '\t', '|']).optional() })
      .strict(),
    output: z.object({
      delimiter: z.string(),
      columns: z.array(z.string()),
      rows: z.array(z.array(z.string())),
      suggested: csvMapping,
      /** every target a column can map to */
      targets: z.array(z.string()),
    }),
  }),
  'cmdb.import.preview': query({
    summary: 'Dry run: parse and compare with the inventory, listing per-row errors; writes nothing',
    input: z.object(importSource).strict(),
    output: importPreview,
  }),
  'cmdb.import.run': mutation({
    summary: 'Import as a background job (all-or-nothing, or skipping bad rows)',
    input: z
      .object({ ...importSource, mode: z.enum(['all-or-nothing', 'skip-bad-rows']).default('all-or-nothing') })
      .strict(),
    output: job,
    sensitive: ['content'],
    auditTarget: (i) => i.fileName || i.format,
  }),
  'cmdb.export': query({
    summary: 'Export CIs matching a query as CSV, JSON (round-trips exactly) or an Ansible YAML inventory',
    input: z.object({ format: z.enum(exportFormats), query: ciQuery.optional() }).strict(),
    output: z.object({ fileName: z.string(), content: z.string(), count: z.number().int() }),
  }),
};

export const cmdbTopics = {
  'cmdb.changed': topic({
    summary: 'CIs or relationships changed (ids are capped; `all` means reload)',
    payload: z.object({ ids: z.array(z.string()), all: z.boolean() }),
  }),
};
