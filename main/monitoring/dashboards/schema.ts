import type { Migration } from '../../store/migration';

// PLACEHOLDER: this part's tables, migration 15.
export const dashboardsMigrations: Migration[] = [];
