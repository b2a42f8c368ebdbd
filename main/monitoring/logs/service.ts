import { randomUUID } from 'node:crypto';
import { connectableTypes } from '../../../shared/api/cmdb-model';
import { OpsError } from '../../../shared/api/errors';
import type { LogEntry, LogSource } from '../../../shared/api/monitoring-logs';
import { Semaphore } from '../../ssh/connection/limits';
import type { MonitoringDeps } from '../part-types';
import { LineStore } from './lines';
import { defaultPullLimits, pullSource, type PullLimits } from './puller';
import { searchLogs, type LogSearch, type LogSearchResult } from './search';
import { SourceStore, type SourceRow, type SourceWrite } from './sources';

export interface LogsOptions {
  limits?: Partial<PullLimits>;
  /** sources pulled at once */
  concurrency?: number;
  /** how long tick() waits for the pulls it started before returning (the rest go on in the background) */
  tickWaitMs?: number;
  /** retention runs at most this often */
  retentionEveryMs?: number;
}

export type SourceInput = Omit<SourceWrite, 'id'> & { id?: string };

const DAY = 86_400_000;
const RETENTION_BATCH = 5000;
const TAIL_CHUNK = 1000;

/**
 * Log sources, their pulls on a schedule, retention and search. A tick never
 * waits long on a slow host: pulls run in the background (a few at a time,
 * never two of one source) and tick() waits at most `tickWaitMs` for them, so
 * alert evaluation in the same pass is not held up by an unreachable host.
 */
export class LogsService {
  readonly sources: SourceStore;
  readonly lines: LineStore;
  private readonly limits: PullLimits;
  private readonly slots: Semaphore;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** stops running pulls at close, so shutdown does not wait out a hung host's timeouts */
  private readonly abort = new AbortController();
  private lastRetention = -Infinity;
  private closed = false;

  constructor(
    private readonly deps: MonitoringDeps,
    private readonly o: LogsOptions = {},
  ) {
    this.sources = new SourceStore(deps.db);
    this.lines = new LineStore(deps.db);
    this.limits = { ...defaultPullLimits, ...o.limits };
    this.slots = new Semaphore(() => o.concurrency ?? 8);
  }

  list(): LogSource[] {
    return this.sources.list();
  }

  save(input: SourceInput): LogSource {
    const ci = this.deps.cmdb.require(input.ciId);
    if (!connectableTypes.includes(ci.type)) {
      throw new OpsError(
        'bad_input',
        `${ci.name} is a ${ci.type}; logs are pulled over SSH from host, vm and network-device CIs only.`,
        {
          ciId: ci.id,
        },
      );
    }
    const path = input.path?.trim() || null;
    if (path !== null && (!path.startsWith('/') || /[\0\n\r]/.test(path))) {
      throw new OpsError(
        'bad_input',
        `"${path.slice(0, 200)}" is not an absolute path on the host; write it from the root, e.g. /var/log/syslog.`,
        {
          path: path.slice(0, 200),
        },
      );
    }
    if (input.kind === 'file' && !path) {
      throw new OpsError(
        'bad_input',
        'A file source needs the path of the log file on the host, e.g. /var/log/nginx/error.log.',
      );
    }
    if (input.kind === 'file' && input.units.length) {
      throw new OpsError('bad_input', 'Units filter journal sources only; leave them empty for a file source.');
    }
    const units = [...new Set(input.units.map((u) => u.trim()))].sort();
    if (units.some((u) => /[\0\n\r]/.test(u)))
      throw new OpsError('bad_input', 'A unit name cannot contain control characters.');

    const before = input.id ? this.sources.get(input.id) : undefined;
    if (input.id && !before) {
      throw new OpsError('not_found', `There is no log source "${input.id}"; it may have been deleted.`, {
        id: input.id,
      });
    }
    const same = this.deps.db
      .prepare<[string, string, string, string, string], { id: string }>(
        `SELECT id FROM monitoring_log_sources WHERE ci_id = ? AND kind = ? AND coalesce(path, '') = ? AND units = ? AND id != ?`,
      )
      .get(ci.id, input.kind, path ?? '', JSON.stringify(units), input.id ?? '');
    if (same) {
      throw new OpsError('conflict', `${ci.name} already has this ${input.kind} source; edit that one instead.`, {
        id: same.id,
      });
    }
    const id = input.id ?? randomUUID();
    const reset = !!before && (before.ciId !== ci.id || before.kind !== input.kind || before.path !== path);
    this.sources.save(
      { id, ciId: ci.id, kind: input.kind, path, units, enabled: input.enabled, intervalSec: input.intervalSec },
      this.deps.clock.now(),
      reset,
    );
    return this.sources.view(id)!;
  }

  delete(id: string): boolean {
    return this.sources.delete(id);
  }

  /** Pulls now and waits: the named sources, or every enabled one. */
  async pull(ids: readonly string[]): Promise<LogSource[]> {
    const rows = ids.length
      ? ids.map((id) => {
          const r = this.sources.get(id);
          if (!r) throw new OpsError('not_found', `There is no log source "${id}"; it may have been deleted.`, { id });
          return r;
        })
      : this.sources.enabled();
    await Promise.all(rows.map((r) => this.start(r.id, true)));
    return rows.map((r) => this.sources.view(r.id)).filter((s): s is LogSource => !!s);
  }

  search(s: LogSearch): LogSearchResult {
    return searchLogs(this.deps.db, s, this.deps.clock.now());
  }

  async tick(): Promise<void> {
    if (this.closed) return;
    const now = this.deps.clock.now();
    try {
      await this.retention(now);
    } catch (e) {
      this.deps.logger.error('log retention failed', { error: e instanceof Error ? e.message : String(e) });
    }
    const started = this.sources
      .enabled()
      .filter((r) => !this.inFlight.has(r.id) && isDue(r, now))
      .map((r) => this.start(r.id, false));
    if (!started.length) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(started),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.o.tickWaitMs ?? 5000);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  /** Resolves when no pull is running (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight.values()]);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    await this.idle();
  }

  /**
   * One pull of a source, queued behind the concurrency limit. A scheduled
   * pull of a source already being pulled is skipped; an explicit one waits
   * for it and then pulls again, since the person asked for what is there now.
   */
  private start(id: string, explicit: boolean): Promise<void> {
    const running = this.inFlight.get(id);
    if (running && !explicit) return running;
    const p = (async () => {
      if (running) await running;
      const free = await this.slots.acquire();
      try {
        const row = this.sources.get(id);
        if (!row || this.closed) return;
        await pullSource(
          {
            clock: this.deps.clock,
            logger: this.deps.logger,
            ssh: this.deps.ssh,
            cmdb: this.deps.cmdb,
            lines: this.lines,
            recordFailure: (sid, at, error, opts) => this.sources.recordAttempt(sid, at, error, opts),
            publish: (sid, entries) => this.publish(sid, entries),
            signal: this.abort.signal,
          },
          row,
          this.limits,
        );
      } finally {
        free();
      }
    })().finally(() => {
      if (this.inFlight.get(id) === p) this.inFlight.delete(id);
    });
    this.inFlight.set(id, p);
    return p;
  }

  private publish(sourceId: string, entries: LogEntry[]): void {
    for (let i = 0; i < entries.length; i += TAIL_CHUNK) {
      this.deps.bus.publish('monitoring.logs.lines', { sourceId, entries: entries.slice(i, i + TAIL_CHUNK) });
    }
  }

  private async retention(now: number): Promise<void> {
    if (now - this.lastRetention < (this.o.retentionEveryMs ?? 5 * 60_000)) return;
    this.lastRetention = now;
    const days = this.deps.settings.get()['monitoring.logsRetentionDays'];
    const before = now - days * DAY;
    let removed = 0;
    for (;;) {
      const n = this.lines.deleteOlderThan(before, RETENTION_BATCH);
      removed += n;
      if (n < RETENTION_BATCH) break;
      // Let calls in between: a first retention pass over a big backlog is many batches.
      await new Promise((r) => setImmediate(r));
    }
    if (removed) this.deps.logger.info('log retention', { removed, olderThanDays: days });
  }
}

function isDue(r: SourceRow, now: number): boolean {
  return r.more || r.lastPullAt === null || now - r.lastPullAt >= r.intervalSec * 1000;
}
