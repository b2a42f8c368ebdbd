import { auditMigrations } from './audit/schema';
import { cmdbMigrations } from './cmdb/store/schema';
import { jobsMigrations } from './jobs/schema';
import { settingsMigrations } from './settings/schema';
import { alertsMigrations } from './monitoring/alerts/schema';
import { collectorMigrations } from './monitoring/collector/schema';
import { dashboardsMigrations } from './monitoring/dashboards/schema';
import { localSeriesMigrations } from './monitoring/local/schema';
import { logsMigrations } from './monitoring/logs/schema';
import { promMigrations } from './monitoring/prometheus/schema';
import type { Migration } from './store/migration';
import { storeMigrations } from './store/schema';
import { sshMigrations } from './ssh/schema';
import { sshBatchMigrations } from './ssh/schema-batch';
import { vaultMigrations } from './vault/schema';

/**
 * Every domain's migrations in one numbered sequence. A new domain appends
 * its steps with the next free numbers; openWorkspace refuses gaps or repeats.
 */
export const allMigrations: readonly Migration[] = [
  ...storeMigrations, // 1
  ...auditMigrations, // 2
  ...jobsMigrations, // 3
  ...settingsMigrations, // 4
  ...vaultMigrations, // 5
  ...cmdbMigrations, // 6
  ...sshMigrations, // 7, 9
  ...sshBatchMigrations, // 8
  ...promMigrations, // 10 datasources
  ...localSeriesMigrations, // 11 local time series, 16 their running totals
  ...collectorMigrations, // 12 SSH collector targets
  ...alertsMigrations, // 13 alert rules, events, silences
  ...logsMigrations, // 14 log sources and the FTS index
  ...dashboardsMigrations, // 15 dashboards
].sort((a, b) => a.version - b.version);
