import os from 'node:os';
import type { SystemInfo } from '../shared/api/system';
import { createAppLogger, type AppLogger } from './applog/logger';
import { applogHandlers } from './applog/handlers';
import { AuditLog } from './audit/audit-log';
import { auditHandlers } from './audit/handlers';
import { systemClock, type Clock } from './clock';
import { cmdbHandlers } from './cmdb/handlers';
import { CmdbService } from './cmdb/service';
import { seedDemo } from './demo/seed';
import { startDemoFeed } from './demo/demo-feed';
import { seedCmdb } from './demo/seed-cmdb';
import { seedMonitoring } from './demo/seed-monitoring';
import { JobRunner } from './jobs/runner';
import { createMonitoringServices, type MonitoringServices } from './monitoring/compose';
import { jobsHandlers } from './jobs/handlers';
import { EventBus } from './rpc/events';
import { createRouter, type Handlers, type Router } from './rpc/router';
import { allMigrations } from './schema';
import { SettingsService } from './settings/service';
import { settingsHandlers } from './settings/handlers';
import { createSshServices, type SshServices } from './ssh/compose';
import { SnapshotScheduler } from './store/snapshot-scheduler';
import { openWorkspace, type Workspace } from './store/workspace';
import { workspaceHandlers } from './store/handlers';
import { vaultHandlers } from './vault/handlers';
import { unavailableRememberer, type Rememberer } from './vault/rememberer';
import { VaultService } from './vault/service';
import { appVersion } from './version';

export interface AppConfig {
  workspacePath: string;
  /** where the rotating main-process log lives */
  logDir: string;
  mode: SystemInfo['mode'];
  clock?: Clock;
  /** seed a demo workspace when the file is new */
  demo?: boolean;
  readOnly?: boolean;
  /** off in tests and one-shot CLI calls */
  scheduleSnapshots?: boolean;
  /** run the collector, alert rules and log pulls on their schedule (serve and desktop) */
  scheduleMonitoring?: boolean;
  /** log to stderr too (the CLI's serve does) */
  echoLog?: boolean;
  /** remembers a vault unlock on this device; only the desktop app has one (Electron safeStorage) */
  rememberer?: Rememberer;
}

export interface Services {
  workspace: Workspace;
  audit: AuditLog;
  jobs: JobRunner;
  settings: SettingsService;
  logger: AppLogger;
  vault: VaultService;
  cmdb: CmdbService;
  ssh: SshServices;
  monitoring: MonitoringServices;
}

export interface App {
  readonly router: Router;
  readonly bus: EventBus;
  readonly services: Services;
  readonly info: SystemInfo;
  close(): Promise<void>;
}

/** The composition root: every service is built here, from config, and nowhere else. */
export function createApp(config: AppConfig): App {
  const clock = config.clock ?? systemClock;
  const bus = new EventBus();
  const logger = createAppLogger({ dir: config.logDir, clock, bus, echo: config.echoLog ?? false });
  const log = logger.child('app');

  const workspace = openWorkspace({
    path: config.workspacePath,
    clock,
    logger,
    migrations: allMigrations,
    readOnly: config.readOnly ?? false,
  });
  const isNew = workspace.createdNow;
  const audit = new AuditLog({ db: workspace.db, clock, bus });
  const settings = new SettingsService({ db: workspace.db, logger });
  logger.setLevel(settings.get()['log.level']);
  const jobs = new JobRunner({
    db: workspace.db,
    clock,
    bus,
    logger,
    audit,
    keepFinished: () => settings.get()['jobs.keepFinished'],
  });

  // The vault and the CMDB know each other: the CMDB shows credential metadata
  // and seals IdentityFiles; the vault asks which CIs use a secret. The vault
  // reaches the CMDB lazily because it is built first.
  const late: { cmdb?: CmdbService } = {};
  const vault = new VaultService({
    db: workspace.db,
    clock,
    bus,
    logger,
    audit,
    autoLockMinutes: () => settings.get()['vault.autoLockMinutes'],
    rememberer: config.rememberer ?? unavailableRememberer(),
    usage: {
      usedBy: (ids) => late.cmdb?.usage.usedBy(ids) ?? new Map(),
      detach: (id, ctx) => late.cmdb?.usage.detach(id, ctx) ?? 0,
    },
  });
  const cmdb = new CmdbService({ db: workspace.db, clock, bus, logger, jobs, vault });
  late.cmdb = cmdb;
  const ssh = createSshServices({ db: workspace.db, clock, bus, logger, audit, cmdb, vault, jobs, settings });
  const monitoring = createMonitoringServices({
    db: workspace.db,
    clock,
    bus,
    logger,
    audit,
    cmdb,
    vault,
    jobs,
    settings,
    ssh,
  });

  // A snapshot holds every sample collected up to the moment it is taken.
  workspace.snapshots.onBeforeTake(() => monitoring.flush());
  const demo = Boolean(config.demo) && isNew && !workspace.readOnly;
  if (demo) {
    seedDemo({ workspace, audit, jobs, clock });
    seedCmdb(cmdb, { actor: 'demo', requestId: 'seed' });
    // Never rejects: a failure is logged and the demo opens without charts.
    void seedMonitoring({ workspace, clock, logger, cmdb, monitoring });
  }

  const user = safeUser();
  const info: SystemInfo = {
    app: 'Opsroom',
    version: appVersion,
    workspacePath: workspace.path,
    readOnly: workspace.readOnly,
    demo: demo || workspace.isDemo(),
    platform: `${process.platform}-${process.arch}`,
    mode: config.mode,
    user,
  };

  const services: Services = { workspace, audit, jobs, settings, logger, vault, cmdb, ssh, monitoring };
  // The restored file may hold another vault (or none): the key held in
  // memory belongs to the file as it was, so the person unlocks again.
  const afterRestore = async () => {
    vault.lock('restore');
    await monitoring.reload();
  };
  const handlers: Handlers = {
    'system.info': () => info,
    ...workspaceHandlers({ workspace, jobs, audit, settings, bus, onRestored: () => afterRestore() }),
    ...auditHandlers(audit),
    ...jobsHandlers(jobs),
    ...settingsHandlers(settings, logger),
    ...applogHandlers(logger),
    ...vaultHandlers(vault),
    ...cmdbHandlers(cmdb),
    ...ssh.handlers,
    ...monitoring.handlers,
  };
  const router = createRouter({ handlers, audit, logger });

  const scheduler =
    config.scheduleSnapshots && !workspace.readOnly
      ? new SnapshotScheduler({ workspace, settings, audit, clock, logger })
      : undefined;
  scheduler?.start();
  if (config.scheduleMonitoring && !workspace.readOnly) monitoring.start();
  // A demo has no hosts to scrape; its series carry on from the seed so it never looks dead.
  const demoFeed =
    config.scheduleMonitoring && !workspace.readOnly && workspace.isDemo()
      ? startDemoFeed({ workspace, clock, logger, cmdb, monitoring })
      : undefined;
  log.info('workspace open', { path: workspace.path, schema: workspace.schemaVersion(), mode: config.mode });

  return {
    router,
    bus,
    services,
    info,
    async close() {
      scheduler?.stop();
      await demoFeed?.stop();
      await monitoring.close();
      await ssh.close();
      await jobs.shutdown();
      vault.close();
      workspace.close();
      log.info('workspace closed', { path: workspace.path });
      await logger.close();
    },
  };
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}
