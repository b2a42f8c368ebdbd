import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../../main/applog/types';
import { AuditLog } from '../../../main/audit/audit-log';
import { EventBus } from '../../../main/rpc/events';
import { allMigrations } from '../../../main/schema';
import { SshConnectionPool, type SshConnectionPoolOptions } from '../../../main/ssh/connection/pool';
import { HostKeyService } from '../../../main/ssh/hostkeys/service';
import { hostString } from '../../../main/ssh/known-hosts/matcher';
import type { AuthSource, Endpoint } from '../../../main/ssh/types';
import { openWorkspace, type Workspace } from '../../../main/store/workspace';
import { VaultService } from '../../../main/vault/service';

export interface SshFixture {
  dir: string;
  ws: Workspace;
  bus: EventBus;
  audit: AuditLog;
  vault: VaultService;
  hostKeys: HostKeyService;
  pool: SshConnectionPool;
  newPool(o?: Partial<SshConnectionPoolOptions>): SshConnectionPool;
  trust(s: { address: string; port: number; hostPublicKey: string }): void;
  close(): Promise<void>;
}

export async function openSshFixture(o: { waitTimeoutMs?: number } = {}): Promise<SshFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-sshconn-'));
  const clock = { now: () => Date.now() };
  const ws = openWorkspace({
    path: path.join(dir, 'w.opsroom'),
    clock,
    logger: silentLogger,
    migrations: allMigrations,
    readOnly: false,
  });
  const bus = new EventBus();
  const audit = new AuditLog({ db: ws.db, clock, bus });
  const vault = new VaultService({
    db: ws.db,
    clock,
    bus,
    logger: silentLogger,
    audit,
    autoLockMinutes: () => 0,
    kdfParams: { N: 2 ** 14, r: 8, p: 1 },
  });
  await vault.init('correct horse battery staple');
  const hostKeys = new HostKeyService({
    db: ws.db,
    clock,
    logger: silentLogger,
    audit,
    bus,
    waitTimeoutMs: o.waitTimeoutMs,
  });
  const pools: SshConnectionPool[] = [];
  const newPool = (p: Partial<SshConnectionPoolOptions> = {}) => {
    const pool = new SshConnectionPool({ vault, hostKeys, clock, logger: silentLogger, ...p });
    pools.push(pool);
    return pool;
  };
  const pool = newPool();
  return {
    dir,
    ws,
    bus,
    audit,
    vault,
    hostKeys,
    pool,
    newPool,
    trust(s) {
      const r = hostKeys.import(`${hostString(s.address, s.port)} ${s.hostPublicKey}\n`, 'test');
      if (r.imported + r.skipped !== 1) throw new Error(`trust failed: ${JSON.stringify(r)}`);
    },
    async close() {
      for (const p of pools) await p.closeAll();
      hostKeys.close();
      vault.close();
      ws.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let seq = 0;
export function endpoint(
  s: { address: string; port: number; user: string },
  auth: AuthSource,
  name?: string,
): Endpoint {
  return { ciId: `ci-${++seq}`, name: name ?? `lab-${s.port}`, host: s.address, port: s.port, user: s.user, auth };
}

export function countMatches(text: string, re: RegExp): number {
  return (text.match(new RegExp(re.source, 'g')) ?? []).length;
}

export const execOpts = { timeoutMs: 10_000, maxOutputBytes: 64 * 1024 };
