import { api } from '../../../shared/api';
import type { Job } from '../../../shared/api/jobs';
import { CliError, callOrThrow, out, parse, withApp, workspacePathOf, workspaceOption } from '../common';

export const help = `Usage: opsroom call METHOD [JSON] [--wait] [--workspace PATH]
       opsroom call --list

Calls one method of the Opsroom API, exactly as the desktop and web UI do, and
prints the result as JSON. JSON is the method's input, e.g. '{"limit":5}'.
  --wait       when the result is a job, wait for it to finish and print the final job
  --list       list every method with its summary
  --workspace  the workspace file (default: the desktop app's workspace)`;

function isJob(v: unknown): v is Job {
  return !!v && typeof v === 'object' && 'id' in v && 'state' in v && 'kind' in v;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...workspaceOption,
    list: { type: 'boolean' },
    wait: { type: 'boolean' },
  });
  if (values.help) return (out(help), 0);
  if (values.list) {
    const names = Object.keys(api).sort();
    const width = Math.max(...names.map((n) => n.length));
    for (const name of names) {
      const def = api[name as keyof typeof api];
      out(`${name.padEnd(width)}  ${def.kind.padEnd(8)}  ${def.summary}`);
    }
    return 0;
  }
  const [method, json, ...rest] = positionals;
  if (!method)
    throw new CliError('Say which method to call, e.g. `opsroom call system.info`; `opsroom call --list` lists them.');
  if (rest.length)
    throw new CliError(
      `Too many arguments: pass the input as one JSON argument (quote it), not ${rest.length + 2} words.`,
    );
  let input: unknown = undefined;
  if (json !== undefined) {
    try {
      input = JSON.parse(json);
    } catch (e) {
      throw new CliError(`The input is not valid JSON (${(e as Error).message}); quote it, e.g. '{"limit":5}'.`, 2);
    }
  }
  return withApp({ workspacePath: workspacePathOf(values.workspace) }, async (app) => {
    let result = await callOrThrow(app, method, input);
    if (values.wait && isJob(result)) result = await app.services.jobs.wait(result.id);
    out(JSON.stringify(result, null, 2));
    return 0;
  });
}
