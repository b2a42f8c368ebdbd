import type { CiRef } from '../../../shared/api/cmdb-model';
import { hostStates, type BatchRun, type HostResult, type HostState } from '../../../shared/api/ssh';
import type { Db } from '../../store/migration';

/** What a run needs to be run again (retry), beside what the contract shows. */
export interface RunOptions {
  /** the command template (a snippet's template is copied here, so a retry runs what ran) */
  template?: string;
  params?: Record<string, string>;
  snippetId?: string;
  remotePath?: string;
  localDir?: string;
  fileName?: string;
  mode?: number;
  /** push content (base64) when small enough to keep for a retry */
  content?: string;
}

interface RunRow {
  id: string;
  kind: BatchRun['kind'];
  command: string;
  actor: string;
  created_at: number;
  finished_at: number | null;
  concurrency: number;
  timeout_sec: number;
  job_id: string | null;
  counts: string;
  total: number;
  options: string;
}

interface HostRow {
  ci_id: string;
  ci_name: string;
  ci_type: string;
  address: string;
  state: HostState;
  exit_code: number | null;
  signal: string | null;
  started_at: number | null;
  duration_ms: number | null;
  stdout: string;
  stderr: string;
  truncated: number;
  error: string | null;
  sha256: string | null;
}

/** Every state with 0, so the counts object always has all keys (the contract's record is total). */
export function emptyCounts(): Record<HostState, number> {
  return Object.fromEntries(hostStates.map((s) => [s, 0])) as Record<HostState, number>;
}

const toRun = (r: RunRow): BatchRun => ({
  id: r.id,
  kind: r.kind,
  command: r.command,
  actor: r.actor,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  concurrency: r.concurrency,
  timeoutSec: r.timeout_sec,
  jobId: r.job_id,
  counts: { ...emptyCounts(), ...(JSON.parse(r.counts) as Partial<Record<HostState, number>>) },
  total: r.total,
});

const toHost = (r: HostRow): HostResult => ({
  ci: { id: r.ci_id, name: r.ci_name, type: r.ci_type },
  address: r.address,
  state: r.state,
  exitCode: r.exit_code,
  signal: r.signal,
  startedAt: r.started_at,
  durationMs: r.duration_ms,
  stdout: r.stdout,
  stderr: r.stderr,
  truncated: r.truncated === 1,
  error: r.error,
  sha256: r.sha256,
});

/** Rows of runs, hosts and snippets; no rules here (see service.ts). */
export class BatchStore {
  private readonly insertHost;
  private readonly updateHostStmt;
  private readonly getRunStmt;

  constructor(private readonly db: Db) {
    this.insertHost = db.prepare(
      `INSERT INTO ssh_batch_hosts (run_id, seq, ci_id, ci_name, ci_type, address, state, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateHostStmt = db.prepare(
      `UPDATE ssh_batch_hosts SET state = @state, exit_code = @exitCode, signal = @signal, started_at = @startedAt,
         duration_ms = @durationMs, stdout = @stdout, stderr = @stderr, truncated = @truncated, error = @error,
         sha256 = @sha256
       WHERE run_id = @runId AND ci_id = @ciId`,
    );
    this.getRunStmt = db.prepare<[string], RunRow>('SELECT * FROM ssh_batch_runs WHERE id = ?');
  }

  createRun(
    run: BatchRun,
    options: RunOptions,
    hosts: { ci: CiRef; address: string; state: HostState; error: string | null }[],
  ): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO ssh_batch_runs (id, kind, command, actor, created_at, finished_at, concurrency, timeout_sec,
             job_id, counts, total, options) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          run.id,
          run.kind,
          run.command,
          run.actor,
          run.createdAt,
          run.finishedAt,
          run.concurrency,
          run.timeoutSec,
          run.jobId,
          JSON.stringify(run.counts),
          run.total,
          JSON.stringify(options),
        );
      hosts.forEach((h, i) =>
        this.insertHost.run(run.id, i, h.ci.id, h.ci.name, h.ci.type, h.address, h.state, h.error),
      );
    })();
  }

  updateRun(run: Pick<BatchRun, 'id' | 'finishedAt' | 'jobId' | 'counts'>): void {
    this.db
      .prepare('UPDATE ssh_batch_runs SET finished_at = ?, job_id = ?, counts = ? WHERE id = ?')
      .run(run.finishedAt, run.jobId, JSON.stringify(run.counts), run.id);
  }

  /** Several host updates in one transaction (the runner batches them). */
  updateHosts(runId: string, hosts: readonly HostResult[]): void {
    if (!hosts.length) return;
    this.db.transaction(() => {
      for (const h of hosts) {
        this.updateHostStmt.run({
          runId,
          ciId: h.ci.id,
          state: h.state,
          exitCode: h.exitCode,
          signal: h.signal,
          startedAt: h.startedAt,
          durationMs: h.durationMs,
          stdout: h.stdout,
          stderr: h.stderr,
          truncated: h.truncated ? 1 : 0,
          error: h.error,
          sha256: h.sha256,
        });
      }
    })();
  }

  getRun(id: string): { run: BatchRun; options: RunOptions } | null {
    const r = this.getRunStmt.get(id);
    return r ? { run: toRun(r), options: JSON.parse(r.options) as RunOptions } : null;
  }

  listRuns(limit: number): BatchRun[] {
    return this.db
      .prepare<[number], RunRow>('SELECT * FROM ssh_batch_runs ORDER BY created_at DESC, rowid DESC LIMIT ?')
      .all(limit)
      .map(toRun);
  }

  hosts(runId: string): HostResult[] {
    return this.db
      .prepare<[string], HostRow>('SELECT * FROM ssh_batch_hosts WHERE run_id = ? ORDER BY seq')
      .all(runId)
      .map(toHost);
  }

  /** Whether a run included a CI (annotations ask this per audit entry, so it reads no output). */
  ranOn(runId: string, ciId: string): boolean {
    return (
      this.db
        .prepare<[string, string], number>('SELECT 1 FROM ssh_batch_hosts WHERE run_id = ? AND ci_id = ?')
        .pluck()
        .get(runId, ciId) !== undefined
    );
  }

  /** Runs left unfinished by a crash or a kill: their hosts cannot still be running. */
  unfinished(): string[] {
    return this.db.prepare<[], string>('SELECT id FROM ssh_batch_runs WHERE finished_at IS NULL').pluck().all();
  }
}
