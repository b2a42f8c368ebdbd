import type { BatchRun, HostResult } from '../../../shared/api/ssh';
import { finalStates } from './batch-state';

/** Per host, what the renderer keeps of streamed output (the server stores its own, capped). */
const outputCap = 256 * 1024;

export interface LiveRun {
  run: BatchRun | null;
  hosts: Map<string, HostResult>;
  /** ci ids in the order they first appeared: the grid's rows */
  order: string[];
}

export function appendCapped(text: string, chunk: string, cap = outputCap): string {
  const next = text + chunk;
  return next.length > cap ? next.slice(next.length - cap) : next;
}

/**
 * A host event replaces the row, except the output it carries may be shorter than
 * what has already streamed in (events can be sent without the full text).
 */
export function mergeHost(prev: HostResult | undefined, next: HostResult): HostResult {
  if (!prev) return next;
  return {
    ...next,
    stdout: next.stdout.length >= prev.stdout.length ? next.stdout : prev.stdout,
    stderr: next.stderr.length >= prev.stderr.length ? next.stderr : prev.stderr,
  };
}

/**
 * Live state of the runs being watched, fed by ssh.batch.* events. Events for a run
 * may arrive before ssh.batch.run answers with its id, so every run is kept (the
 * last few), not only the one on screen. Listeners are told at most once a frame.
 */
export class LiveRuns {
  private readonly runs = new Map<string, LiveRun>();
  private readonly listeners = new Set<() => void>();
  private scheduled = false;
  version = 0;

  constructor(
    private readonly keep = 4,
    private readonly schedule: (fn: () => void) => void = (fn) => requestAnimationFrame(fn),
  ) {}

  get(runId: string): LiveRun | undefined {
    return this.runs.get(runId);
  }

  private ensure(runId: string): LiveRun {
    let r = this.runs.get(runId);
    if (!r) {
      r = { run: null, hosts: new Map(), order: [] };
      this.runs.set(runId, r);
      while (this.runs.size > this.keep) this.runs.delete(this.runs.keys().next().value!);
    }
    return r;
  }

  setRun(run: BatchRun): void {
    this.ensure(run.id).run = run;
    this.changed();
  }

  setHost(runId: string, host: HostResult): void {
    const r = this.ensure(runId);
    const id = host.ci.id;
    if (!r.hosts.has(id)) r.order.push(id);
    r.hosts.set(id, mergeHost(r.hosts.get(id), host));
    this.changed();
  }

  output(runId: string, ciId: string, stream: 'stdout' | 'stderr', chunk: string): void {
    const h = this.runs.get(runId)?.hosts.get(ciId);
    if (!h) return;
    this.runs.get(runId)!.hosts.set(ciId, { ...h, [stream]: appendCapped(h[stream], chunk) });
    this.changed();
  }

  /** The full state from ssh.batch.get; live rows that are further along are kept. */
  load(run: BatchRun, hosts: readonly HostResult[]): void {
    const r = this.ensure(run.id);
    r.run = run;
    for (const h of hosts) {
      if (!r.hosts.has(h.ci.id)) r.order.push(h.ci.id);
      const live = r.hosts.get(h.ci.id);
      // A final state on the server is the truth; otherwise the live row may be newer.
      r.hosts.set(h.ci.id, !live ? h : finalStates.has(h.state) ? mergeHost(live, h) : mergeHost(h, live));
    }
    this.changed();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed() {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.version++;
      for (const l of this.listeners) l();
    });
  }
}
