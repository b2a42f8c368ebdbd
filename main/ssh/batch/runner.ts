import { setMaxListeners } from 'node:events';
import type { HostResult, HostState } from '../../../shared/api/ssh';
import type { Logger } from '../../applog/types';
import type { Clock } from '../../clock';
import type { Lease, SshPool, TargetResolver } from '../types';
import { CANCELLED, classify, raceAbort, TIMEOUT, type HostOp, type HostTarget, type OpResult } from './host-run';
import { emptyCounts } from './store';

export interface ExecutionHost extends HostTarget {
  /** what the op gets (a rendered command, a remote path); null when `error` says why it cannot run */
  payload: string | null;
  error: string | null;
}

export interface ExecutionSinks {
  /** a host moved (published on 'ssh.batch.host') */
  host(h: HostResult): void;
  /** output, batched per host and stream (~50 ms) */
  output(ciId: string, stream: 'stdout' | 'stderr', chunk: string): void;
  /** counts changed (throttled to ~100 ms; the last call is exact) */
  counts(counts: Record<HostState, number>, done: number): void;
  /** host rows to store, batched */
  store(hosts: HostResult[]): void;
}

export interface ExecutionOptions {
  hosts: readonly ExecutionHost[];
  concurrency: number;
  timeoutSec: number;
  maxOutputBytes: number;
  pool: SshPool;
  resolver: TargetResolver;
  op: HostOp;
  actor: string;
  clock: Clock;
  logger: Logger;
  sinks: ExecutionSinks;
  /** aborts the whole run */
  signal: AbortSignal;
}

const outputEveryMs = 50;
const countsEveryMs = 100;
const storeEveryMs = 200;
/** after a deadline, how long an op gets to give its lease back before it is released anyway */
const releaseGraceMs = 2_000;

const finalStates: readonly HostState[] = [
  'ok',
  'failed',
  'timed-out',
  'unreachable',
  'auth-failed',
  'hostkey-held',
  'hostkey-changed',
  'cancelled',
];
export const isFinal = (s: HostState): boolean => finalStates.includes(s);

/**
 * Runs one op on many hosts with at most `concurrency` at once. Each host has
 * one deadline for login and work together; when it passes (or the host or
 * the run is cancelled) the host gets its final state at once, whatever the
 * connection is doing, and the worker moves on. Nothing per host outlives the
 * host: its controller, timers and output buffers are dropped when it ends,
 * and its result goes to the store, not to memory.
 */
export class Execution {
  private readonly states: HostState[];
  private readonly index = new Map<string, number>();
  private readonly active = new Map<number, AbortController>();
  private readonly counts = emptyCounts();
  private done = 0;
  private next = 0;
  private pendingStore = new Map<string, HostResult>();
  private readonly pendingOut = new Map<string, { ciId: string; stream: 'stdout' | 'stderr'; text: string }>();
  /** bytes streamed per host and stream; beyond the cap nothing more is published (it is not stored either) */
  private readonly streamed = new Map<string, number>();
  private outTimer?: NodeJS.Timeout;
  private countsTimer?: NodeJS.Timeout;
  private storeTimer?: NodeJS.Timeout;
  private lastCounts = -Infinity;

  /** the run's own signal: one listener on the caller's, then one per active host on this one */
  private readonly runSignal: AbortSignal;

  constructor(private readonly o: ExecutionOptions) {
    const ac = new AbortController();
    if (o.signal.aborted) ac.abort(o.signal.reason);
    else o.signal.addEventListener('abort', () => ac.abort(o.signal.reason), { once: true });
    setMaxListeners(o.concurrency + 16, ac.signal);
    this.runSignal = ac.signal;
    this.states = o.hosts.map(() => 'queued');
    o.hosts.forEach((h, i) => this.index.set(h.ci.id, i));
    this.counts.queued = o.hosts.length;
  }

  async run(): Promise<Record<HostState, number>> {
    const workers = Math.max(1, Math.min(this.o.concurrency, this.o.hosts.length));
    await Promise.all(Array.from({ length: workers }, () => this.worker()));
    this.flushOutput();
    this.flushStore();
    clearTimeout(this.countsTimer);
    this.o.sinks.counts({ ...this.counts }, this.done);
    return { ...this.counts };
  }

  /** Cancels one host: a queued one never starts, a running one is stopped. False when it had already ended. */
  cancelHost(ciId: string): boolean {
    const i = this.index.get(ciId);
    if (i === undefined || isFinal(this.states[i]!)) return false;
    const ac = this.active.get(i);
    if (ac) ac.abort(CANCELLED);
    else this.finish(i, this.result(i, 'cancelled', null, 'Cancelled before it started.'));
    return true;
  }

  /** Host rows not yet written go to the store now (before a read). */
  flushStore(): void {
    clearTimeout(this.storeTimer);
    this.storeTimer = undefined;
    if (!this.pendingStore.size) return;
    const batch = [...this.pendingStore.values()];
    this.pendingStore = new Map();
    this.o.sinks.store(batch);
  }

  private async worker(): Promise<void> {
    while (this.next < this.o.hosts.length) {
      const i = this.next++;
      if (isFinal(this.states[i]!)) continue; // cancelled while queued
      if (this.runSignal.aborted) {
        this.finish(i, this.result(i, 'cancelled', null, 'The run was cancelled before this host started.'));
        continue;
      }
      const h = this.o.hosts[i]!;
      if (h.payload === null) {
        this.finish(i, this.result(i, 'failed', null, h.error ?? 'Nothing to run on this host.'));
        continue;
      }
      await this.runHost(i, h, h.payload);
    }
  }

  private async runHost(i: number, h: ExecutionHost, payload: string): Promise<void> {
    const { timeoutSec } = this.o;
    const timeoutMs = timeoutSec * 1000;
    const ac = new AbortController();
    this.active.set(i, ac);
    const onRunAbort = () => ac.abort(CANCELLED);
    this.runSignal.addEventListener('abort', onRunAbort, { once: true });
    const deadline = setTimeout(() => ac.abort(TIMEOUT), timeoutMs);
    const startedAt = this.o.clock.now();
    const t0 = performance.now();
    const left = () => Math.max(1, timeoutMs - (performance.now() - t0));
    let phase: 'connecting' | 'running' = 'connecting';
    this.move(i, this.result(i, 'connecting', startedAt, null));
    let res: HostResult;
    try {
      const target = this.o.resolver.resolve(h.ci.id);
      const lease = await raceAbort(
        this.o.pool.acquire(target, { signal: ac.signal, timeoutMs: left(), hostKeyMode: 'hold', actor: this.o.actor }),
        ac.signal,
        (late) => late.release(),
      );
      phase = 'running';
      this.move(i, this.result(i, 'running', startedAt, null));
      const out = await this.withLease(lease, ac.signal, (l) =>
        this.o.op(l, h, payload, {
          signal: ac.signal,
          timeoutMs: left(),
          maxOutputBytes: this.o.maxOutputBytes,
          onStdout: (c) => this.stream(i, 'stdout', c),
          onStderr: (c) => this.stream(i, 'stderr', c),
        }),
      );
      res = this.fromOp(i, startedAt, performance.now() - t0, out);
    } catch (e) {
      const c = classify(e, ac.signal, phase, h, timeoutSec);
      res = { ...this.result(i, c.state, startedAt, c.message), durationMs: Math.round(performance.now() - t0) };
    } finally {
      clearTimeout(deadline);
      this.runSignal.removeEventListener('abort', onRunAbort);
      this.active.delete(i);
    }
    this.finish(i, res);
  }

  /** Runs fn on the lease and gives the lease back when fn settles (or, if it hangs, soon after the abort). */
  private async withLease(lease: Lease, signal: AbortSignal, fn: (l: Lease) => Promise<OpResult>): Promise<OpResult> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      try {
        lease.release();
      } catch (e) {
        this.o.logger.warn('releasing an SSH lease failed', { error: String(e) });
      }
    };
    const p = fn(lease);
    p.then(release, release);
    try {
      return await raceAbort(p, signal);
    } catch (e) {
      if (signal.aborted) setTimeout(release, releaseGraceMs).unref?.();
      throw e;
    }
  }

  private fromOp(i: number, startedAt: number, ms: number, r: OpResult): HostResult {
    return {
      ...this.result(i, r.state, startedAt, r.error),
      exitCode: r.exitCode,
      signal: r.signal,
      durationMs: Math.round(ms),
      stdout: r.stdout,
      stderr: r.stderr,
      truncated: r.truncated,
      sha256: r.sha256,
    };
  }

  private result(i: number, state: HostState, startedAt: number | null, error: string | null): HostResult {
    const h = this.o.hosts[i]!;
    return {
      ci: h.ci,
      address: h.address,
      state,
      exitCode: null,
      signal: null,
      startedAt,
      durationMs: null,
      stdout: '',
      stderr: '',
      truncated: false,
      error,
      sha256: null,
    };
  }

  private move(i: number, r: HostResult): void {
    const before = this.states[i]!;
    if (isFinal(before)) return;
    this.states[i] = r.state;
    this.counts[before]--;
    this.counts[r.state]++;
    this.pendingStore.set(r.ci.id, r);
    this.storeTimer ??= setTimeout(() => this.flushStore(), storeEveryMs);
    this.o.sinks.host(r);
    this.countsChanged();
  }

  private finish(i: number, r: HostResult): void {
    if (isFinal(this.states[i]!)) return;
    this.flushOutput(r.ci.id);
    this.streamed.delete(`stdout\u0000${r.ci.id}`);
    this.streamed.delete(`stderr\u0000${r.ci.id}`); // a host's output arrives before its final state
    this.done++;
    this.move(i, r);
  }

  private stream(i: number, stream: 'stdout' | 'stderr', chunk: string): void {
    if (isFinal(this.states[i]!)) return;
    const ciId = this.o.hosts[i]!.ci.id;
    const key = `${stream}\u0000${ciId}`;
    const sent = this.streamed.get(key) ?? 0;
    if (sent >= this.o.maxOutputBytes) return;
    this.streamed.set(key, sent + chunk.length);
    const p = this.pendingOut.get(key);
    if (p) p.text += chunk;
    else this.pendingOut.set(key, { ciId, stream, text: chunk });
    this.outTimer ??= setTimeout(() => this.flushOutput(), outputEveryMs);
  }

  private flushOutput(onlyCi?: string): void {
    if (onlyCi === undefined) {
      clearTimeout(this.outTimer);
      this.outTimer = undefined;
    }
    for (const [key, p] of this.pendingOut) {
      if (onlyCi !== undefined && p.ciId !== onlyCi) continue;
      this.pendingOut.delete(key);
      this.o.sinks.output(p.ciId, p.stream, p.text);
    }
  }

  private countsChanged(): void {
    const now = performance.now();
    if (now - this.lastCounts >= countsEveryMs) {
      this.lastCounts = now;
      this.o.sinks.counts({ ...this.counts }, this.done);
    } else {
      this.countsTimer ??= setTimeout(() => {
        this.countsTimer = undefined;
        this.lastCounts = performance.now();
        this.o.sinks.counts({ ...this.counts }, this.done);
      }, countsEveryMs);
    }
  }
}
