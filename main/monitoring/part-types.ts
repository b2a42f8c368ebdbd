import type { Ticking } from './types';
import type { AuditLog } from '../audit/audit-log';
import type { Logger } from '../applog/types';
import type { Clock } from '../clock';
import type { CmdbService } from '../cmdb/service';
import type { JobRunner } from '../jobs/runner';
import type { EventBus } from '../rpc/events';
import type { Handlers } from '../rpc/router';
import type { SettingsService } from '../settings/service';
import type { SshServices } from '../ssh/compose';
import type { Db } from '../store/migration';
import type { VaultService } from '../vault/service';

export type MonitoringMethod = Extract<keyof Handlers, `monitoring.${string}`>;

export interface MonitoringDeps {
  db: Db;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  audit: AuditLog;
  cmdb: CmdbService;
  vault: VaultService;
  jobs: JobRunner;
  settings: SettingsService;
  ssh: SshServices;
}

/** What each part gives the composition: its handlers, and optionally a schedule, a reload and a shutdown. */
export interface MonitoringPart<M extends MonitoringMethod> {
  handlers: Pick<Handlers, M>;
  ticking?: Ticking;
  /** reads again whatever it mirrors of the database in memory (after a live workspace restore) */
  reload?(): Promise<void> | void;
  close?(): Promise<void> | void;
}
