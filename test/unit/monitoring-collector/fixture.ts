import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../main/applog/types';
import { CmdbService } from '../../../main/cmdb/service';
import { JobRunner } from '../../../main/jobs/runner';
import { scrapeCommand } from '../../../main/monitoring/collect/scrape';
import type { HostRunner } from '../../../main/monitoring/collector/run-scrape';
import { CollectorService, type CollectorServiceOptions } from '../../../main/monitoring/collector/service';
import type { SampleIn, SampleSink } from '../../../main/monitoring/types';
import { EventBus } from '../../../main/rpc/events';
import { allMigrations } from '../../../main/schema';
import type { ExecResult } from '../../../main/ssh/types';
import { openWorkspace, type Workspace } from '../../../main/store/workspace';
import type { Ci, CiInput } from '../../../shared/api/cmdb-model';
import type { Labels } from '../../../shared/api/monitoring-model';
import type { CollectorTarget } from '../../../shared/api/monitoring-collector';

/** The sink is the collector's own seam: this one records every call in order. */
export class RecordingSink implements SampleSink {
  readonly calls: ({ kind: 'append'; samples: SampleIn[] } | { kind: 'stale'; match: Labels; t: number })[] = [];
  failWith: string | null = null;

  append(samples: readonly SampleIn[]): void {
    if (this.failWith) throw new Error(this.failWith);
    this.calls.push({ kind: 'append', samples: [...samples] });
  }

  markStale(match: Labels, t: number): void {
    this.calls.push({ kind: 'stale', match, t });
  }

  appends(ci?: string): SampleIn[][] {
    return this.calls
      .filter((c): c is { kind: 'append'; samples: SampleIn[] } => c.kind === 'append')
      .map((c) => c.samples)
      .filter((s) => !ci || s.some((x) => x.labels.ci === ci));
  }

  stales(): { match: Labels; t: number }[] {
    return this.calls.filter((c) => c.kind === 'stale').map((c) => c as { match: Labels; t: number });
  }

  clear(): void {
    this.calls.length = 0;
  }
}

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public t = Date.UTC(2026, 10, 27, 9, 0, 0)) {}
  now = () => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** The real scrape command, run on this machine (what sshd would run for it). */
export const localRun = (): Promise<ExecResult> =>
  new Promise((resolve, reject) =>
    execFile('sh', ['-c', scrapeCommand()], { maxBuffer: 8 << 20 }, (err, stdout, stderr) =>
      err ? reject(err) : resolve({ exitCode: 0, signal: null, stdout, stderr, truncated: false }),
    ),
  );

export interface CollectorFixture {
  dir: string;
  ws: Workspace;
  cmdb: CmdbService;
  clock: FakeClock;
  sink: RecordingSink;
  published: CollectorTarget[];
  service: CollectorService;
  /** a second service on the same workspace (an app restart) */
  reopen(o?: Partial<CollectorServiceOptions>): CollectorService;
  addCi(input: CiInput): Ci;
  close(): Promise<void>;
}

export function openCollector(run: HostRunner, o: Partial<CollectorServiceOptions> = {}): CollectorFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-collector-'));
  const clock = new FakeClock();
  const ws = openWorkspace({
    path: path.join(dir, 'w.opsroom'),
    clock,
    logger: silentLogger,
    migrations: allMigrations,
  });
  const jobs = new JobRunner({ db: ws.db, clock, logger: silentLogger });
  const cmdb = new CmdbService({ db: ws.db, clock, logger: silentLogger, jobs });
  const bus = new EventBus();
  const published: CollectorTarget[] = [];
  bus.subscribe('monitoring.collector.scraped', (p) => published.push(p));
  const sink = new RecordingSink();
  const services: CollectorService[] = [];
  const make = (extra: Partial<CollectorServiceOptions> = {}) => {
    const s = new CollectorService({
      db: ws.db,
      clock,
      logger: silentLogger,
      bus,
      cis: cmdb,
      run,
      sink,
      ...o,
      ...extra,
    });
    services.push(s);
    return s;
  };
  const service = make();
  return {
    dir,
    ws,
    cmdb,
    clock,
    sink,
    published,
    service,
    reopen: make,
    addCi: (input) => cmdb.create(input as never, { actor: 'tester', requestId: 'test' }),
    async close() {
      for (const s of services) await s.close();
      await jobs.shutdown();
      ws.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const host = (name: string): CiInput => ({
  type: 'host',
  name,
  connection: { address: '127.0.0.1', port: 22, user: 'lab' },
});
