import fs from 'node:fs';
import Database from 'better-sqlite3';
import { OpsError } from '../../shared/api/errors';

export interface FileCheck {
  ok: boolean;
  /** 'ok' or the first problems SQLite reported */
  problems: string[];
  /** PRAGMA user_version, when the file could be read */
  userVersion: number | null;
  /** true when the file holds any table, index or view */
  hasSchema: boolean;
}

/**
 * Checks a database file through a read-only connection so that nothing —
 * not even a WAL checkpoint — is written to a file that may be damaged.
 */
export function checkFile(path: string, full = false): FileCheck {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const problems = pragmaLines(db.pragma(full ? 'integrity_check' : 'quick_check'));
    const ok = problems.length === 1 && problems[0] === 'ok';
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    const hasSchema = db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get() !== undefined;
    return { ok, problems: problems.slice(0, 5), userVersion, hasSchema };
  } catch (err) {
    return { ok: false, problems: [errorText(err)], userVersion: null, hasSchema: false };
  } finally {
    db?.close();
  }
}

/** quick_check answers in rows that may hold several lines and a '*** in database main ***' banner. */
export function pragmaLines(rows: unknown): string[] {
  return (rows as Record<string, unknown>[])
    .flatMap((r) => String(Object.values(r)[0]).split('\n'))
    .map((l) => l.trim())
    .filter((l) => l && !/^\*\*\* in database/.test(l));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function damagedWorkspaceError(path: string, snapshotDir: string, problems: string[]): OpsError {
  const count = countSnapshotFiles(snapshotDir);
  const where =
    count > 0
      ? `${count} snapshot(s) are in ${snapshotDir}`
      : `no snapshots were found in ${snapshotDir}; restore from another copy of the file`;
  return new OpsError(
    'integrity',
    `The workspace ${path} is damaged (${problems[0] ?? 'unknown problem'}). The file was not changed. ` +
      `Restore the latest snapshot with: opsroom workspace restore --workspace ${path} --latest (${where}).`,
    { path, snapshotDir, problems },
  );
}

function countSnapshotFiles(dir: string): number {
  try {
    return fs.readdirSync(dir).filter((f) => f.endsWith('.sqlite')).length;
  } catch {
    return 0;
  }
}
