import type { Job, JobLogLine, JobState } from '../../shared/api/jobs';
import { finishedJobStates } from '../../shared/api/jobs';
import type { RpcError } from '../../shared/api/errors';
import type { Db } from '../store/migration';

/** Where job rows and log lines live: the workspace, or memory when it is open read-only. */
export interface JobStore {
  upsert(job: Job): void;
  appendLog(line: JobLogLine): void;
  get(id: string): Job | undefined;
  list(states: readonly JobState[] | undefined, limit: number): Job[];
  logs(id: string, after: number, limit: number): JobLogLine[];
  /** marks every queued or running job interrupted; returns how many */
  interruptLeftovers(now: number, error: RpcError): number;
  /** deletes finished jobs (and their logs) beyond the newest `keep`; returns how many */
  prune(keep: number): number;
}

interface JobRow {
  id: string;
  kind: string;
  title: string;
  actor: string;
  state: JobState;
  done: number;
  total: number | null;
  message: string;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  result: string | null;
  error: string | null;
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fromRow(r: JobRow): Job {
  const job: Job = {
    id: r.id,
    kind: r.kind,
    title: r.title,
    actor: r.actor,
    state: r.state,
    progress: { done: r.done, total: r.total, message: r.message },
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
  const result = parseJson(r.result);
  if (result !== undefined) job.result = result;
  const error = parseJson(r.error);
  if (error !== undefined) job.error = error as RpcError;
  return job;
}

const finishedList = finishedJobStates.map((s) => `'${s}'`).join(',');

export class SqliteJobStore implements JobStore {
  private readonly stmts;

  constructor(private readonly db: Db) {
    // Every write is an UPSERT: a restore may have removed the row underneath a running job.
    this.stmts = {
      upsert: db.prepare(
        `INSERT INTO jobs (id, kind, title, actor, state, done, total, message, created_at, started_at, finished_at, result, error)
         VALUES (@id, @kind, @title, @actor, @state, @done, @total, @message, @createdAt, @startedAt, @finishedAt, @result, @error)
         ON CONFLICT(id) DO UPDATE SET state = excluded.state, done = excluded.done, total = excluded.total,
           message = excluded.message, started_at = excluded.started_at, finished_at = excluded.finished_at,
           result = excluded.result, error = excluded.error`,
      ),
      log: db.prepare(
        `INSERT INTO job_logs (job_id, seq, time, level, message) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(job_id, seq) DO UPDATE SET time = excluded.time, level = excluded.level, message = excluded.message`,
      ),
      get: db.prepare('SELECT * FROM jobs WHERE id = ?'),
      logs: db.prepare('SELECT * FROM job_logs WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?'),
    };
  }

  upsert(job: Job): void {
    this.stmts.upsert.run({
      id: job.id,
      kind: job.kind,
      title: job.title,
      actor: job.actor,
      state: job.state,
      done: job.progress.done,
      total: job.progress.total,
      message: job.progress.message,
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      result: job.result === undefined ? null : JSON.stringify(job.result),
      error: job.error === undefined ? null : JSON.stringify(job.error),
    });
  }

  appendLog(l: JobLogLine): void {
    this.stmts.log.run(l.jobId, l.seq, l.time, l.level, l.message);
  }

  get(id: string): Job | undefined {
    const row = this.stmts.get.get(id) as JobRow | undefined;
    return row && fromRow(row);
  }

  list(states: readonly JobState[] | undefined, limit: number): Job[] {
    const where = states?.length ? `WHERE state IN (${states.map(() => '?').join(',')})` : '';
    const rows = this.db
      .prepare(`SELECT * FROM jobs ${where} ORDER BY created_at DESC, rowid DESC LIMIT ?`)
      .all(...(states ?? []), limit) as JobRow[];
    return rows.map(fromRow);
  }

  logs(id: string, after: number, limit: number): JobLogLine[] {
    const rows = this.stmts.logs.all(id, after, limit) as {
      job_id: string;
      seq: number;
      time: number;
      level: JobLogLine['level'];
      message: string;
    }[];
    return rows.map((r) => ({ jobId: r.job_id, seq: r.seq, time: r.time, level: r.level, message: r.message }));
  }

  interruptLeftovers(now: number, error: RpcError): number {
    return this.db
      .prepare(`UPDATE jobs SET state = 'interrupted', finished_at = ?, error = ? WHERE state IN ('queued', 'running')`)
      .run(now, JSON.stringify(error)).changes;
  }

  prune(keep: number): number {
    return this.db.transaction(() => {
      const ids = this.db
        .prepare(
          `SELECT id FROM jobs WHERE state IN (${finishedList})
           ORDER BY finished_at DESC, rowid DESC LIMIT -1 OFFSET ?`,
        )
        .pluck()
        .all(Math.max(0, keep)) as string[];
      const delJob = this.db.prepare('DELETE FROM jobs WHERE id = ?');
      const delLogs = this.db.prepare('DELETE FROM job_logs WHERE job_id = ?');
      for (const id of ids) {
        delJob.run(id);
        delLogs.run(id);
      }
      return ids.length;
    })();
  }
}

/** For a read-only workspace: jobs (a workspace check) still run, their record lives until the app closes. */
export class MemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, Job>();
  private readonly lines = new Map<string, JobLogLine[]>();

  upsert(job: Job): void {
    this.jobs.delete(job.id);
    this.jobs.set(job.id, structuredClone(job));
  }

  appendLog(line: JobLogLine): void {
    const list = this.lines.get(line.jobId) ?? [];
    list.push(line);
    this.lines.set(line.jobId, list);
  }

  get(id: string): Job | undefined {
    const j = this.jobs.get(id);
    return j && structuredClone(j);
  }

  list(states: readonly JobState[] | undefined, limit: number): Job[] {
    return [...this.jobs.values()]
      .filter((j) => !states?.length || states.includes(j.state))
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, limit)
      .map((j) => structuredClone(j));
  }

  logs(id: string, after: number, limit: number): JobLogLine[] {
    return (this.lines.get(id) ?? []).filter((l) => l.seq > after).slice(0, limit);
  }

  interruptLeftovers(): number {
    return 0;
  }

  prune(keep: number): number {
    const finished = [...this.jobs.values()]
      .filter((j) => finishedJobStates.includes(j.state))
      .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0));
    const drop = finished.slice(Math.max(0, keep));
    for (const j of drop) {
      this.jobs.delete(j.id);
      this.lines.delete(j.id);
    }
    return drop.length;
  }
}
