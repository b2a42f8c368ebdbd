import type { Logger } from '../applog/types';
import type { Db, Migration } from './migration';

/**
 * A broken list is a programmer error (two domains took the same number, or
 * one was forgotten in main/schema.ts), so it throws a plain Error at startup
 * rather than an OpsError meant for a user.
 */
export function validateMigrations(migrations: readonly Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (!Number.isInteger(m.version) || m.version !== i + 1) {
      const versions = sorted.map((x) => x.version).join(', ');
      throw new Error(`migrations must be numbered 1..N with no gaps or repeats; got [${versions}]`);
    }
  });
  return sorted;
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Each step in its own transaction together with its version bump: a failed step leaves the previous version intact. */
export function applyPending(db: Db, migrations: readonly Migration[], logger: Logger): number[] {
  const applied: number[] = [];
  const current = userVersion(db);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    logger.info('migration applied', { version: m.version, name: m.name });
    applied.push(m.version);
  }
  return applied;
}
