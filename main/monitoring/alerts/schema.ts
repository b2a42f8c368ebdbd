import type { Migration } from '../../store/migration';

// PLACEHOLDER: this part's tables, migration 13.
export const alertsMigrations: Migration[] = [];
