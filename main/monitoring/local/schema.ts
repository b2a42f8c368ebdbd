import type { Migration } from '../../store/migration';

// PLACEHOLDER: this part's tables, migration 11.
export const localSeriesMigrations: Migration[] = [];
