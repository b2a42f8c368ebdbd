import fs from 'node:fs';
import path from 'node:path';
import { OpsError } from '../../shared/api/errors';
import { snapshotReasons, type Snapshot } from '../../shared/api/workspace';

export type SnapshotReason = Snapshot['reason'];

/**
 * A snapshot is `snapshot-<UTC stamp>-<reason>[-n].sqlite` with an optional
 * sidecar `<id>.json` holding label and schema version. The name alone is
 * enough to list and restore, so a lost sidecar only costs the label.
 */
const namePattern = new RegExp(`^snapshot-(\\d{8}T\\d{9}Z)-(${snapshotReasons.join('|')})(?:-(\\d+))?\\.sqlite$`);

interface Sidecar {
  reason: SnapshotReason;
  label: string | null;
  createdAt: number;
  schemaVersion: number | null;
}

export function defaultSnapshotDir(workspacePath: string): string {
  return `${path.resolve(workspacePath)}.snapshots`;
}

export function stampOf(ms: number): string {
  // 2026-11-27T05:00:08.123Z -> 20261127T050008123Z: sortable and safe in every file system.
  return new Date(ms).toISOString().replace(/[-:.]/g, '');
}

function parseStamp(stamp: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(stamp);
  if (!m) return 0;
  const [, y, mo, d, h, mi, s, ms] = m.map(Number);
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!);
}

export function snapshotFileName(createdAt: number, reason: SnapshotReason, n: number): string {
  return `snapshot-${stampOf(createdAt)}-${reason}${n > 1 ? `-${n}` : ''}.sqlite`;
}

export function writeSidecar(dir: string, id: string, meta: Sidecar): void {
  fs.writeFileSync(path.join(dir, `${id}.json`), JSON.stringify(meta, null, 2));
}

function readSidecar(dir: string, id: string): Partial<Sidecar> {
  try {
    const raw = JSON.parse(fs.readFileSync(path.join(dir, `${id}.json`), 'utf8')) as Partial<Sidecar>;
    return raw && typeof raw === 'object' ? raw : {};
  } catch {
    return {};
  }
}

interface Listed extends Snapshot {
  order: number;
}

/** Snapshots in `dir`, newest first. Unknown files and half-written `.partial` files are ignored. */
export function listSnapshots(dir: string): Snapshot[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: Listed[] = [];
  for (const name of names) {
    const m = namePattern.exec(name);
    if (!m) continue;
    let size: number;
    try {
      const st = fs.statSync(path.join(dir, name));
      if (!st.isFile()) continue;
      size = st.size;
    } catch {
      continue;
    }
    const side = readSidecar(dir, name);
    out.push({
      id: name,
      sizeBytes: size,
      createdAt: typeof side.createdAt === 'number' ? side.createdAt : parseStamp(m[1]!),
      reason: m[2] as SnapshotReason,
      label: typeof side.label === 'string' ? side.label : null,
      schemaVersion: typeof side.schemaVersion === 'number' ? side.schemaVersion : null,
      order: m[3] ? Number(m[3]) : 1,
    });
  }
  out.sort((a, b) => b.createdAt - a.createdAt || b.order - a.order || (a.id < b.id ? 1 : -1));
  return out.map(({ order: _order, ...s }) => s);
}

/**
 * Ids come from the renderer and the command line: only a bare file name that
 * is in the current listing is accepted, so no id can reach outside `dir`.
 */
export function resolveSnapshot(dir: string, id: string): { snapshot: Snapshot; file: string } {
  if (
    typeof id !== 'string' ||
    id.length === 0 ||
    /[/\\\0]/.test(id) ||
    id.includes('..') ||
    path.basename(id) !== id
  ) {
    throw new OpsError(
      'bad_input',
      `"${String(id)}" is not a snapshot name; use one of the names from the snapshot list.`,
      {
        id,
      },
    );
  }
  const snapshot = listSnapshots(dir).find((s) => s.id === id);
  if (!snapshot) {
    throw new OpsError('not_found', `There is no snapshot named "${id}" in ${dir}.`, { id, snapshotDir: dir });
  }
  return { snapshot, file: path.join(dir, id) };
}

export function removeSnapshot(dir: string, id: string): void {
  fs.rmSync(path.join(dir, id), { force: true });
  fs.rmSync(path.join(dir, `${id}.json`), { force: true });
}
