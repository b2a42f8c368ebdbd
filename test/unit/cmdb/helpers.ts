import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../main/applog/types';
import { CmdbService, type CmdbServiceOptions, type WriteContext } from '../../../main/cmdb/service';
import { JobRunner } from '../../../main/jobs/runner';
import { EventBus } from '../../../main/rpc/events';
import { allMigrations } from '../../../main/schema';
import type { Migration } from '../../../main/store/migration';
import { openWorkspace, type Workspace } from '../../../main/store/workspace';

/** The real schema: every domain's migrations, as the app applies them. */
export const cmdbTestMigrations: Migration[] = [...allMigrations];

export interface Clock {
  t: number;
  now(): number;
}

export interface CmdbFixture {
  dir: string;
  file: string;
  workspace: Workspace;
  clock: Clock;
  bus: EventBus;
  jobs: JobRunner;
  cmdb: CmdbService;
  ctx: WriteContext;
  close(): Promise<void>;
}

export function openCmdb(extra: Partial<CmdbServiceOptions> = {}): CmdbFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-cmdb-'));
  const file = path.join(dir, 'workspace.db');
  const clock: Clock = { t: Date.UTC(2026, 10, 27, 9, 0, 0), now: () => clock.t };
  const workspace = openWorkspace({ path: file, clock, logger: silentLogger, migrations: cmdbTestMigrations });
  const bus = new EventBus();
  const jobs = new JobRunner({ db: workspace.db, clock, bus, logger: silentLogger });
  const cmdb = new CmdbService({ db: workspace.db, clock, bus, logger: silentLogger, jobs, ...extra });
  return {
    dir,
    file,
    workspace,
    clock,
    bus,
    jobs,
    cmdb,
    ctx: { actor: 'alice', requestId: 'req-1', auditRef: 42 },
    async close() {
      await jobs.shutdown();
      workspace.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A CI input with the defaults the router would fill in. */
export function host(name: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'host',
    name,
    description: '',
    ownerTeam: null,
    ownerPerson: null,
    environment: 'prod',
    status: 'active' as const,
    criticality: null,
    tags: [],
    fields: {},
    connection: null,
    ...extra,
  };
}
