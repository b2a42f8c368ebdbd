import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { OpsError } from '../../shared/api/errors';
import type { Snapshot } from '../../shared/api/workspace';
import type { Logger } from '../applog/types';
import type { Clock } from '../clock';
import { carryAuditRows, readAuditRows, type AuditCarryResult } from './audit-carry';
import { checkFile } from './integrity';
import type { Db } from './migration';
import {
  listSnapshots,
  removeSnapshot,
  resolveSnapshot,
  snapshotFileName,
  writeSidecar,
  type SnapshotReason,
} from './snapshot-files';

export interface RestoreResult {
  restored: Snapshot;
  safety: Snapshot;
  audit: AuditCarryResult;
}

export interface SnapshotManagerOptions {
  db: Db;
  /** the live workspace file */
  path: string;
  dir: string;
  clock: Clock;
  logger: Logger;
  readOnly: boolean;
  appSchemaVersion: number;
  schemaVersion(): number;
  /** brings the live database up to appSchemaVersion after an older snapshot was restored */
  migrate(): void;
}

/** Rotated by prune(); the others are safety nets (see prune). */
const rotating: readonly SnapshotReason[] = ['manual', 'scheduled'];

export class SnapshotManager {
  readonly dir: string;
  private readonly o: SnapshotManagerOptions;
  private readonly log: Logger;
  private readonly beforeTake: (() => void)[] = [];

  constructor(opts: SnapshotManagerOptions) {
    this.o = opts;
    this.dir = opts.dir;
    this.log = opts.logger.child('snapshots');
  }

  list(): Snapshot[] {
    return listSnapshots(this.dir);
  }

  /**
   * Runs before every snapshot: services that hold recent writes in memory
   * (the local series' heads) put them in the file first, so a snapshot holds
   * everything written up to the moment it was asked for.
   */
  onBeforeTake(hook: () => void): void {
    this.beforeTake.push(hook);
  }

  /** A consistent copy through VACUUM INTO: readers and writers of the live file are not blocked for long, and the copy is compact. */
  take(reason: SnapshotReason, label?: string): Snapshot {
    this.refuseReadOnly('take a snapshot');
    for (const hook of this.beforeTake) {
      try {
        hook();
      } catch (err) {
        // A snapshot without the last minute of samples beats no snapshot.
        this.log.warn('a pre-snapshot flush failed; the snapshot may miss recent samples', {
          error: (err as Error).message,
        });
      }
    }
    fs.mkdirSync(this.dir, { recursive: true });
    const createdAt = this.o.clock.now();
    let n = 1;
    let id = snapshotFileName(createdAt, reason, n);
    while (fs.existsSync(path.join(this.dir, id))) id = snapshotFileName(createdAt, reason, ++n);
    const partial = path.join(this.dir, `${id}.partial`);
    fs.rmSync(partial, { force: true });
    try {
      this.o.db.prepare('VACUUM INTO ?').run(partial);
    } catch (err) {
      fs.rmSync(partial, { force: true });
      throw new OpsError('unavailable', `Could not write a snapshot to ${this.dir}: ${(err as Error).message}`, {
        snapshotDir: this.dir,
      });
    }
    const schemaVersion = this.o.schemaVersion();
    writeSidecar(this.dir, id, { reason, label: label ?? null, createdAt, schemaVersion });
    // Renamed last so a crash mid-copy never leaves something that looks like a snapshot.
    fs.renameSync(partial, path.join(this.dir, id));
    const snap: Snapshot = {
      id,
      sizeBytes: fs.statSync(path.join(this.dir, id)).size,
      createdAt,
      reason,
      label: label ?? null,
      schemaVersion,
    };
    this.log.info('snapshot taken', { id, reason, sizeBytes: snap.sizeBytes });
    return snap;
  }

  /**
   * Rotation. Manual and scheduled snapshots share one budget: the newest
   * `keep` of them stay. Pre-migration and pre-restore snapshots are safety
   * nets taken without the user asking, so a burst of scheduled snapshots must
   * never push them out; they get their own budget of `keep` (newest first),
   * which bounds the directory at 2 × keep files.
   */
  prune(keep: number): Snapshot[] {
    this.refuseReadOnly('prune snapshots');
    const k = Math.max(1, Math.floor(keep));
    const all = this.list();
    const doomed = [
      ...all.filter((s) => rotating.includes(s.reason)).slice(k),
      ...all.filter((s) => !rotating.includes(s.reason)).slice(k),
    ];
    for (const s of doomed) removeSnapshot(this.dir, s.id);
    if (doomed.length) this.log.info('snapshots pruned', { removed: doomed.map((s) => s.id), keep: k });
    return doomed;
  }

  /**
   * Live restore: the open connection stays open and sees the snapshot's
   * pages, copied in place with SQLite's backup API. Audit entries written
   * after the snapshot are carried over so a restore never erases the record.
   */
  async restore(id: string): Promise<RestoreResult> {
    this.refuseReadOnly('restore a snapshot');
    const { snapshot, file } = resolveSnapshot(this.dir, id);
    const check = checkFile(file);
    if (!check.ok) {
      throw new OpsError(
        'integrity',
        `The snapshot ${id} is damaged (${check.problems[0] ?? 'unknown problem'}); the workspace was not changed. Pick another snapshot.`,
        { id, problems: check.problems },
      );
    }
    if ((check.userVersion ?? 0) > this.o.appSchemaVersion) {
      throw new OpsError(
        'too_new',
        `The snapshot ${id} was written by a newer Opsroom (schema ${check.userVersion}, this app knows ${this.o.appSchemaVersion}); the workspace was not changed.`,
        { id, schemaVersion: check.userVersion, appSchemaVersion: this.o.appSchemaVersion },
      );
    }

    const oldAudit = readAuditRows(this.o.db);
    const safety = this.take('pre-restore', `before restoring ${id}`);

    const src = new Database(file, { readonly: true, fileMustExist: true });
    try {
      // One step for the whole copy: between steps the live connection would meet a locked file.
      await src.backup(this.o.path, { progress: () => 0x7fffffff });
    } catch (err) {
      throw new OpsError(
        'internal',
        `Restoring ${id} failed part-way (${(err as Error).message}). Restore the safety snapshot ${safety.id} to get back to where you were.`,
        { id, safety: safety.id },
      );
    } finally {
      src.close();
    }

    this.o.migrate();
    const audit = carryAuditRows(this.o.db, oldAudit);
    if (audit.diverged) {
      this.log.warn(
        'restored audit chain is not a prefix of the live one; live entries kept only in the safety snapshot',
        {
          id,
          safety: safety.id,
        },
      );
    }
    this.log.info('snapshot restored', { id, safety: safety.id, auditCarried: audit.carried });
    return { restored: snapshot, safety, audit };
  }

  private refuseReadOnly(what: string): void {
    if (this.o.readOnly) {
      throw new OpsError('forbidden', `This workspace is open read-only; cannot ${what}. Open it writable to do that.`);
    }
  }
}
