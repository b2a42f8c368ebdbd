import { auditMigrations } from './audit/schema';
import { cmdbMigrations } from './cmdb/store/schema';
import { jobsMigrations } from './jobs/schema';
import { settingsMigrations } from './settings/schema';
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
].sort((a, b) => a.version - b.version);
