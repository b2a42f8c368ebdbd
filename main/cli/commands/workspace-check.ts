import { checkResult } from '../../../shared/api/workspace';
import type { Job } from '../../../shared/api/jobs';
import { callOrThrow, err, out, parse, withApp, workspacePathOf, workspaceOption, noPositionals } from '../common';

export const help = `Usage: opsroom workspace check [--full] [--workspace PATH]

Checks the workspace (SQLite integrity, foreign keys, audit chain) and prints
each step. --full runs the slow integrity_check instead of quick_check.
Exit 0 when every step passes, 1 otherwise.`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { ...workspaceOption, full: { type: 'boolean' } });
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'workspace check');
  return withApp({ workspacePath: workspacePathOf(values.workspace) }, async (app) => {
    const started = (await callOrThrow(app, 'workspace.check', { full: values.full ?? false })) as Job;
    const job = await app.services.jobs.wait(started.id);
    if (job.state !== 'succeeded') {
      err(`workspace check ${job.state}${job.error ? ` (${job.error.code}): ${job.error.message}` : ''}`);
      return 1;
    }
    const result = checkResult.parse(job.result);
    for (const step of result.steps) out(`${step.ok ? 'ok  ' : 'FAIL'}  ${step.name}  ${step.message}`);
    return result.ok ? 0 : 1;
  });
}
