import type { Handlers } from '../rpc/router';
import type { JobRunner } from './runner';

export function jobsHandlers(jobs: JobRunner): Pick<Handlers, 'jobs.list' | 'jobs.get' | 'jobs.logs' | 'jobs.cancel'> {
  return {
    'jobs.list': (input) => ({ jobs: jobs.list({ states: input.states, limit: input.limit }) }),
    'jobs.get': (input) => jobs.get(input.id),
    'jobs.logs': (input) => ({ lines: jobs.logs(input.id, input.after, input.limit) }),
    'jobs.cancel': (input) => jobs.cancel(input.id),
  };
}
