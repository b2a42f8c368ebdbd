import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { silentLogger } from '../../../main/applog/types';
import { CmdbService } from '../../../main/cmdb/service';
import { JobRunner } from '../../../main/jobs/runner';
import { PromClients } from '../../../main/monitoring/prometheus/engines';
import { DatasourceService } from '../../../main/monitoring/prometheus/service';
import { allMigrations } from '../../../main/schema';
import { OpsError } from '../../../shared/api/errors';
import { openWorkspace, type Workspace } from '../../../main/store/workspace';
import { VaultService } from '../../../main/vault/service';

/** A real workspace with a real (unlocked, fast-KDF) vault and CMDB, and the datasource service over them. */
export interface DsFixture {
  dir: string;
  ws: Workspace;
  clock: { now(): number; set(ms: number): void };
  vault: VaultService;
  cmdb: CmdbService;
  clients: PromClients;
  service: DatasourceService;
  close(): Promise<void>;
}

export async function openDsFixture(): Promise<DsFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-promds-'));
  let now = Date.parse('2026-11-27T08:00:00Z');
  const clock = { now: () => now, set: (ms: number) => void (now = ms) };
  const ws = openWorkspace({
    path: path.join(dir, 'w.sqlite'),
    clock,
    logger: silentLogger,
    // Only the steps this part builds on (other parts' migrations come and go while they are written).
    migrations: allMigrations.filter((m) => m.version <= 10),
  });
  const jobs = new JobRunner({ db: ws.db, clock, logger: silentLogger });
  const vault = new VaultService({
    db: ws.db,
    clock,
    logger: silentLogger,
    autoLockMinutes: () => 0,
    kdfParams: { N: 2 ** 14, r: 8, p: 1 },
  });
  await vault.init('correct horse battery staple');
  const cmdb = new CmdbService({ db: ws.db, clock, logger: silentLogger, jobs, vault });
  const clients = new PromClients({ clock, reveal: (id) => vault.reveal(id), ssh: null });
  const service = new DatasourceService({
    db: ws.db,
    clock,
    logger: silentLogger,
    clients,
    checks: { describeSecret: (id) => vault.describe(id), ci: (id) => cmdb.require(id) },
  });
  return {
    dir,
    ws,
    clock,
    vault,
    cmdb,
    clients,
    service,
    async close() {
      clients.closeAll();
      await jobs.shutdown();
      vault.close();
      ws.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A self-signed CA made by openssl, valid for `days` (negative: already expired is not possible with -days, see caller). */
export function makeCa(dir: string, name: string, days = 30): { keyPath: string; certPath: string; pem: string } {
  const keyPath = path.join(dir, `${name}.key`);
  const certPath = path.join(dir, `${name}.crt`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      String(days),
      '-subj',
      `/CN=${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    { stdio: 'pipe' },
  );
  return { keyPath, certPath, pem: fs.readFileSync(certPath, 'utf8') };
}

/** The OpsError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function failure(p: Promise<unknown>): Promise<OpsError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OpsError);
    return e as OpsError;
  }
  throw new Error('expected a failure');
}

/** This machine's MemTotal in bytes, which node_exporter reports as node_memory_MemTotal_bytes. */
export function memTotalBytes(): number {
  return Number(/^MemTotal:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
}
