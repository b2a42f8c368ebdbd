import type { AuditVerifyResult } from '../../../shared/api/audit';
import { callOrThrow, out, parse, withApp, workspacePathOf, workspaceOption, noPositionals } from '../common';

export const help = `Usage: opsroom audit verify [--workspace PATH]

Recomputes the audit hash chain. Exit 0 when it is intact; exit 1 naming the
first entry that does not match.`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, workspaceOption);
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'audit verify');
  return withApp({ workspacePath: workspacePathOf(values.workspace) }, async (app) => {
    const r = (await callOrThrow(app, 'audit.verify')) as AuditVerifyResult;
    if (r.ok) {
      out(`audit chain intact: ${r.entries} entries`);
      return 0;
    }
    out(`audit chain broken at entry ${r.firstBad.seq}: ${r.firstBad.reason}`);
    return 1;
  });
}
