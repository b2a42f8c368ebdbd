import type { Snapshot } from '../../../shared/api/workspace';
import { callOrThrow, out, parse, withApp, workspacePathOf, workspaceOption, noPositionals } from '../common';

export const help = `Usage: opsroom workspace snapshot [--label L] [--workspace PATH]

Writes a consistent copy of the workspace (VACUUM INTO) into its snapshot folder.`;

export function formatSnapshot(s: Snapshot): string {
  const when = new Date(s.createdAt).toISOString();
  return `${s.id}  ${when}  ${s.sizeBytes} bytes  ${s.reason}${s.label ? `  ${s.label}` : ''}`;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...workspaceOption, label: { type: 'string' } });
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'workspace snapshot');
  return withApp({ workspacePath: workspacePathOf(values.workspace) }, async (app) => {
    const input = values.label === undefined ? {} : { label: values.label };
    const s = (await callOrThrow(app, 'workspace.snapshots.take', input)) as Snapshot;
    out(`snapshot written: ${formatSnapshot(s)}`);
    return 0;
  });
}
