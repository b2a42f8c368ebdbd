import { z } from 'zod';
import { ciRef } from './cmdb-model';
import { epochMs, pageLimit } from './common';
import { mutation, noInput, query, topic } from './define';

export const logLevels = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;
export type LogLevel = (typeof logLevels)[number];

/** What is pulled from a host over SSH: the journal (since a cursor) or the new lines of a file. */
export const logSource = z.object({
  id: z.string(),
  ci: ciRef,
  kind: z.enum(['journal', 'file']),
  /** file path for 'file'; for 'journal', a journal directory read with `journalctl --directory` (e.g. a copied journal), or null for the host's own journal */
  path: z.string().nullable(),
  /** journal only: limit to these units (empty = all) */
  units: z.array(z.string()),
  enabled: z.boolean(),
  intervalSec: z.number().int(),
  lastPullAt: epochMs.nullable(),
  lastError: z.string().nullable(),
  /** lines stored from this source */
  lines: z.number().int().nonnegative(),
});
export type LogSource = z.infer<typeof logSource>;

export const logEntry = z.object({
  id: z.number().int(),
  time: epochMs,
  ciId: z.string(),
  host: z.string(),
  /** systemd unit, or the file path for a file source */
  unit: z.string(),
  level: z.enum(logLevels),
  message: z.string(),
  /** the message with matched terms wrapped in \u0001…\u0002 (search only) */
  highlighted: z.string().nullable(),
});
export type LogEntry = z.infer<typeof logEntry>;

export const monitoringLogsApi = {
  'monitoring.logs.sources.list': query({ summary: 'Log sources', input: noInput, output: z.array(logSource) }),
  'monitoring.logs.sources.save': mutation({
    summary: 'Create or update a log source on a host CI',
    input: z
      .object({
        id: z.string().optional(),
        ciId: z.string().min(1),
        kind: z.enum(['journal', 'file']),
        path: z.string().trim().max(4096).nullable().default(null),
        units: z.array(z.string().trim().min(1).max(256)).max(100).default([]),
        enabled: z.boolean().default(true),
        intervalSec: z.number().int().min(2).max(86_400).default(30),
      })
      .strict(),
    output: logSource,
    auditTarget: (i) => `ci:${i.ciId}`,
  }),
  'monitoring.logs.sources.delete': mutation({
    summary: 'Delete a log source (its stored lines stay until retention removes them)',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ deleted: z.boolean() }),
  }),
  'monitoring.logs.pull': mutation({
    summary: 'Pull new lines now from these sources (all enabled when none named)',
    input: z.object({ sourceIds: z.array(z.string()).max(5000).default([]) }).strict(),
    output: z.array(logSource),
  }),
  'monitoring.logs.search': query({
    summary: 'Full-text search of stored log lines with host, unit, level and time filters; newest first',
    input: z
      .object({
        /** FTS5 words and "phrases"; empty lists everything in the filters */
        query: z.string().max(2000).default(''),
        hosts: z.array(z.string()).max(1000).default([]),
        units: z.array(z.string()).max(1000).default([]),
        /** this level and more severe */
        level: z.enum(logLevels).optional(),
        since: z.string().max(64).optional(),
        until: z.string().max(64).optional(),
        beforeId: z.number().int().optional(),
        limit: pageLimit(5000, 500),
      })
      .strict(),
    output: z.object({ entries: z.array(logEntry), total: z.number().int().nonnegative(), tookMs: z.number() }),
  }),
};

export const monitoringLogsTopics = {
  'monitoring.logs.lines': topic({
    summary: 'New log lines stored (live tail)',
    payload: z.object({ sourceId: z.string(), entries: z.array(logEntry) }),
  }),
};
