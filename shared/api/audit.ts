import { z } from 'zod';
import { epochMs, pageLimit, timeInput } from './common';
import { noInput, query, topic } from './define';

export const auditOutcomes = ['started', 'ok', 'error', 'cancelled', 'denied', 'info'] as const;

export const auditEntry = z.object({
  seq: z.number().int().positive(),
  time: epochMs,
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: z.enum(auditOutcomes),
  details: z.record(z.string(), z.unknown()),
  /** seq of the 'started' entry this one completes, if any */
  ref: z.number().int().positive().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditVerifyResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number().int(), head: z.string().nullable() }),
  z.object({
    ok: z.literal(false),
    entries: z.number().int(),
    firstBad: z.object({ seq: z.number().int(), reason: z.string() }),
  }),
]);
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;

export const auditListInput = z
  .object({
    /** return entries with seq strictly below this (newest first paging) */
    before: z.number().int().positive().optional(),
    limit: pageLimit(1000, 200),
    from: timeInput.optional(),
    to: timeInput.optional(),
    /** prefix match: 'workspace.' matches every workspace action */
    action: z.string().max(200).optional(),
    /** substring match */
    target: z.string().max(500).optional(),
    actor: z.string().max(200).optional(),
    outcome: z.enum(auditOutcomes).optional(),
  })
  .strict()
  .default({ limit: 200 });

export const auditApi = {
  'audit.list': query({
    summary: 'Audit entries, newest first, paged and filtered',
    input: auditListInput,
    output: z.object({
      entries: z.array(auditEntry),
      /** pass as `before` to get the next page; null at the end */
      nextBefore: z.number().int().nullable(),
      /** how many entries match the filter in all */
      total: z.number().int(),
    }),
  }),
  'audit.verify': query({
    summary: 'Recompute the hash chain and name the first entry that does not match',
    input: noInput,
    output: auditVerifyResult,
  }),
};

export const auditTopics = {
  'audit.appended': topic({ summary: 'An entry was added to the audit chain', payload: auditEntry }),
};
