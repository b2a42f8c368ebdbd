import type { Migration } from '../../store/migration';

/**
 * Saved dashboards (migration 15). The body is the contract's DashboardBody as
 * JSON, checked on every write and read; title, tags and the panel count are
 * copied out so the list needs no JSON parsing. Titles are unique ignoring
 * case: import resolves a clash by overwriting or by naming a copy "Title (2)".
 * The built-in host dashboards are generated from the CI and never stored.
 */
export const dashboardsMigrations: Migration[] = [
  {
    version: 15,
    name: 'monitoring-dashboards',
    up(db) {
      db.exec(`
        CREATE TABLE monitoring_dashboards (
          id TEXT PRIMARY KEY,
          title TEXT NOT NULL,
          tags TEXT NOT NULL DEFAULT '[]',
          panel_count INTEGER NOT NULL DEFAULT 0,
          body TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX monitoring_dashboards_title ON monitoring_dashboards (title COLLATE NOCASE);
      `);
    },
  },
];
