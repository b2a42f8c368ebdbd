import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { job as jobSchema } from '../../../shared/api/jobs';
import { silentLogger } from '../../../main/applog/types';
import { JobRunner, type JobRunnerOptions } from '../../../main/jobs/runner';
import { gate, openJobsFixture, tick, type JobsFixture } from './helpers';

let fx: JobsFixture;
let runners: JobRunner[];

beforeEach(() => {
  fx = openJobsFixture();
  runners = [];
});
afterEach(async () => {
  for (const r of runners) await r.shutdown();
  fx.close();
});

function runner(extra: Partial<JobRunnerOptions> = {}): JobRunner {
  const r = new JobRunner({ db: fx.db, clock: fx.clock, bus: fx.bus, logger: silentLogger, ...extra });
  runners.push(r);
  return r;
}

function row(id: string): Record<string, unknown> | undefined {
  return fx.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Record<string, unknown> | undefined;
}

describe('JobRunner', () => {
  it('runs a job, stores progress and result, and publishes valid snapshots', async () => {
    const jobs = runner();
    const started = jobs.start({ kind: 'demo', title: 'Demo', actor: 'alice' }, async (ctx) => {
      ctx.progress(3, 10, 'working');
      ctx.log('info', 'hello');
      fx.clock.t += 1500;
      return { answer: 42 };
    });
    expect(started.state).toBe('running');
    const done = await jobs.wait(started.id);
    expect(done.state).toBe('succeeded');
    expect(done.result).toEqual({ answer: 42 });
    expect(done.progress).toEqual({ done: 3, total: 10, message: 'working' });
    expect(done.finishedAt! - done.startedAt!).toBe(1500);

    const r = row(started.id)!;
    expect(r.state).toBe('succeeded');
    expect(JSON.parse(r.result as string)).toEqual({ answer: 42 });
    expect(r.done).toBe(3);
    expect(r.total).toBe(10);
    expect(jobs.get(started.id)).toEqual(done);
    expect(jobs.logs(started.id, 0, 100).map((l) => [l.seq, l.level, l.message])).toEqual([[1, 'info', 'hello']]);

    for (const e of fx.events.filter((e) => e.topic === 'jobs.updated')) {
      expect(jobSchema.safeParse(e.payload).success).toBe(true);
    }
    expect(fx.events.some((e) => e.topic === 'jobs.log')).toBe(true);
  });

  it('keeps an OpsError code and turns anything else into internal with its first line', async () => {
    const jobs = runner();
    const a = jobs.start({ kind: 'k', title: 't', actor: 'a' }, async () => {
      throw new OpsError('unavailable', 'host db1 is unreachable', { host: 'db1' });
    });
    const b = jobs.start({ kind: 'k', title: 't', actor: 'a' }, async () => {
      throw new Error('boom happened\n    at somewhere.js:1');
    });
    const fa = await jobs.wait(a.id);
    const fb = await jobs.wait(b.id);
    expect(fa.state).toBe('failed');
    expect(fa.error).toEqual({ code: 'unavailable', message: 'host db1 is unreachable', details: { host: 'db1' } });
    expect(fb.error).toEqual({ code: 'internal', message: 'boom happened' });
    expect(JSON.parse(row(b.id)!.error as string)).toEqual({ code: 'internal', message: 'boom happened' });
  });

  it('cancels a running job through its signal and a queued one at once', async () => {
    const jobs = runner({ concurrency: 1 });
    const running = jobs.start({ kind: 'k', title: 'long', actor: 'a' }, (ctx) => {
      return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))));
    });
    const queued = jobs.start({ kind: 'k', title: 'waiting', actor: 'a' }, async () => 'never');
    expect(queued.state).toBe('queued');

    const q = jobs.cancel(queued.id);
    expect(q.state).toBe('cancelled');
    expect(row(queued.id)!.state).toBe('cancelled');

    await tick(); // fn is running and listening for 'abort'
    jobs.cancel(running.id);
    const r = await jobs.wait(running.id);
    expect(r.state).toBe('cancelled');
    expect(r.error?.code).toBe('cancelled');
    expect(row(running.id)!.state).toBe('cancelled');
  });

  it('does not run fn at all when cancelled before it got going', async () => {
    const jobs = runner();
    let ran = false;
    const j = jobs.start({ kind: 'k', title: 't', actor: 'a' }, async () => {
      ran = true;
    });
    jobs.cancel(j.id);
    expect((await jobs.wait(j.id)).state).toBe('cancelled');
    expect(ran).toBe(false);
  });

  it('runs at most `concurrency` jobs at once', async () => {
    const jobs = runner({ concurrency: 2 });
    const g1 = gate<string>();
    const g2 = gate<string>();
    const a = jobs.start({ kind: 'k', title: '1', actor: 'a' }, () => g1.promise);
    const b = jobs.start({ kind: 'k', title: '2', actor: 'a' }, () => g2.promise);
    let thirdRan = false;
    const c = jobs.start({ kind: 'k', title: '3', actor: 'a' }, async () => {
      thirdRan = true;
      return 'c';
    });
    expect([a.state, b.state, c.state]).toEqual(['running', 'running', 'queued']);
    await tick();
    expect(thirdRan).toBe(false);
    expect(jobs.get(c.id).state).toBe('queued');

    g2.open('b');
    expect((await jobs.wait(b.id)).state).toBe('succeeded');
    expect((await jobs.wait(c.id)).result).toBe('c');
    expect(thirdRan).toBe(true);
    expect(jobs.get(a.id).state).toBe('running');
    g1.open('a');
    await jobs.wait(a.id);
  });

  it('marks jobs left running by a previous process as interrupted', async () => {
    const first = runner();
    const g = gate();
    const j = first.start({ kind: 'k', title: 't', actor: 'a' }, () => g.promise);
    expect(row(j.id)!.state).toBe('running');
    fx.clock.t += 10_000;
    // a second process opening the same workspace: the first one "crashed"
    const second = new JobRunner({ db: fx.reopen(), clock: fx.clock, logger: silentLogger });
    runners.push(second);
    const seen = second.get(j.id);
    expect(seen.state).toBe('interrupted');
    expect(seen.finishedAt).toBe(fx.clock.t);
    expect(seen.error).toEqual({
      code: 'cancelled',
      message: 'Opsroom stopped while this job was running; start it again.',
    });
    g.open();
  });

  it("still writes a job's final state after its row vanished (restore)", async () => {
    const jobs = runner();
    const g = gate<number>();
    const j = jobs.start({ kind: 'k', title: 't', actor: 'a' }, async (ctx) => {
      const v = await g.promise;
      ctx.log('info', 'after restore');
      return v;
    });
    fx.db.exec('DELETE FROM jobs; DELETE FROM job_logs;');
    expect(row(j.id)).toBeUndefined();
    expect(jobs.get(j.id).state).toBe('running');
    expect(jobs.list({ limit: 10 }).map((x) => x.id)).toEqual([j.id]);
    g.open(7);
    await jobs.wait(j.id);
    const r = row(j.id)!;
    expect(r.state).toBe('succeeded');
    expect(r.kind).toBe('k');
    expect(JSON.parse(r.result as string)).toBe(7);
    expect(jobs.logs(j.id, 0, 10).map((l) => l.message)).toEqual(['after restore']);
  });

  it('throttles progress events and writes, and the final state is exact', async () => {
    const jobs = runner();
    let writes = 0;
    const j = jobs.start({ kind: 'k', title: 't', actor: 'a' }, async (ctx) => {
      for (let i = 1; i <= 1000; i++) {
        ctx.progress(i, 1000, `item ${i}`);
        if (i === 500) writes = (row(ctx.id)!.done as number) === 500 ? 1 : 0;
      }
      return 'ok';
    });
    const done = await jobs.wait(j.id);
    const updates = fx.events.filter((e) => e.topic === 'jobs.updated' && (e.payload as { id: string }).id === j.id);
    expect(updates.length).toBeLessThanOrEqual(6);
    expect(writes).toBe(0); // the 500th call was not written straight away
    expect(done.progress).toEqual({ done: 1000, total: 1000, message: 'item 1000' });
    expect(row(j.id)!.done).toBe(1000);
    expect((updates.at(-1)!.payload as { progress: unknown }).progress).toEqual(done.progress);
  });

  it('caps log lines per job with one truncation line', async () => {
    const jobs = runner({ maxLogLines: 20 });
    const j = jobs.start({ kind: 'k', title: 't', actor: 'a' }, async (ctx) => {
      for (let i = 0; i < 100; i++) ctx.log('debug', `line ${i}`);
    });
    await jobs.wait(j.id);
    const lines = jobs.logs(j.id, 0, 1000);
    expect(lines).toHaveLength(21);
    expect(lines[19]!.message).toBe('line 19');
    expect(lines[20]!.level).toBe('warn');
    expect(lines[20]!.message).toMatch(/log truncated/);
    expect(jobs.logs(j.id, 18, 2).map((l) => l.seq)).toEqual([19, 20]);
  });

  it('prunes finished jobs and their logs beyond keepFinished', async () => {
    const jobs = runner({ keepFinished: () => 3 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      fx.clock.t += 1000;
      const j = jobs.start({ kind: 'k', title: `job ${i}`, actor: 'a' }, async (ctx) => ctx.log('info', `job ${i}`));
      ids.push(j.id);
      await jobs.wait(j.id);
    }
    expect(jobs.list({ limit: 100 }).map((j) => j.title)).toEqual(['job 5', 'job 4', 'job 3']);
    expect(() => jobs.get(ids[0]!)).toThrow(/no job/);
    expect(fx.db.prepare('SELECT count(*) FROM job_logs').pluck().get() as number).toBe(3);
  });

  it('lists by state, newest first, and reports unknown ids as not_found', async () => {
    const jobs = runner();
    fx.clock.t += 1;
    const a = jobs.start({ kind: 'k', title: 'a', actor: 'x' }, async () => 1);
    await jobs.wait(a.id);
    fx.clock.t += 1;
    const g = gate();
    const b = jobs.start({ kind: 'k', title: 'b', actor: 'x' }, () => g.promise);
    expect(jobs.list({ limit: 10 }).map((j) => j.title)).toEqual(['b', 'a']);
    expect(jobs.list({ states: ['running'], limit: 10 }).map((j) => j.id)).toEqual([b.id]);
    try {
      jobs.get('nope');
      expect.unreachable();
    } catch (e) {
      expect((e as OpsError).code).toBe('not_found');
    }
    g.open();
    await jobs.wait(b.id);
  });

  it('appends one audit entry when a job ends', async () => {
    const entries: Record<string, unknown>[] = [];
    const jobs = runner({ audit: { append: (e) => entries.push(e) } });
    const ok = jobs.start({ kind: 'workspace.check', title: 'Check', actor: 'alice' }, async () => {
      fx.clock.t += 250;
    });
    await jobs.wait(ok.id);
    const bad = jobs.start({ kind: 'x', title: 'Bad', actor: 'bob' }, async () => {
      throw new OpsError('conflict', 'nope');
    });
    await jobs.wait(bad.id);
    expect(entries).toEqual([
      {
        actor: 'alice',
        action: 'job.workspace.check',
        target: ok.id,
        outcome: 'ok',
        details: { title: 'Check', durationMs: 250 },
      },
      {
        actor: 'bob',
        action: 'job.x',
        target: bad.id,
        outcome: 'error',
        details: { title: 'Bad', durationMs: 0, error: { code: 'conflict', message: 'nope' } },
      },
    ]);
  });

  it('shutdown aborts running jobs, interrupts stragglers and refuses new ones', async () => {
    const jobs = runner({ concurrency: 1, shutdownTimeoutMs: 100 });
    const polite = jobs.start({ kind: 'k', title: 'polite', actor: 'a' }, (ctx) => {
      return new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
    });
    const queued = jobs.start({ kind: 'k', title: 'queued', actor: 'a' }, async () => 1);
    await jobs.shutdown();
    expect(jobs.get(polite.id).state).toBe('interrupted');
    expect(jobs.get(queued.id).state).toBe('interrupted');
    expect(() => jobs.start({ kind: 'k', title: 'late', actor: 'a' }, async () => 1)).toThrow(/shutting down/);

    const other = runner({ shutdownTimeoutMs: 50 });
    const g = gate();
    const stubborn = other.start({ kind: 'k', title: 'stubborn', actor: 'a' }, () => g.promise);
    await other.shutdown();
    expect(row(stubborn.id)!.state).toBe('interrupted');
    g.open();
    await tick();
    expect(row(stubborn.id)!.state).toBe('interrupted');
  });
});
