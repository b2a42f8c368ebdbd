import { z } from 'zod';
import { epochMs, pageLimit } from './common';
import { mutation, query, topic } from './define';
import { rpcErrorSchema } from './errors';

export const jobStates = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type JobState = (typeof jobStates)[number];
export const finishedJobStates: readonly JobState[] = ['succeeded', 'failed', 'cancelled', 'interrupted'];

export const job = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  actor: z.string(),
  state: z.enum(jobStates),
  progress: z.object({
    done: z.number(),
    /** null while the size of the work is not known yet */
    total: z.number().nullable(),
    message: z.string(),
  }),
  createdAt: epochMs,
  startedAt: epochMs.nullable(),
  finishedAt: epochMs.nullable(),
  result: z.unknown().optional(),
  error: rpcErrorSchema.optional(),
});
export type Job = z.infer<typeof job>;

export const jobLogLine = z.object({
  jobId: z.string(),
  seq: z.number().int(),
  time: epochMs,
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string(),
});
export type JobLogLine = z.infer<typeof jobLogLine>;

export const jobsApi = {
  'jobs.list': query({
    summary: 'Jobs, newest first',
    input: z
      .object({ states: z.array(z.enum(jobStates)).optional(), limit: pageLimit(500, 100) })
      .strict()
      .default({ limit: 100 }),
    output: z.object({ jobs: z.array(job) }),
  }),
  'jobs.get': query({
    summary: 'One job with its progress and result',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: job,
  }),
  'jobs.logs': query({
    summary: "A job's log lines",
    input: z
      .object({ id: z.string().min(1), after: z.number().int().nonnegative().default(0), limit: pageLimit(5000, 1000) })
      .strict(),
    output: z.object({ lines: z.array(jobLogLine) }),
  }),
  'jobs.cancel': mutation({
    summary: 'Ask a running or queued job to stop',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: job,
  }),
};

export const jobsTopics = {
  'jobs.updated': topic({ summary: 'A job changed state or progress', payload: job }),
  'jobs.log': topic({ summary: 'A job wrote a log line', payload: jobLogLine }),
};
