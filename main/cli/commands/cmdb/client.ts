import { finishedJobStates, type Job } from '../../../../shared/api/jobs';
import { OpsError } from '../../../../shared/api/errors';
import { silentLogger } from '../../../applog/types';
import { cmdbHandlers } from '../../../cmdb/handlers';
import type { CmdbService } from '../../../cmdb/service';
import type { App } from '../../../app';
import type { JobRunner } from '../../../jobs/runner';
import { createRouter, type Handlers } from '../../../rpc/router';
import { callOrThrow } from '../../common';

/**
 * What the cmdb commands need: calls by name (through a router, so inputs are
 * parsed, outputs checked and mutations audited exactly as from the UI) and a
 * way to follow a job.
 */
export interface CmdbClient {
  call(method: string, input?: unknown): Promise<unknown>;
  job(id: string): Promise<Job>;
}

const finished = (j: Job) => finishedJobStates.includes(j.state);

/** Polls until the job ends, reporting progress on the way. */
export async function waitForJob(
  client: CmdbClient,
  id: string,
  onProgress?: (j: Job) => void,
  everyMs = 200,
): Promise<Job> {
  for (;;) {
    const j = await client.job(id);
    if (finished(j)) return j;
    onProgress?.(j);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The client of a running app (the real CLI). */
export function appClient(app: App): CmdbClient {
  return {
    call: (method, input) => callOrThrow(app, method, input),
    job: async (id) => app.services.jobs.get(id),
  };
}

/** A client straight over an open CmdbService (tests, tools), with the same input parsing as the app's router. */
export function serviceClient(cmdb: CmdbService, jobs: JobRunner, actor = 'cli'): CmdbClient {
  const router = createRouter({ handlers: cmdbHandlers(cmdb) as Handlers, logger: silentLogger });
  return {
    async call(method, input) {
      const r = await router.call(method, input, { actor, via: 'cli' });
      if (!r.ok) throw OpsError.from(r.error);
      return r.result;
    },
    job: async (id) => jobs.get(id),
  };
}
