import { randomUUID } from 'node:crypto';
import { OpsError, type RpcError } from '../../shared/api/errors';
import type { Job, JobLogLine, JobState } from '../../shared/api/jobs';
import type { Logger } from '../applog/types';
import type { Clock } from '../clock';
import type { EventBus } from '../rpc/events';
import type { Db } from '../store/migration';
import { interruptedError, toJobError } from './job-error';
import { MemoryJobStore, SqliteJobStore, type JobStore } from './store';

export interface JobContext {
  id: string;
  signal: AbortSignal;
  /** cheap to call often: publishing and storing are throttled, the final state is always exact */
  progress(done: number, total?: number | null, message?: string): void;
  log(level: JobLogLine['level'], message: string): void;
  throwIfCancelled(): void;
}

export interface JobAuditSink {
  append(e: {
    actor: string;
    action: string;
    target: string;
    outcome: 'ok' | 'error' | 'cancelled' | 'info';
    details?: Record<string, unknown>;
  }): unknown;
}

export interface JobRunnerOptions {
  db: Db;
  clock: Clock;
  bus?: EventBus;
  logger: Logger;
  /** how many finished jobs to keep; read each time a job ends so a settings change applies */
  keepFinished?: () => number;
  /** jobs running at once; default 2 */
  concurrency?: number;
  audit?: JobAuditSink;
  /** log lines kept per job before the rest is dropped; default 5000 */
  maxLogLines?: number;
  /** how long shutdown() waits for aborted jobs; default 5000 ms */
  shutdownTimeoutMs?: number;
}

interface Active {
  job: Job;
  fn: (ctx: JobContext) => Promise<unknown>;
  controller: AbortController;
  /** aborted by shutdown() rather than by a person */
  byShutdown: boolean;
  seq: number;
  lastPublish: number;
  lastWrite: number;
  publishTimer?: NodeJS.Timeout;
  writeTimer?: NodeJS.Timeout;
  settled?: Promise<void>;
}

const publishEveryMs = 100;
const writeEveryMs = 500;

const cancelledError = (): OpsError => new OpsError('cancelled', 'The job was cancelled.');

/**
 * Runs long work off the call path: a call starts a job and returns at once,
 * the client follows progress on 'jobs.updated' and 'jobs.log'. Active jobs
 * live in memory (the source of truth while they run); the table is their
 * durable record, written with UPSERTs so a restore that rolls the table back
 * cannot lose a running job's outcome.
 */
export class JobRunner {
  private readonly store: JobStore;
  private readonly active = new Map<string, Active>();
  private readonly queue: string[] = [];
  private readonly waiters = new Map<string, ((job: Job) => void)[]>();
  private readonly log: Logger;
  private readonly concurrency: number;
  private readonly maxLogLines: number;
  private running = 0;
  private closed = false;

  constructor(private readonly opts: JobRunnerOptions) {
    this.log = opts.logger.child('jobs');
    this.concurrency = Math.max(1, opts.concurrency ?? 2);
    this.maxLogLines = opts.maxLogLines ?? 5000;
    this.store = opts.db.readonly ? new MemoryJobStore() : new SqliteJobStore(opts.db);
    const n = this.store.interruptLeftovers(opts.clock.now(), interruptedError);
    if (n > 0) this.log.warn('jobs left running by a previous run marked interrupted', { count: n });
  }

  start<T>(spec: { kind: string; title: string; actor: string }, fn: (ctx: JobContext) => Promise<T>): Job {
    if (this.closed) {
      throw new OpsError(
        'unavailable',
        'Opsroom is shutting down and cannot start new jobs; start it again after the restart.',
      );
    }
    const job: Job = {
      id: randomUUID(),
      kind: spec.kind,
      title: spec.title,
      actor: spec.actor,
      state: 'queued',
      progress: { done: 0, total: null, message: '' },
      createdAt: this.opts.clock.now(),
      startedAt: null,
      finishedAt: null,
    };
    const a: Active = {
      job,
      fn,
      controller: new AbortController(),
      byShutdown: false,
      seq: 0,
      lastPublish: -Infinity,
      lastWrite: -Infinity,
    };
    this.active.set(job.id, a);
    this.queue.push(job.id);
    this.persist(a);
    this.publish(a);
    this.pump();
    return structuredClone(a.job);
  }

  get(id: string): Job {
    const a = this.active.get(id);
    if (a) return structuredClone(a.job);
    const stored = this.store.get(id);
    if (!stored) {
      throw new OpsError(
        'not_found',
        `There is no job "${id}"; it may have been pruned (only the newest finished jobs are kept).`,
        { id },
      );
    }
    return stored;
  }

  list(opts: { states?: readonly JobState[]; limit: number }): Job[] {
    const { states, limit } = opts;
    const rows = this.store.list(states, limit);
    const seen = new Set<string>();
    const merged = rows.map((j) => {
      seen.add(j.id);
      const a = this.active.get(j.id);
      return a ? structuredClone(a.job) : j;
    });
    // Active jobs whose row was rolled back by a restore, or whose stored state is stale.
    for (const a of this.active.values()) {
      if (!seen.has(a.job.id)) merged.push(structuredClone(a.job));
    }
    return merged
      .filter((j) => !states?.length || states.includes(j.state))
      .sort((x, y) => y.createdAt - x.createdAt)
      .slice(0, limit);
  }

  logs(id: string, after: number, limit: number): JobLogLine[] {
    this.get(id);
    return this.store.logs(id, after, limit);
  }

  async wait(id: string): Promise<Job> {
    if (!this.active.has(id)) return this.get(id);
    return new Promise((resolve) => {
      const list = this.waiters.get(id) ?? [];
      list.push(resolve);
      this.waiters.set(id, list);
    });
  }

  cancel(id: string): Job {
    const a = this.active.get(id);
    if (!a) return this.get(id);
    if (a.job.state === 'queued') {
      this.finish(a, 'cancelled', { error: { code: 'cancelled', message: 'Cancelled before it started.' } });
    } else if (!a.controller.signal.aborted) {
      this.log.info('job cancel requested', { id, kind: a.job.kind });
      a.controller.abort(cancelledError());
    }
    return this.get(id);
  }

  /** Aborts everything, waits a little for jobs to notice, records the rest as interrupted. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const id of [...this.queue]) {
      const a = this.active.get(id);
      if (a) this.finish(a, 'interrupted', { error: interruptedError });
    }
    const pending: Promise<void>[] = [];
    for (const a of this.active.values()) {
      a.byShutdown = true;
      a.controller.abort(cancelledError());
      if (a.settled) pending.push(a.settled);
    }
    if (pending.length) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.opts.shutdownTimeoutMs ?? 5000);
      });
      await Promise.race([Promise.all(pending), timeout]);
      clearTimeout(timer);
    }
    for (const a of [...this.active.values()]) {
      this.log.warn('job did not stop in time; recorded as interrupted', { id: a.job.id, kind: a.job.kind });
      this.finish(a, 'interrupted', { error: interruptedError });
    }
  }

  private pump(): void {
    while (!this.closed && this.running < this.concurrency && this.queue.length > 0) {
      const a = this.active.get(this.queue.shift()!);
      if (a) this.run(a);
    }
  }

  private run(a: Active): void {
    this.running++;
    a.job.state = 'running';
    a.job.startedAt = this.opts.clock.now();
    this.persist(a);
    this.publish(a);
    const ctx = this.context(a);
    // Deferred so that start() returns before any of fn runs, even its synchronous part.
    a.settled = Promise.resolve()
      .then(() => {
        // Cancelled between start() and now: fn would never see an 'abort' event.
        if (a.controller.signal.aborted) throw cancelledError();
        return a.fn(ctx);
      })
      .then(
        (result) => this.succeed(a, result),
        (err) => this.fail(a, err),
      );
  }

  private succeed(a: Active, result: unknown): void {
    let stored: unknown;
    try {
      stored = result === undefined ? undefined : JSON.parse(JSON.stringify(result));
    } catch (err) {
      this.fail(a, new Error(`the job's result cannot be stored as JSON: ${(err as Error).message}`));
      return;
    }
    this.finish(a, 'succeeded', stored === undefined ? {} : { result: stored });
  }

  private fail(a: Active, err: unknown): void {
    if (a.controller.signal.aborted) {
      if (a.byShutdown) this.finish(a, 'interrupted', { error: interruptedError });
      else this.finish(a, 'cancelled', { error: cancelledError().toJSON() });
      return;
    }
    const error = toJobError(err);
    if (error.code === 'internal') {
      this.log.error('job failed', { id: a.job.id, kind: a.job.kind, error: err instanceof Error ? err : String(err) });
    }
    this.finish(a, 'failed', { error });
  }

  private finish(a: Active, state: JobState, extra: { result?: unknown; error?: RpcError }): void {
    // Already recorded (shutdown gave up on it, or it was cancelled while queued).
    if (this.active.get(a.job.id) !== a) return;
    this.active.delete(a.job.id);
    const qi = this.queue.indexOf(a.job.id);
    if (qi >= 0) this.queue.splice(qi, 1);
    if (a.job.state === 'running') this.running--;
    clearTimeout(a.publishTimer);
    clearTimeout(a.writeTimer);

    const job = a.job;
    job.state = state;
    job.finishedAt = this.opts.clock.now();
    if (extra.result !== undefined) job.result = extra.result;
    if (extra.error) job.error = extra.error;
    this.persist(a);
    this.publish(a);

    const durationMs = job.finishedAt - (job.startedAt ?? job.createdAt);
    this.log.info('job finished', { id: job.id, kind: job.kind, state, durationMs, code: job.error?.code });
    this.appendAudit(job, durationMs);

    const waiters = this.waiters.get(job.id) ?? [];
    this.waiters.delete(job.id);
    for (const w of waiters) w(structuredClone(job));

    this.prune();
    this.pump();
  }

  private appendAudit(job: Job, durationMs: number): void {
    if (!this.opts.audit) return;
    const outcome = job.state === 'succeeded' ? 'ok' : job.state === 'failed' ? 'error' : 'cancelled';
    const details: Record<string, unknown> = { title: job.title, durationMs };
    if (job.error) details.error = job.error;
    try {
      this.opts.audit.append({ actor: job.actor, action: `job.${job.kind}`, target: job.id, outcome, details });
    } catch (err) {
      this.log.error('could not record the end of a job in the audit log', { id: job.id, error: err });
    }
  }

  private prune(): void {
    try {
      const keep = this.opts.keepFinished?.() ?? 1000;
      const n = this.store.prune(keep);
      if (n > 0) this.log.debug('old jobs pruned', { count: n, keep });
    } catch (err) {
      this.log.error('could not prune old jobs', { error: err });
    }
  }

  private context(a: Active): JobContext {
    const live = () => this.active.get(a.job.id) === a;
    return {
      id: a.job.id,
      signal: a.controller.signal,
      progress: (done, total, message) => {
        if (!live()) return;
        a.job.progress.done = done;
        if (total !== undefined) a.job.progress.total = total;
        if (message !== undefined) a.job.progress.message = message;
        this.throttled(a);
      },
      log: (level, message) => {
        if (!live()) return;
        this.writeLog(a, level, message);
      },
      throwIfCancelled: () => {
        if (a.controller.signal.aborted) throw cancelledError();
      },
    };
  }

  private writeLog(a: Active, level: JobLogLine['level'], message: string): void {
    if (a.seq > this.maxLogLines) return;
    if (a.seq === this.maxLogLines) {
      level = 'warn';
      message = `log truncated: only the first ${this.maxLogLines} lines of this job are kept`;
    }
    const line: JobLogLine = { jobId: a.job.id, seq: ++a.seq, time: this.opts.clock.now(), level, message };
    try {
      this.store.appendLog(line);
    } catch (err) {
      this.log.error('could not store a job log line', { id: a.job.id, error: err });
    }
    this.opts.bus?.publish('jobs.log', line);
  }

  /** Publishes at most every 100 ms and stores at most every 500 ms; a timer flushes the latest value. */
  private throttled(a: Active): void {
    const now = this.opts.clock.now();
    if (now - a.lastPublish >= publishEveryMs) {
      a.lastPublish = now;
      this.publish(a);
    } else if (!a.publishTimer) {
      a.publishTimer = setTimeout(() => {
        a.publishTimer = undefined;
        if (this.active.get(a.job.id) !== a) return;
        a.lastPublish = this.opts.clock.now();
        this.publish(a);
      }, publishEveryMs);
      a.publishTimer.unref?.();
    }
    if (now - a.lastWrite >= writeEveryMs) {
      a.lastWrite = now;
      this.persist(a);
    } else if (!a.writeTimer) {
      a.writeTimer = setTimeout(() => {
        a.writeTimer = undefined;
        if (this.active.get(a.job.id) !== a) return;
        a.lastWrite = this.opts.clock.now();
        this.persist(a);
      }, writeEveryMs);
      a.writeTimer.unref?.();
    }
  }

  private persist(a: Active): void {
    try {
      this.store.upsert(a.job);
    } catch (err) {
      this.log.error('could not store job state', { id: a.job.id, state: a.job.state, error: err });
    }
  }

  private publish(a: Active): void {
    this.opts.bus?.publish('jobs.updated', structuredClone(a.job));
  }
}
