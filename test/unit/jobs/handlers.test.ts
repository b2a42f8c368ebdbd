import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../../../main/applog/types';
import { jobsHandlers } from '../../../main/jobs/handlers';
import { JobRunner } from '../../../main/jobs/runner';
import { createRouter, type Handlers } from '../../../main/rpc/router';
import { openJobsFixture } from './helpers';

const fx = openJobsFixture();
afterEach(() => fx.close());

it('serves jobs through the router with contract-valid answers', async () => {
  const jobs = new JobRunner({ db: fx.db, clock: fx.clock, logger: silentLogger });
  const j = jobs.start({ kind: 'k', title: 't', actor: 'a' }, async (ctx) => {
    ctx.log('info', 'one');
    return { n: 1 };
  });
  await jobs.wait(j.id);
  const router = createRouter({ handlers: jobsHandlers(jobs) as unknown as Handlers, logger: silentLogger });
  const ctx = { actor: 'a', via: 'internal' as const };
  expect(await router.call('jobs.list', {}, ctx)).toMatchObject({
    ok: true,
    result: { jobs: [{ id: j.id, result: { n: 1 } }] },
  });
  expect(await router.call('jobs.logs', { id: j.id }, ctx)).toMatchObject({
    ok: true,
    result: { lines: [{ seq: 1, message: 'one' }] },
  });
  expect(await router.call('jobs.get', { id: 'missing' }, ctx)).toMatchObject({
    ok: false,
    error: { code: 'not_found' },
  });
  expect(await router.call('jobs.cancel', { id: j.id }, ctx)).toMatchObject({
    ok: true,
    result: { state: 'succeeded' },
  });
  await jobs.shutdown();
});
