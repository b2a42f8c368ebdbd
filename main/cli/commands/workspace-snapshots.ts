import type { Snapshot } from '../../../shared/api/workspace';
import { callOrThrow, out, parse, withApp, workspacePathOf, workspaceOption, noPositionals } from '../common';
import { formatSnapshot } from './workspace-snapshot';

export const help = `Usage: opsroom workspace snapshots [--json] [--workspace PATH]

Lists the workspace's snapshots, newest first.`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...workspaceOption, json: { type: 'boolean' } });
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'workspace snapshots');
  return withApp({ workspacePath: workspacePathOf(values.workspace) }, async (app) => {
    const r = (await callOrThrow(app, 'workspace.snapshots.list')) as { snapshots: Snapshot[]; keep: number };
    if (values.json) out(JSON.stringify(r, null, 2));
    else if (r.snapshots.length === 0) out('no snapshots yet (take one with `opsroom workspace snapshot`)');
    else for (const s of r.snapshots) out(formatSnapshot(s));
    return 0;
  });
}
