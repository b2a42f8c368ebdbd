import type { Migration } from '../../store/migration';

// PLACEHOLDER: this part's tables, migration 12.
export const collectorMigrations: Migration[] = [];
