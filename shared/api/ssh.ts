import { z } from 'zod';
import { ciQuery, ciRef } from './cmdb-model';
import { epochMs, pageLimit } from './common';
import { mutation, noInput, query, sessionInput, topic } from './define';

// ---------------------------------------------------------------- host keys

export const knownHost = z.object({
  id: z.string(),
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  /** SHA256:… exactly as ssh-keygen -l prints it */
  fingerprint: z.string(),
  acceptedBy: z.string(),
  acceptedAt: epochMs,
  source: z.enum(['prompt', 'import', 'replace']),
  /** a revoked key is never accepted again (known_hosts @revoked) */
  revoked: z.boolean(),
  comment: z.string(),
});
export type KnownHost = z.infer<typeof knownHost>;

export const pendingHostKey = z.object({
  id: z.string(),
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  fingerprint: z.string(),
  /** 'changed': a different key than the one on record — possible man-in-the-middle */
  reason: z.enum(['unknown', 'changed']),
  knownFingerprint: z.string().nullable(),
  firstSeenAt: epochMs,
  /** the CIs that wait for this key */
  cis: z.array(ciRef),
});
export type PendingHostKey = z.infer<typeof pendingHostKey>;

// ---------------------------------------------------------------- targets

/** Which hosts a batch runs on; the union of everything given. */
export const targetSelector = z
  .object({
    query: ciQuery.optional(),
    ids: z.array(z.string()).max(100_000).default([]),
    tags: z.array(z.string()).max(50).default([]),
    /** CIs member_of this group CI (by name) */
    group: z.string().max(255).optional(),
  })
  .strict();
export type TargetSelector = z.input<typeof targetSelector>;

// ---------------------------------------------------------------- batch runs

export const hostStates = [
  'queued',
  'connecting',
  'running',
  'ok',
  'failed',
  'timed-out',
  'unreachable',
  'auth-failed',
  'hostkey-held',
  'hostkey-changed',
  'cancelled',
] as const;
export type HostState = (typeof hostStates)[number];

export const hostResult = z.object({
  ci: ciRef,
  address: z.string(),
  state: z.enum(hostStates),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  startedAt: epochMs.nullable(),
  durationMs: z.number().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  /** output beyond the cap was dropped */
  truncated: z.boolean(),
  /** a sentence when it did not end ok: "connection refused on 10.0.0.5:22" */
  error: z.string().nullable(),
  /** file transfers: sha256 of what was pushed or fetched */
  sha256: z.string().nullable(),
});
export type HostResult = z.infer<typeof hostResult>;

export const batchRun = z.object({
  id: z.string(),
  kind: z.enum(['command', 'push', 'fetch']),
  command: z.string(),
  actor: z.string(),
  createdAt: epochMs,
  finishedAt: epochMs.nullable(),
  concurrency: z.number().int(),
  timeoutSec: z.number(),
  jobId: z.string().nullable(),
  counts: z.record(z.enum(hostStates), z.number().int()),
  total: z.number().int(),
});
export type BatchRun = z.infer<typeof batchRun>;

export const outputGroup = z.object({
  /** hosts whose stdout, stderr and exit code were identical */
  hosts: z.array(ciRef),
  state: z.enum(hostStates),
  exitCode: z.number().int().nullable(),
  stdout: z.string(),
  stderr: z.string(),
});

export const snippet = z.object({
  id: z.string(),
  name: z.string(),
  /** {{param}} and {{ci.name}}, {{ci.address}}, {{ci.fields.KEY}} are replaced by shell-quoted values */
  template: z.string(),
  params: z.array(z.object({ name: z.string(), description: z.string(), default: z.string() })),
  updatedAt: epochMs,
});
export type Snippet = z.infer<typeof snippet>;

const runOptions = {
  targets: targetSelector,
  concurrency: z.number().int().min(1).max(500).default(20),
  timeoutSec: z.number().min(1).max(86_400).default(60),
  /** set after the person confirmed the count / production targets the server asked about */
  confirmed: z.boolean().default(false),
};

// ---------------------------------------------------------------- terminals

export const terminalSession = z.object({
  id: z.string(),
  ci: ciRef,
  title: z.string(),
  openedAt: epochMs,
  recording: z.boolean(),
  state: z.enum(['connecting', 'open', 'closed']),
});
export type TerminalSession = z.infer<typeof terminalSession>;

export const sshApi = {
  'ssh.hostkeys.list': query({
    summary: 'Known host keys and the keys waiting for review',
    input: z
      .object({ host: z.string().max(255).optional() })
      .strict()
      .default({}),
    output: z.object({ known: z.array(knownHost), pending: z.array(pendingHostKey) }),
  }),
  'ssh.hostkeys.accept': mutation({
    summary: 'Accept pending host keys once (this run) or for good',
    input: z.object({ ids: z.array(z.string()).min(1).max(10_000), remember: z.boolean() }).strict(),
    output: z.object({ accepted: z.number().int() }),
    auditTarget: (i) => i.ids.join(','),
  }),
  'ssh.hostkeys.reject': mutation({
    summary: 'Reject pending host keys; the hosts waiting for them fail',
    input: z.object({ ids: z.array(z.string()).min(1).max(10_000) }).strict(),
    output: z.object({ rejected: z.number().int() }),
    auditTarget: (i) => i.ids.join(','),
  }),
  'ssh.hostkeys.replace': mutation({
    summary: 'Deliberately replace the recorded key of a host with the one it now presents',
    input: z.object({ pendingId: z.string(), reason: z.string().min(3).max(500) }).strict(),
    output: knownHost,
  }),
  'ssh.hostkeys.remove': mutation({
    summary: 'Forget a known host key',
    input: z.object({ id: z.string() }).strict(),
    output: z.object({ removed: z.string() }),
  }),
  'ssh.hostkeys.import': mutation({
    summary: 'Import an OpenSSH known_hosts file (plain, hashed, [host]:port, @revoked)',
    input: z.object({ content: z.string().max(64 * 1024 * 1024), fileName: z.string().max(255).default('') }).strict(),
    output: z.object({
      imported: z.number().int(),
      skipped: z.number().int(),
      revoked: z.number().int(),
      errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
      unsupported: z.array(z.object({ line: z.number().int(), message: z.string() })),
    }),
    sensitive: ['content'],
    auditTarget: (i) => i.fileName,
  }),
  'ssh.hostkeys.export': query({
    summary: 'The known host keys as an OpenSSH known_hosts file',
    input: z
      .object({ hashed: z.boolean().default(false) })
      .strict()
      .default({ hashed: false }),
    output: z.object({ content: z.string(), count: z.number().int() }),
  }),

  'ssh.test': mutation({
    summary: 'Connect to a host CI and report what happened (auth method, host key, latency)',
    input: z.object({ id: z.string() }).strict(),
    output: z.object({ ok: z.boolean(), state: z.enum(hostStates), message: z.string(), durationMs: z.number() }),
  }),

  'ssh.targets.preview': query({
    summary: 'Which hosts a selector picks, how many are production, and which wait for a host key',
    input: z.object({ targets: targetSelector }).strict(),
    output: z.object({
      total: z.number().int(),
      production: z.number().int(),
      notConnectable: z.number().int(),
      sample: z.array(ciRef.extend({ address: z.string().nullable(), environment: z.string().nullable() })),
    }),
  }),
  'ssh.batch.run': mutation({
    summary: 'Run a command on many hosts (answers confirm_required first when the run is large or touches production)',
    input: z
      .object({
        ...runOptions,
        command: z.string().min(1).max(100_000).optional(),
        snippet: z.object({ id: z.string(), params: z.record(z.string(), z.string()).default({}) }).optional(),
      })
      .strict()
      .refine((i) => Boolean(i.command) !== Boolean(i.snippet), 'give either a command or a snippet'),
    output: batchRun,
    auditTarget: (i) => i.command ?? `snippet ${i.snippet?.id}`,
  }),
  'ssh.files.push': mutation({
    summary: 'Copy a file to many hosts over SFTP, checking its sha256 on each',
    input: z
      .object({
        ...runOptions,
        /** base64 of the file (the renderer read it) */
        content: z.string().max(200 * 1024 * 1024),
        fileName: z.string().max(255),
        remotePath: z.string().min(1).max(4096),
        mode: z.number().int().min(0).max(0o7777).default(0o644),
      })
      .strict(),
    output: batchRun,
    sensitive: ['content'],
    auditTarget: (i) => i.remotePath,
  }),
  'ssh.files.fetch': mutation({
    summary: 'Fetch a file from many hosts over SFTP into a local folder, one file per host, with sha256',
    input: z
      .object({ ...runOptions, remotePath: z.string().min(1).max(4096), localDir: z.string().min(1).max(4096) })
      .strict(),
    output: batchRun,
    auditTarget: (i) => i.remotePath,
  }),
  'ssh.batch.cancel': mutation({
    summary: 'Cancel a whole run, or one host of it',
    input: z.object({ runId: z.string(), ciId: z.string().optional() }).strict(),
    output: batchRun,
  }),
  'ssh.batch.retry': mutation({
    summary: 'Run again on the hosts that did not end ok',
    input: z.object({ runId: z.string(), confirmed: z.boolean().default(false) }).strict(),
    output: batchRun,
  }),
  'ssh.batch.list': query({
    summary: 'Batch runs, newest first',
    input: z
      .object({ limit: pageLimit(500, 50) })
      .strict()
      .default({ limit: 50 }),
    output: z.object({ runs: z.array(batchRun) }),
  }),
  'ssh.batch.get': query({
    summary: 'One run with every host’s state and output',
    input: z.object({ runId: z.string() }).strict(),
    output: z.object({ run: batchRun, hosts: z.array(hostResult), groups: z.array(outputGroup) }),
  }),
  'ssh.batch.export': query({
    summary: 'A run’s results as JSON or CSV',
    input: z.object({ runId: z.string(), format: z.enum(['json', 'csv']) }).strict(),
    output: z.object({ fileName: z.string(), content: z.string() }),
  }),

  'ssh.snippets.list': query({
    summary: 'Saved command snippets',
    input: noInput,
    output: z.object({ snippets: z.array(snippet) }),
  }),
  'ssh.snippets.save': mutation({
    summary: 'Save a snippet (by name)',
    input: z
      .object({
        name: z.string().trim().min(1).max(100),
        template: z.string().min(1).max(100_000),
        params: z
          .array(
            z.object({
              name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
              description: z.string().max(200).default(''),
              default: z.string().max(1000).default(''),
            }),
          )
          .max(20)
          .default([]),
      })
      .strict(),
    output: snippet,
    auditTarget: (i) => i.name,
  }),
  'ssh.snippets.delete': mutation({
    summary: 'Delete a snippet',
    input: z.object({ id: z.string() }).strict(),
    output: z.object({ removed: z.string() }),
  }),

  'ssh.terminal.open': mutation({
    summary: 'Open an interactive shell on a host CI',
    input: z
      .object({
        id: z.string(),
        cols: z.number().int().min(2).max(1000).default(80),
        rows: z.number().int().min(2).max(500).default(24),
        record: z.boolean().default(false),
      })
      .strict(),
    output: terminalSession,
  }),
  'ssh.terminal.write': sessionInput({
    summary: 'Send keystrokes to one or several open terminals (broadcast)',
    input: z.object({ ids: z.array(z.string()).min(1).max(100), data: z.string().max(1024 * 1024) }).strict(),
    output: z.object({ written: z.number().int() }),
  }),
  'ssh.terminal.resize': sessionInput({
    summary: 'Tell the remote side the terminal’s new size',
    input: z
      .object({ id: z.string(), cols: z.number().int().min(2).max(1000), rows: z.number().int().min(2).max(500) })
      .strict(),
    output: z.object({ ok: z.boolean() }),
  }),
  'ssh.terminal.close': mutation({
    summary: 'Close a terminal',
    input: z.object({ id: z.string() }).strict(),
    output: z.object({ closed: z.string() }),
  }),
  'ssh.terminal.list': query({
    summary: 'Open terminals',
    input: noInput,
    output: z.object({ sessions: z.array(terminalSession) }),
  }),
  'ssh.recordings.list': query({
    summary: 'Recorded terminal sessions',
    input: noInput,
    output: z.object({
      recordings: z.array(
        z.object({
          id: z.string(),
          ci: ciRef,
          actor: z.string(),
          startedAt: epochMs,
          endedAt: epochMs.nullable(),
          bytes: z.number().int(),
          capped: z.boolean(),
        }),
      ),
    }),
  }),
  'ssh.recordings.get': query({
    summary: 'One recording as asciicast v2',
    input: z.object({ id: z.string() }).strict(),
    output: z.object({ content: z.string() }),
  }),
};

export const sshTopics = {
  'ssh.hostkeys.pending': topic({ summary: 'A host key waits for review', payload: pendingHostKey }),
  'ssh.batch.host': topic({
    summary: 'A host in a batch run changed state',
    payload: z.object({ runId: z.string(), host: hostResult }),
  }),
  'ssh.batch.output': topic({
    summary: 'Output from a host in a batch run (streamed)',
    payload: z.object({ runId: z.string(), ciId: z.string(), stream: z.enum(['stdout', 'stderr']), chunk: z.string() }),
  }),
  'ssh.batch.updated': topic({ summary: 'A batch run’s counts changed', payload: batchRun }),
  'ssh.terminal.data': topic({
    summary: 'Bytes from a terminal (base64)',
    payload: z.object({ id: z.string(), data: z.string() }),
  }),
  'ssh.terminal.state': topic({
    summary: 'A terminal opened or closed',
    payload: terminalSession.extend({ reason: z.string().nullable() }),
  }),
};
