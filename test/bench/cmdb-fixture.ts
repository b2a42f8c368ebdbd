import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../main/applog/types';
import { systemClock } from '../../main/clock';
import { CmdbService } from '../../main/cmdb/service';
import { JobRunner } from '../../main/jobs/runner';
import { allMigrations } from '../../main/schema';
import type { Migration } from '../../main/store/migration';
import { openWorkspace, type Workspace } from '../../main/store/workspace';

export function benchMigrations(): Migration[] {
  return [...allMigrations];
}

export interface BenchCmdb {
  dir: string;
  workspace: Workspace;
  jobs: JobRunner;
  cmdb: CmdbService;
  close(): Promise<void>;
}

export function openBenchCmdb(prefix: string): BenchCmdb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `opsroom-bench-${prefix}-`));
  const workspace = openWorkspace({
    path: path.join(dir, 'workspace.db'),
    clock: systemClock,
    logger: silentLogger,
    migrations: benchMigrations(),
  });
  const jobs = new JobRunner({ db: workspace.db, clock: systemClock, logger: silentLogger });
  const cmdb = new CmdbService({ db: workspace.db, clock: systemClock, logger: silentLogger, jobs });
  return {
    dir,
    workspace,
    jobs,
    cmdb,
    async close() {
      await jobs.shutdown();
      workspace.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const roles = ['web', 'api', 'db', 'cache', 'queue', 'worker', 'bastion', 'backup'];
const envs = ['prod', 'staging', 'dev', 'qa'];
const teams = ['platform', 'payments', 'search', 'identity', 'data'];
const oses = ['debian-12', 'ubuntu-24.04', 'rhel-9', 'alpine-3.20'];

/** One generated host per index, deterministic, as the CSV row and as plain values. */
export function benchHost(i: number) {
  const role = roles[i % roles.length]!;
  return {
    name: `${role}-${String(i).padStart(6, '0')}`,
    type: 'host',
    environment: envs[i % envs.length]!,
    status: 'active',
    ownerTeam: teams[i % teams.length]!,
    tags: [role, `dc${i % 3}`],
    address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    port: 22,
    user: 'ops',
    rack: `r${i % 40}`,
    os: oses[i % oses.length]!,
    description: `${role} server ${i} in rack r${i % 40}`,
  };
}

export function benchCsv(n: number): string {
  const lines = ['name,type,environment,status,ownerTeam,tags,address,port,user,fields.rack,fields.os,description'];
  for (let i = 0; i < n; i++) {
    const h = benchHost(i);
    lines.push(
      [
        h.name,
        h.type,
        h.environment,
        h.status,
        h.ownerTeam,
        h.tags.join(';'),
        h.address,
        h.port,
        h.user,
        h.rack,
        h.os,
        h.description,
      ].join(','),
    );
  }
  return lines.join('\n') + '\n';
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
