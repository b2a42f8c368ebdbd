import { randomUUID } from 'node:crypto';
import type { Ci } from '../../../shared/api/cmdb-model';
import { OpsError } from '../../../shared/api/errors';
import type { BatchRun, HostResult, HostState } from '../../../shared/api/ssh';
import { requireConfirmation } from './confirm';
import type { HostOp } from './host-run';
import { Execution, isFinal, type ExecutionHost } from './runner';
import { emptyCounts, type BatchStore, type RunOptions } from './store';
import { isConnectable, isProduction } from './targets';
import type { BatchCaller, BatchPayload, BatchServiceOptions, BatchTopic } from './types';

export interface LaunchSpec {
  kind: BatchRun['kind'];
  /** shown as the run's command and in the audit summary */
  label: string;
  cis: readonly Ci[];
  /** per CI: what its op gets, or null with the reason in errors */
  payloads: readonly (string | null)[];
  errors: readonly (string | null)[];
  op: HostOp;
  concurrency: number;
  timeoutSec: number;
  confirmed: boolean;
  options: RunOptions;
}

const maxAuditTarget = 200;
const truncate = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/**
 * Starts runs as jobs and sees them to a recorded end: the store has every
 * host's final state, 'ssh.batch.updated' the final counts, and the audit
 * chain one summary entry per run.
 */
export class Launcher {
  /** runs whose job is going, for cancelling one host */
  readonly live = new Map<string, { execution?: Execution; preCancelled: Set<string> }>();

  constructor(
    private readonly o: BatchServiceOptions,
    private readonly store: BatchStore,
  ) {}

  emit<T extends BatchTopic>(topic: T, payload: BatchPayload<T>): void {
    this.o.bus?.publish(topic, payload);
  }

  launch(spec: LaunchSpec, caller: BatchCaller): BatchRun {
    const { cis } = spec;
    if (!cis.length) throw new OpsError('bad_input', 'No hosts match these targets; pick others.');
    const production = cis.filter(isProduction).length;
    requireConfirmation({ total: cis.length, production }, this.o.settings().confirmOver, spec.confirmed);

    const hosts: ExecutionHost[] = cis.map((ci, i) => {
      const address = ci.connection?.address?.trim() ?? '';
      const why = !isConnectable(ci)
        ? address
          ? `${ci.name} is a ${ci.type}; Opsroom connects only to hosts, VMs and network devices.`
          : `${ci.name} has no address in the CMDB; add one to run commands there.`
        : spec.errors[i];
      return {
        ci: { id: ci.id, name: ci.name, type: ci.type },
        address,
        payload: why ? null : spec.payloads[i]!,
        error: why ?? null,
      };
    });
    const run: BatchRun = {
      id: randomUUID(),
      kind: spec.kind,
      command: spec.label,
      actor: caller.actor,
      createdAt: this.o.clock.now(),
      finishedAt: null,
      concurrency: spec.concurrency,
      timeoutSec: spec.timeoutSec,
      jobId: null,
      counts: { ...emptyCounts(), queued: hosts.length },
      total: hosts.length,
    };
    this.store.createRun(
      run,
      spec.options,
      hosts.map((h) => ({ ci: h.ci, address: h.address, state: 'queued' as HostState, error: null })),
    );
    const live: { execution?: Execution; preCancelled: Set<string> } = { preCancelled: new Set() };
    this.live.set(run.id, live);
    const t0 = performance.now();
    const job = this.o.jobs.start(
      {
        kind: 'ssh.batch',
        title: `${spec.kind} on ${hosts.length} host${hosts.length === 1 ? '' : 's'}: ${truncate(spec.label, 80)}`,
        actor: caller.actor,
      },
      async (ctx) => {
        const execution = new Execution({
          hosts,
          concurrency: spec.concurrency,
          timeoutSec: spec.timeoutSec,
          maxOutputBytes: this.o.maxOutputBytes ?? 64 * 1024,
          pool: this.o.pool,
          resolver: this.o.resolver,
          op: spec.op,
          actor: caller.actor,
          clock: this.o.clock,
          logger: this.o.logger,
          signal: ctx.signal,
          sinks: {
            host: (h) => this.emit('ssh.batch.host', { runId: run.id, host: h }),
            output: (ciId, stream, chunk) => this.emit('ssh.batch.output', { runId: run.id, ciId, stream, chunk }),
            counts: (counts, done) => {
              run.counts = counts;
              this.store.updateRun(run);
              this.emit('ssh.batch.updated', { ...run, counts: { ...counts } });
              ctx.progress(done, hosts.length);
            },
            store: (rows) => this.store.updateHosts(run.id, rows),
          },
        });
        live.execution = execution;
        for (const id of live.preCancelled) execution.cancelHost(id);
        try {
          run.counts = await execution.run();
        } finally {
          this.live.delete(run.id);
        }
        this.finish(run, caller, performance.now() - t0, ctx.signal.aborted);
        return { runId: run.id, counts: run.counts };
      },
    );
    run.jobId = job.id;
    this.store.updateRun(run);
    return structuredClone(run);
  }

  /** Records the end of a run: its row, the final 'ssh.batch.updated', and the audit summary. */
  finish(run: BatchRun, caller: BatchCaller, durationMs: number, cancelled: boolean): void {
    run.finishedAt = this.o.clock.now();
    this.store.updateRun(run);
    this.emit('ssh.batch.updated', structuredClone(run));
    const c = run.counts;
    const outcome = c.ok === run.total ? 'ok' : cancelled ? 'cancelled' : 'error';
    const held = this.store
      .hosts(run.id)
      .filter((h) => h.state === 'hostkey-held')
      .slice(0, 100)
      .map((h) => h.ci.name);
    try {
      this.o.audit.append({
        actor: caller.actor,
        action: 'ssh.batch.completed',
        target: truncate(run.command, maxAuditTarget),
        outcome,
        details: {
          runId: run.id,
          kind: run.kind,
          total: run.total,
          counts: Object.fromEntries(Object.entries(c).filter(([, n]) => n > 0)),
          durationMs: Math.round(durationMs),
          ...(held.length ? { hostkeyHeld: held } : {}),
          ...(caller.auditRef !== undefined ? { requestAuditSeq: caller.auditRef } : {}),
        },
      });
    } catch (e) {
      this.o.logger.error('could not write the batch run summary to the audit log', { runId: run.id, error: e });
    }
  }

  /**
   * A run whose job ended without running it (cancelled while queued, or
   * interrupted by a shutdown or crash): every host not yet final is
   * cancelled, so no run stays "running" forever.
   */
  settleOrphan(runId: string, reason: string): void {
    const stored = this.store.getRun(runId);
    if (!stored || stored.run.finishedAt !== null || this.live.get(runId)?.execution) return;
    this.live.delete(runId);
    const hosts = this.store.hosts(runId);
    const changed: HostResult[] = [];
    const counts = emptyCounts();
    for (const h of hosts) {
      if (!isFinal(h.state)) {
        h.state = 'cancelled';
        h.error = reason;
        changed.push(h);
      }
      counts[h.state]++;
    }
    this.store.updateHosts(runId, changed);
    const run = { ...stored.run, counts };
    this.finish(run, { actor: run.actor }, (this.o.clock.now() - run.createdAt) | 0, true);
  }
}
