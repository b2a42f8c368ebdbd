import { OpsError } from '../../../shared/api/errors';
import type { Snapshot } from '../../../shared/api/workspace';
import type { App } from '../../app';
import { systemClock } from '../../clock';
import { restoreOffline } from '../../store/restore-offline';
import {
  CliError,
  callOrThrow,
  createCliApp,
  noPositionals,
  out,
  parse,
  workspacePathOf,
  workspaceOption,
} from '../common';

export const help = `Usage: opsroom workspace restore (--snapshot ID | --latest) [--workspace PATH]

Replaces the workspace with a snapshot. When the workspace opens, the restore
runs through the app (a safety snapshot of the current state is taken first,
and the audit chain records it). When the file is damaged and cannot be opened,
it is moved aside (never deleted) and the snapshot is copied into its place.
Stop any Opsroom that has this workspace open first.`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...workspaceOption,
    snapshot: { type: 'string' },
    latest: { type: 'boolean' },
  });
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'workspace restore');
  if ((values.snapshot === undefined) === !values.latest) {
    throw new CliError('Give exactly one of --snapshot ID or --latest (see `opsroom workspace snapshots`).');
  }
  const workspacePath = workspacePathOf(values.workspace);

  let app: App;
  try {
    app = createCliApp({ workspacePath });
  } catch (e) {
    if (!(e instanceof OpsError) || e.code !== 'integrity') throw e;
    out(`The workspace cannot be opened: ${e.message}`);
    const r = restoreOffline({
      path: workspacePath,
      snapshotId: values.snapshot,
      latest: values.latest,
      clock: systemClock,
    });
    out(`restored offline from ${r.restoredFrom}`);
    out(
      r.movedAside
        ? `the damaged file was moved aside to ${r.movedAside}`
        : 'there was no workspace file to move aside',
    );
    return 0;
  }

  try {
    let id = values.snapshot;
    if (id === undefined) {
      const list = (await callOrThrow(app, 'workspace.snapshots.list')) as { snapshots: Snapshot[] };
      const newest = list.snapshots[0];
      if (!newest) throw new OpsError('not_found', 'There are no snapshots of this workspace to restore from.');
      id = newest.id;
    }
    const r = (await callOrThrow(app, 'workspace.snapshots.restore', { id })) as {
      restored: Snapshot;
      safety: Snapshot;
    };
    out(`restored ${r.restored.id}; the state before the restore was kept as snapshot ${r.safety.id}`);
    return 0;
  } finally {
    await app.close();
  }
}
