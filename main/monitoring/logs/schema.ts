import type { Migration } from '../../store/migration';

// PLACEHOLDER: this part's tables, migration 14.
export const logsMigrations: Migration[] = [];
