import { pragmaLines } from './integrity';
import type { Workspace } from './workspace';

export interface CheckStep {
  name: string;
  ok: boolean;
  message: string;
}

/** The SQLite half of 'workspace.check'; the audit chain is verified by the caller. */
export function check(workspace: Workspace, opts: { full: boolean }): CheckStep[] {
  const { db } = workspace;
  const steps: CheckStep[] = [];

  const pragma = opts.full ? 'integrity_check' : 'quick_check';
  try {
    const rows = pragmaLines(db.pragma(pragma));
    const ok = rows.length === 1 && rows[0] === 'ok';
    steps.push({
      name: pragma,
      ok,
      message: ok ? 'ok' : `${rows.length} problem(s): ${rows.slice(0, 3).join('; ')}`,
    });
  } catch (err) {
    steps.push({ name: pragma, ok: false, message: (err as Error).message });
  }

  try {
    const violations = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    steps.push({
      name: 'foreign_key_check',
      ok: violations.length === 0,
      message:
        violations.length === 0
          ? 'ok'
          : `${violations.length} row(s) point at missing parents, e.g. ${violations
              .slice(0, 3)
              .map((v) => `${v.table} rowid ${v.rowid} → ${v.parent}`)
              .join('; ')}`,
    });
  } catch (err) {
    steps.push({ name: 'foreign_key_check', ok: false, message: (err as Error).message });
  }

  const version = workspace.schemaVersion();
  const ok = version === workspace.appSchemaVersion;
  steps.push({
    name: 'schema_version',
    ok,
    message: ok ? `schema ${version} (current)` : `schema ${version}, this app expects ${workspace.appSchemaVersion}`,
  });
  return steps;
}
