import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../main/applog/types';
import { AuditLog } from '../../../main/audit/audit-log';
import { CmdbService } from '../../../main/cmdb/service';
import { JobRunner } from '../../../main/jobs/runner';
import { BatchService } from '../../../main/ssh/batch/service';
import type { BatchTopic } from '../../../main/ssh/batch/types';
import type { SshPool, TargetResolver } from '../../../main/ssh/types';
import { allMigrations } from '../../../main/schema';
import type { Migration } from '../../../main/store/migration';
import { openWorkspace, type Workspace } from '../../../main/store/workspace';
import type { CiInput } from '../../../shared/api/cmdb-model';
import type { Ci } from '../../../shared/api/cmdb-model';

/** The real schema: every domain's migrations, as the app applies them. */
export const batchTestMigrations: Migration[] = [...allMigrations];

export interface BusEvent {
  topic: BatchTopic;
  payload: unknown;
  at: number;
}

export interface BatchFixture {
  dir: string;
  workspace: Workspace;
  cmdb: CmdbService;
  jobs: JobRunner;
  audit: AuditLog;
  service: BatchService;
  events: BusEvent[];
  settings: { confirmOver: number };
  /** subscribe to the bus; returns an unsubscribe */
  on(fn: (e: BusEvent) => void): () => void;
  addCi(input: CiInput): Ci;
  close(): Promise<void>;
}

export function openBatch(opts: {
  pool: SshPool;
  resolver: (cmdb: CmdbService) => TargetResolver;
  keepEvents?: boolean;
  maxOutputBytes?: number;
}): BatchFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-batch-'));
  const clock = { now: () => Date.now() };
  const workspace = openWorkspace({
    path: path.join(dir, 'workspace.db'),
    clock,
    logger: silentLogger,
    migrations: batchTestMigrations,
  });
  const db = workspace.db;
  const jobs = new JobRunner({ db, clock, logger: silentLogger, concurrency: 4 });
  const cmdb = new CmdbService({ db, clock, logger: silentLogger, jobs });
  const audit = new AuditLog({ db, clock });
  const events: BusEvent[] = [];
  const listeners = new Set<(e: BusEvent) => void>();
  const settings = { confirmOver: 100_000 };
  const service = new BatchService({
    pool: opts.pool,
    resolver: opts.resolver(cmdb),
    cmdb,
    jobs,
    db,
    clock,
    logger: silentLogger,
    audit,
    settings: () => settings,
    maxOutputBytes: opts.maxOutputBytes,
    bus: {
      publish(topic, payload) {
        const e = { topic, payload, at: performance.now() };
        if (opts.keepEvents !== false) events.push(e);
        for (const l of listeners) l(e);
      },
    },
  });
  const ctx = { actor: 'tester', requestId: 'test' };
  return {
    dir,
    workspace,
    cmdb,
    jobs,
    audit,
    service,
    events,
    settings,
    on(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    addCi: (input) => cmdb.create(input as never, ctx),
    async close() {
      await jobs.shutdown();
      workspace.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
