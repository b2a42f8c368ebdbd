import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { CmdbService } from '../cmdb/service';
import type { JobRunner } from '../jobs/runner';
import type { EventBus } from '../rpc/events';
import type { Handlers } from '../rpc/router';
import type { SettingsService } from '../settings/service';
import type { Db } from '../store/migration';
import type { Logger } from '../applog/types';
import type { VaultService } from '../vault/service';
import { batchHandlers } from './batch/handlers';
import { BatchService } from './batch/service';
import { SshConnectionPool } from './connection/pool';
import { hostkeysHandlers } from './handlers-hostkeys';
import { terminalHandlers } from './handlers-terminal';
import { HostKeyService } from './hostkeys/service';
import { CmdbTargetResolver } from './resolve-target';
import { TerminalService } from './terminal/service';

export type SshMethod = Extract<keyof Handlers, `ssh.${string}`>;

export interface SshServices {
  hostKeys: HostKeyService;
  pool: SshConnectionPool;
  resolver: CmdbTargetResolver;
  terminals: TerminalService;
  batch: BatchService;
  handlers: Pick<Handlers, SshMethod>;
  close(): Promise<void>;
}

/**
 * The SSH domain's parts, built in one place for the composition root: host
 * keys gate the pool, the pool serves terminals and batch runs, the CMDB and
 * the vault say where and as whom to connect.
 */
export function createSshServices(deps: {
  db: Db;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  audit: AuditLog;
  cmdb: CmdbService;
  vault: VaultService;
  jobs: JobRunner;
  settings: SettingsService;
}): SshServices {
  const { db, clock, bus, logger, audit, cmdb, vault, jobs, settings } = deps;
  const hostKeys = new HostKeyService({ db, clock, logger, audit, bus });
  const resolver = new CmdbTargetResolver({ cmdb, vault });
  const pool = new SshConnectionPool({
    vault,
    hostKeys,
    clock,
    logger,
    agentSocket: process.env.SSH_AUTH_SOCK,
    maxHandshakesPerJump: () => settings.get()['ssh.maxHandshakesPerJump'],
  });
  const terminals = new TerminalService({
    pool,
    resolver,
    bus,
    db,
    clock,
    logger,
    audit,
    ciType: (id) => cmdb.require(id).type,
  });
  const batch = new BatchService({
    pool,
    resolver,
    cmdb,
    jobs,
    db,
    clock,
    bus,
    logger,
    audit,
    settings: () => ({ confirmOver: settings.get()['ssh.confirmOver'] }),
  });
  return {
    hostKeys,
    pool,
    resolver,
    terminals,
    batch,
    handlers: {
      ...hostkeysHandlers(hostKeys, { pool, resolver }),
      ...terminalHandlers(terminals),
      ...batchHandlers(batch),
    },
    async close() {
      terminals.closeAll();
      hostKeys.close();
      await pool.closeAll();
    },
  };
}
