import type { Migration } from '../../store/migration';

// PLACEHOLDER: this part's tables, migration 10.
export const promMigrations: Migration[] = [];
