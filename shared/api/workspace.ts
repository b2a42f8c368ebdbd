import { z } from 'zod';
import { epochMs } from './common';
import { mutation, noInput, query, topic } from './define';
import { job } from './jobs';

export const snapshotReasons = ['manual', 'scheduled', 'pre-migration', 'pre-restore'] as const;

export const snapshot = z.object({
  /** the snapshot's file name; the only handle the renderer gets */
  id: z.string(),
  sizeBytes: z.number().int(),
  createdAt: epochMs,
  reason: z.enum(snapshotReasons),
  label: z.string().nullable(),
  schemaVersion: z.number().int().nullable(),
});
export type Snapshot = z.infer<typeof snapshot>;

export const workspaceInfo = z.object({
  path: z.string(),
  snapshotDir: z.string(),
  sizeBytes: z.number().int(),
  walBytes: z.number().int(),
  schemaVersion: z.number().int(),
  appSchemaVersion: z.number().int(),
  readOnly: z.boolean(),
  createdAt: epochMs.nullable(),
  lastSnapshotAt: epochMs.nullable(),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfo>;

export const checkResult = z.object({
  ok: z.boolean(),
  checkedAt: epochMs,
  durationMs: z.number(),
  /** one line per step, e.g. "quick_check: ok" */
  steps: z.array(z.object({ name: z.string(), ok: z.boolean(), message: z.string() })),
});
export type CheckResult = z.infer<typeof checkResult>;

export const workspaceApi = {
  'workspace.info': query({
    summary: 'Where the workspace is, how big, which schema',
    input: noInput,
    output: workspaceInfo,
  }),
  'workspace.check': mutation({
    summary: 'Check the workspace (SQLite integrity, foreign keys, audit chain) as a background job',
    input: z
      .object({ full: z.boolean().default(false) })
      .strict()
      .default({ full: false }),
    output: job,
  }),
  'workspace.snapshots.list': query({
    summary: 'Snapshots of this workspace, newest first',
    input: noInput,
    output: z.object({ snapshots: z.array(snapshot), keep: z.number().int() }),
  }),
  'workspace.snapshots.take': mutation({
    summary: 'Write a consistent copy of the workspace (VACUUM INTO) beside it',
    input: z
      .object({ label: z.string().max(120).optional() })
      .strict()
      .default({}),
    output: snapshot,
  }),
  'workspace.snapshots.restore': mutation({
    summary: 'Replace the workspace with a snapshot; a safety snapshot of the current state is taken first',
    input: z.object({ id: z.string().min(1).max(255) }).strict(),
    output: z.object({ restored: snapshot, safety: snapshot }),
  }),
};

export const workspaceTopics = {
  'workspace.restored': topic({
    summary: 'The workspace was replaced by a snapshot: every view and cached list should read it again',
    payload: z.object({ snapshotId: z.string(), at: epochMs }),
  }),
};
