import type { Ci } from '../../../shared/api/cmdb-model';
import { connectableTypes } from '../../../shared/api/cmdb-model';
import { OpsError } from '../../../shared/api/errors';
import type { CollectorTarget } from '../../../shared/api/monitoring-collector';
import type { Logger } from '../../applog/types';
import type { Clock } from '../../clock';
import type { EventBus } from '../../rpc/events';
import type { Db } from '../../store/migration';
import type { SampleIn, SampleSink } from '../types';
import { judgeScrape, type HostRunner } from './run-scrape';
import { buildSamples, rateBasis, type HostReading } from './samples';
import { dueTargets, Limiter, nextSlot, phaseOf, scrapeTimeoutMs } from './schedule';
import { TargetStore, type ScheduleRow, type TargetRow } from './store';

export interface CollectorServiceOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  bus?: Pick<EventBus, 'publish'>;
  /** CmdbService.require: throws OpsError not_found for an unknown id */
  cis: { require(id: string): Ci };
  /** refuses a CI that cannot be connected to, with the reason (the SSH resolver) */
  checkConnectable?(ciId: string): void;
  run: HostRunner;
  sink: SampleSink;
  /** scrapes in flight at once (default 16) */
  maxConcurrent?: number;
  /** how long tick() waits for the scrapes it started before returning (default 5 s); the rest finish on their own */
  tickWaitMs?: number;
  /** a monotonic ms counter for durations (a fake clock cannot time a real scrape) */
  elapsed?: () => number;
}

const readable = `${connectableTypes.slice(0, -1).join(', ')} and ${connectableTypes.at(-1)}`;

/** What the collector keeps in memory per target. */
interface Live {
  nextDue: number;
  /** the previous good reading, for rates; dropped when a scrape fails so rates restart cleanly */
  prev?: HostReading;
}

/**
 * The agentless SSH collector: scrapes host CIs on their schedule over the
 * SSH pool, turns /proc readings into samples for the local series store, and
 * keeps each target's last outcome in the workspace.
 */
export class CollectorService {
  private readonly store: TargetStore;
  private readonly live = new Map<string, Live>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly limiter: Limiter;
  private readonly ac = new AbortController();
  private readonly log: Logger;
  private readonly elapsed: () => number;

  constructor(private readonly o: CollectorServiceOptions) {
    this.store = new TargetStore(o.db);
    this.limiter = new Limiter(o.maxConcurrent ?? 16);
    this.log = o.logger.child('monitoring.collector');
    this.elapsed = o.elapsed ?? (() => performance.now());
  }

  list(): CollectorTarget[] {
    return this.store
      .all()
      .map((r) => this.view(r))
      .sort((a, b) => a.ci.name.localeCompare(b.ci.name) || a.ci.id.localeCompare(b.ci.id));
  }

  set(input: { ciIds: string[]; enabled: boolean; intervalSec: number }): CollectorTarget[] {
    const ids = [...new Set(input.ciIds)];
    // Check everything before writing anything: one bad CI refuses the whole call.
    for (const id of ids) {
      const ci = this.o.cis.require(id);
      if (!connectableTypes.includes(ci.type)) {
        throw new OpsError('bad_input', `${ci.name} is a ${ci.type}; the SSH collector reads ${readable} CIs only.`, {
          ciId: id,
          type: ci.type,
        });
      }
      if (input.enabled) this.o.checkConnectable?.(id);
    }
    const now = this.o.clock.now();
    const before = new Map(ids.map((id) => [id, this.store.get(id)]));
    this.store.set(ids, input.enabled, input.intervalSec, now);
    for (const id of ids) {
      const was = before.get(id);
      if (!input.enabled) {
        this.live.delete(id);
        // Collection stopped: its series (host_up's 0 too) end here rather than hang on their last value.
        if (was?.enabled && was.state !== 'waiting') this.markStale(id, now);
      } else if (!was?.enabled) {
        this.live.delete(id); // due straight away (see dueAt)
      } else if (was.intervalSec !== input.intervalSec) {
        const live = this.live.get(id);
        const ms = input.intervalSec * 1000;
        if (live) live.nextDue = nextSlot(was.lastScrapeAt ?? now, ms, phaseOf(id, ms));
      }
    }
    return ids.map((id) => this.view(this.store.get(id)!));
  }

  /** Scrapes these targets (all enabled ones when none are named) now, and waits for them. */
  async scrapeNow(ciIds: readonly string[]): Promise<CollectorTarget[]> {
    const ids = ciIds.length > 0 ? [...new Set(ciIds)] : this.store.enabled().map((r) => r.ciId);
    for (const id of ids) {
      const row = this.store.get(id);
      const name = () => this.o.cis.require(id).name;
      if (!row) {
        throw new OpsError(
          'not_found',
          `${name()} is not collected from; turn collection on for it before scraping it.`,
          { ciId: id },
        );
      }
      if (!row.enabled) {
        throw new OpsError('conflict', `Collection from ${name()} is turned off; turn it on before scraping it.`, {
          ciId: id,
        });
      }
    }
    await Promise.all(ids.map((id) => this.scrape(id)));
    return ids.flatMap((id) => {
      const row = this.store.get(id);
      return row ? [this.view(row)] : [];
    });
  }

  /** Starts the scrapes due now; waits for them up to tickWaitMs. Never throws. */
  async tick(): Promise<void> {
    if (this.ac.signal.aborted) return;
    try {
      const now = this.o.clock.now();
      const rows = this.store.schedule();
      this.forgetRemoved(rows);
      const due = dueTargets(rows, now, (r) => this.dueAt(r, now), new Set(this.running.keys()));
      if (due.length === 0) return;
      const all = Promise.all(due.map((r) => this.scrape(r.ciId)));
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.o.tickWaitMs ?? 5_000);
        timer.unref?.();
      });
      await Promise.race([all, budget]);
      clearTimeout(timer);
    } catch (e) {
      this.log.error('collector tick failed', { error: e instanceof Error ? e.stack : String(e) });
    }
  }

  /** Scrapes in flight (tests and the status bar). */
  inFlight(): number {
    return this.running.size;
  }

  async close(): Promise<void> {
    this.ac.abort();
    await Promise.allSettled([...this.running.values()]);
  }

  // ---- one scrape --------------------------------------------------------

  /** At most one scrape per host at a time: a second request joins the one running. */
  private scrape(ciId: string): Promise<void> {
    const running = this.running.get(ciId);
    if (running) return running;
    const p = this.limiter
      .run(() => this.scrapeOnce(ciId))
      .catch((e: unknown) =>
        this.log.error('scrape crashed', { ciId, error: e instanceof Error ? e.stack : String(e) }),
      )
      .finally(() => this.running.delete(ciId));
    this.running.set(ciId, p);
    return p;
  }

  private async scrapeOnce(ciId: string): Promise<void> {
    const row = this.store.get(ciId);
    if (!row?.enabled || this.ac.signal.aborted) return;
    let ci: Ci;
    try {
      ci = this.o.cis.require(ciId);
    } catch {
      return; // deleted since: its target row went with it
    }
    const t = this.o.clock.now();
    const ms = row.intervalSec * 1000;
    const live = this.liveOf(row, t);
    live.nextDue = nextSlot(t, ms, phaseOf(ciId, ms));
    const started = this.elapsed();
    let result: { ok: true; reading: HostReading; problems: string[] } | { ok: false; error: string };
    try {
      const exec = await this.o.run(ciId, { timeoutMs: scrapeTimeoutMs(row.intervalSec), signal: this.ac.signal });
      const { scrape, problems } = judgeScrape(exec, ci.name);
      // Rates divide by the time between two reads of /proc: a slow connect before one of them
      // (a fresh handshake after a dropped connection) must not stretch that interval.
      const readAt = t + Math.max(0, Math.round(exec.startedAfterMs ?? 0));
      result = { ok: true, reading: { t: readAt, scrape }, problems };
    } catch (e) {
      result = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    const durationMs = this.elapsed() - started;
    if (this.ac.signal.aborted) return;
    // From here on synchronous: nothing can disable the target between the check and the writes.
    const now = this.store.get(ciId);
    if (!now?.enabled) return;
    const host = { ci: ciId, host: ci.name };
    if (result.ok) {
      const samples = buildSamples(live.prev, result.reading, host, durationMs);
      live.prev = { t: result.reading.t, scrape: rateBasis(result.reading.scrape) };
      const stored = this.append(ciId, samples);
      this.store.record(ciId, {
        state: 'ok',
        at: t,
        durationMs,
        error: stored,
        problems: result.problems,
        seriesCount: samples.length,
      });
    } else {
      live.prev = undefined;
      // The host's series end at t (a gap, never a drop to zero), all but host_up: its 0 is
      // written at t first, and a stale mark never ends a series before its newest sample.
      this.append(ciId, [{ labels: { __name__: 'host_up', ...host }, t, v: 0 }]);
      if (now.state !== 'stale') this.markStale(ciId, t);
      this.store.record(ciId, {
        state: 'stale',
        at: t,
        durationMs,
        error: result.error,
        problems: [],
        seriesCount: 1,
      });
      this.log.info('host did not answer', { ciId, error: result.error });
    }
    this.o.bus?.publish('monitoring.collector.scraped', this.view(this.store.get(ciId)!));
  }

  /** Writes samples; a store failure is kept on the target instead of failing the scrape. */
  private append(ciId: string, samples: SampleIn[]): string | null {
    try {
      this.o.sink.append(samples);
      return null;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      this.log.error('samples not stored', { ciId, error: msg });
      return `The host answered but its samples could not be stored: ${msg}`;
    }
  }

  private markStale(ciId: string, t: number): void {
    try {
      this.o.sink.markStale({ ci: ciId }, t);
    } catch (e) {
      this.log.error('could not mark series stale', { ciId, error: e instanceof Error ? e.message : String(e) });
    }
  }

  // ---- schedule ----------------------------------------------------------

  /** Drops what is kept for targets no longer enabled (a CI deleted, its row gone with it). */
  private forgetRemoved(rows: readonly ScheduleRow[]): void {
    if (this.live.size <= rows.length) return;
    const kept = new Set(rows.map((r) => r.ciId));
    for (const id of this.live.keys()) if (!kept.has(id) && !this.running.has(id)) this.live.delete(id);
  }

  private liveOf(row: ScheduleRow, now: number): Live {
    let live = this.live.get(row.ciId);
    if (!live) {
      live = { nextDue: this.initialDue(row, now) };
      this.live.set(row.ciId, live);
    }
    return live;
  }

  /** A new target is scraped at once; after a restart the schedule goes on from the last scrape. */
  private initialDue(row: ScheduleRow, now: number): number {
    if (row.state === 'waiting' || row.lastScrapeAt === null) return now;
    const ms = row.intervalSec * 1000;
    return nextSlot(row.lastScrapeAt, ms, phaseOf(row.ciId, ms));
  }

  private dueAt(row: ScheduleRow, now: number): number {
    return this.liveOf(row, now).nextDue;
  }

  private view(r: TargetRow): CollectorTarget {
    let ci: { id: string; name: string; type: string };
    try {
      const c = this.o.cis.require(r.ciId);
      ci = { id: c.id, name: c.name, type: c.type };
    } catch {
      ci = { id: r.ciId, name: r.ciId, type: 'host' };
    }
    return {
      ci,
      enabled: r.enabled,
      intervalSec: r.intervalSec,
      state: r.enabled ? r.state : 'disabled',
      lastScrapeAt: r.lastScrapeAt,
      lastDurationMs: r.lastDurationMs === null ? null : Math.round(r.lastDurationMs * 10) / 10,
      lastError: r.lastError,
      problems: r.problems,
      seriesCount: r.seriesCount,
    };
  }
}
