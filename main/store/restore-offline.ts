import fs from 'node:fs';
import path from 'node:path';
import { OpsError } from '../../shared/api/errors';
import type { Clock } from '../clock';
import { checkFile } from './integrity';
import { defaultSnapshotDir, listSnapshots, resolveSnapshot, stampOf } from './snapshot-files';

export interface RestoreOfflineOptions {
  path: string;
  snapshotDir?: string;
  snapshotId?: string;
  latest?: boolean;
  clock: Clock;
}

/**
 * For a workspace that can no longer be opened (the app is not running on
 * it): the damaged file is moved aside, never deleted, and a checked snapshot
 * is copied into its place. Audit entries newer than the snapshot remain in
 * the moved-aside file for forensic reading.
 */
export function restoreOffline(opts: RestoreOfflineOptions): { restoredFrom: string; movedAside: string | null } {
  const file = path.resolve(opts.path);
  const dir = opts.snapshotDir ? path.resolve(opts.snapshotDir) : defaultSnapshotDir(file);

  let id: string;
  if (opts.snapshotId !== undefined) {
    id = opts.snapshotId;
  } else if (opts.latest) {
    const newest = listSnapshots(dir)[0];
    if (!newest)
      throw new OpsError('not_found', `There are no snapshots in ${dir} to restore from.`, { snapshotDir: dir });
    id = newest.id;
  } else {
    throw new OpsError(
      'bad_input',
      'Say which snapshot to restore: give a snapshot name, or --latest for the newest one.',
    );
  }
  const { file: snapFile } = resolveSnapshot(dir, id);
  const check = checkFile(snapFile);
  if (!check.ok) {
    throw new OpsError(
      'integrity',
      `The snapshot ${id} is damaged (${check.problems[0] ?? 'unknown problem'}); nothing was changed. Pick another snapshot.`,
      { id, problems: check.problems },
    );
  }

  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Copy next to the target first, so the final step is a rename on one file system.
  const incoming = `${file}.restoring`;
  fs.copyFileSync(snapFile, incoming);

  let movedAside: string | null = null;
  if (fs.existsSync(file)) {
    movedAside = `${file}.damaged-${stampOf(opts.clock.now())}`;
    let n = 1;
    while (fs.existsSync(movedAside)) movedAside = `${file}.damaged-${stampOf(opts.clock.now())}-${++n}`;
    fs.renameSync(file, movedAside);
  }
  // -wal/-shm belong to the damaged file: left behind they would be replayed into the restored one.
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) {
      fs.renameSync(file + suffix, (movedAside ?? `${file}.orphan-${stampOf(opts.clock.now())}`) + suffix);
    }
  }
  fs.renameSync(incoming, file);
  return { restoredFrom: snapFile, movedAside };
}
