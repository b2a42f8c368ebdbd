import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { VaultStatus } from '../../../shared/api/vault';
import { silentLogger, type Logger } from '../../../main/applog/types';
import { AuditLog } from '../../../main/audit/audit-log';
import { auditMigrations } from '../../../main/audit/schema';
import { jobsMigrations } from '../../../main/jobs/schema';
import { EventBus } from '../../../main/rpc/events';
import { createRouter, type Handlers, type Router } from '../../../main/rpc/router';
import { settingsMigrations } from '../../../main/settings/schema';
import type { Db } from '../../../main/store/migration';
import { storeMigrations } from '../../../main/store/schema';
import { openWorkspace, type Workspace } from '../../../main/store/workspace';
import { vaultHandlers } from '../../../main/vault/handlers';
import type { KdfParams } from '../../../main/vault/kdf';
import type { Rememberer } from '../../../main/vault/rememberer';
import { vaultMigrations } from '../../../main/vault/schema';
import { VaultService, type VaultUsage } from '../../../main/vault/service';

/** Cheap scrypt for tests; one test uses the real default. */
export const fastKdf: KdfParams = { N: 2 ** 14, r: 8, p: 1 };
export const PASS = 'correct horse battery staple';

export const migrations = [...storeMigrations, ...auditMigrations, ...jobsMigrations, ...settingsMigrations];

export interface VaultFixture {
  dir: string;
  file: string;
  ws: Workspace;
  db: Db;
  clock: { t: number; now(): number };
  bus: EventBus;
  audit: AuditLog;
  vault: VaultService;
  router: Router;
  events: VaultStatus[];
  /** every data key buffer the vault held, in order */
  deks: Buffer[];
  minutes: { value: number };
  /** a second connection to the same file, as someone with another SQLite tool */
  tamper(): Db;
  /** a fresh VaultService on the same file (a restart) */
  restart(opts?: Partial<FixtureOptions>): VaultService;
  close(): void;
}

export interface FixtureOptions {
  kdfParams: KdfParams;
  usage: VaultUsage;
  rememberer: Rememberer;
  logger: Logger;
  dir: string;
}

export async function openVault(opts: Partial<FixtureOptions> = {}): Promise<VaultFixture> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-vault-'));
  const file = path.join(dir, 'workspace.opsroom');
  const clock = { t: Date.UTC(2026, 10, 27, 9, 0, 0), now: () => clock.t };
  const logger = opts.logger ?? silentLogger;
  const ws = openWorkspace({
    path: file,
    clock,
    logger,
    migrations: [...migrations, ...vaultMigrations],
    readOnly: false,
  });
  const bus = new EventBus();
  const audit = new AuditLog({ db: ws.db, clock, bus });
  const events: VaultStatus[] = [];
  bus.subscribe('vault.status', (s) => events.push(s));
  const deks: Buffer[] = [];
  const minutes = { value: 15 };
  const others: Db[] = [];
  const make = (o: Partial<FixtureOptions>) =>
    new VaultService({
      db: ws.db,
      clock,
      bus,
      logger,
      audit,
      autoLockMinutes: () => minutes.value,
      kdfParams: o.kdfParams ?? fastKdf,
      usage: o.usage,
      rememberer: o.rememberer,
      testHooks: { onDataKey: (d) => deks.push(d) },
    });
  const vault = make(opts);
  const router = createRouter({
    handlers: vaultHandlers(vault) as unknown as Handlers,
    audit,
    logger,
  });
  return {
    dir,
    file,
    ws,
    db: ws.db,
    clock,
    bus,
    audit,
    vault,
    router,
    events,
    deks,
    minutes,
    tamper() {
      const other = new Database(file);
      others.push(other);
      return other;
    },
    restart: (o = {}) => make({ ...opts, ...o }),
    close() {
      if (!ws.db.open) return;
      vault.close();
      for (const o of others) o.close();
      ws.close();
      if (!opts.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every byte of the workspace on disk: the main file and its WAL. */
export function workspaceBytes(file: string): Buffer {
  const parts = [file, `${file}-wal`, `${file}-journal`].filter((f) => fs.existsSync(f));
  return Buffer.concat(parts.map((f) => fs.readFileSync(f)));
}
