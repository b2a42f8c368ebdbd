import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { OpsError } from '../../shared/api/errors';
import type { WorkspaceInfo } from '../../shared/api/workspace';
import type { Logger } from '../applog/types';
import type { Clock } from '../clock';
import { appVersion } from '../version';
import { checkFile, damagedWorkspaceError } from './integrity';
import { applyPending, userVersion, validateMigrations } from './migrate';
import type { Db, Migration } from './migration';
import { defaultSnapshotDir } from './snapshot-files';
import { SnapshotManager } from './snapshots';
import { hasTable, readMeta, writeMeta } from './schema';

export interface Workspace {
  readonly db: Db;
  readonly path: string;
  readonly snapshotDir: string;
  readonly readOnly: boolean;
  /** true when this open created the workspace (a new or empty file) */
  readonly createdNow: boolean;
  /** the newest schema this app knows (N of the migration list) */
  readonly appSchemaVersion: number;
  /** the clock the workspace was opened with, for handlers that stamp results */
  readonly clock: Clock;
  schemaVersion(): number;
  isDemo(): boolean;
  markDemo(): void;
  info(): WorkspaceInfo;
  snapshots: SnapshotManager;
  close(): void;
}

export interface OpenWorkspaceOptions {
  path: string;
  clock: Clock;
  logger: Logger;
  migrations: readonly Migration[];
  readOnly?: boolean;
  /** how many rotating snapshots to keep when pre-migration snapshots are pruned */
  snapshotKeep?: number;
  snapshotDir?: string;
}

/**
 * Opens (or creates) a workspace. Nothing is written to an existing file until
 * a read-only connection has passed quick_check and the schema version is one
 * this app understands.
 */
export function openWorkspace(opts: OpenWorkspaceOptions): Workspace {
  const migrations = validateMigrations(opts.migrations);
  const appSchemaVersion = migrations.length;
  const file = path.resolve(opts.path);
  const snapshotDir = opts.snapshotDir ? path.resolve(opts.snapshotDir) : defaultSnapshotDir(file);
  const readOnly = opts.readOnly ?? false;
  const log = opts.logger.child('workspace');

  const existing = fs.existsSync(file) && fs.statSync(file).size > 0;
  let existingVersion = 0;
  if (existing) {
    const pre = checkFile(file);
    if (!pre.ok) throw damagedWorkspaceError(file, snapshotDir, pre.problems);
    existingVersion = pre.userVersion ?? 0;
    if (existingVersion > appSchemaVersion) {
      throw new OpsError(
        'too_new',
        `The workspace ${file} was written by a newer Opsroom (schema ${existingVersion}, this app knows ${appSchemaVersion}); open it with that version or restore an older snapshot. The file was not changed.`,
        { path: file, schemaVersion: existingVersion, appSchemaVersion },
      );
    }
    if (existingVersion === 0 && pre.hasSchema) {
      throw new OpsError(
        'conflict',
        `${file} is an SQLite database but not an Opsroom workspace; it was not changed. Choose another path for the workspace.`,
        { path: file },
      );
    }
    if (readOnly && existingVersion < appSchemaVersion) {
      throw new OpsError(
        'conflict',
        `The workspace ${file} needs an upgrade (schema ${existingVersion} → ${appSchemaVersion}) and cannot be upgraded while opened read-only. Open it writable once, or with the Opsroom version that wrote it.`,
        { path: file, schemaVersion: existingVersion, appSchemaVersion },
      );
    }
  } else if (readOnly) {
    throw new OpsError('not_found', `There is no workspace at ${file} to open read-only.`, { path: file });
  }
  const createdNow = !existing || existingVersion === 0;

  if (!readOnly) fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { readonly: readOnly, fileMustExist: readOnly });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (readOnly) {
      db.pragma('query_only = ON');
    } else {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
  } catch (err) {
    db.close();
    throw err;
  }

  const migrate = () => {
    applyPending(db, migrations, log);
  };
  const snapshots = new SnapshotManager({
    db,
    path: file,
    dir: snapshotDir,
    clock: opts.clock,
    logger: opts.logger,
    readOnly,
    appSchemaVersion,
    schemaVersion: () => userVersion(db),
    migrate,
  });

  if (!readOnly) {
    try {
      if (existing && !createdNow && existingVersion < appSchemaVersion) {
        // The upgrade is the riskiest write this app makes to an old file: keep the before-state.
        snapshots.take('pre-migration', `schema ${existingVersion} → ${appSchemaVersion}`);
        snapshots.prune(opts.snapshotKeep ?? 10);
      }
      migrate();
      if (createdNow && hasTable(db, 'meta')) {
        db.transaction(() => {
          writeMeta(db, 'created_at', String(opts.clock.now()));
          writeMeta(db, 'created_by_version', appVersion);
        })();
      }
    } catch (err) {
      db.close();
      throw err;
    }
  }
  log.info('workspace opened', { path: file, schema: userVersion(db), createdNow, readOnly });

  return {
    db,
    path: file,
    snapshotDir,
    readOnly,
    createdNow,
    appSchemaVersion,
    clock: opts.clock,
    snapshots,
    schemaVersion: () => userVersion(db),
    isDemo: () => readMeta(db, 'demo') === '1',
    markDemo() {
      if (readOnly) throw new OpsError('forbidden', 'This workspace is open read-only.');
      writeMeta(db, 'demo', '1');
    },
    info(): WorkspaceInfo {
      const createdAt = Number(readMeta(db, 'created_at'));
      return {
        path: file,
        snapshotDir,
        sizeBytes: sizeOf(file),
        walBytes: sizeOf(`${file}-wal`),
        schemaVersion: userVersion(db),
        appSchemaVersion,
        readOnly,
        createdAt: Number.isFinite(createdAt) && createdAt > 0 ? createdAt : null,
        lastSnapshotAt: snapshots.list()[0]?.createdAt ?? null,
      };
    },
    close() {
      if (db.open) db.close();
    },
  };
}

function sizeOf(p: string): number {
  try {
    return fs.statSync(p).size;
  } catch {
    return 0;
  }
}
