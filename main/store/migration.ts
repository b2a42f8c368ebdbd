import type BetterSqlite3 from 'better-sqlite3';

export type Db = BetterSqlite3.Database;

/**
 * A numbered, forward-only schema step owned by one domain. Versions are one
 * sequence across all domains (see main/schema.ts); a step never changes once
 * it has shipped — a fix is a new step.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}
