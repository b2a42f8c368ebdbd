import fs from 'node:fs';
import { exportFormats } from '../../../../shared/api/cmdb';
import { CliError, err, out, parse, withApp, workspacePathOf, workspaceOption, noPositionals } from '../../common';
import { appClient, type CmdbClient } from './client';

export const help = `Usage: opsroom cmdb export --format csv|json|ansible-yaml [--out FILE] [--query TEXT] [--workspace PATH]

Writes the CIs (all, or those matching the search text) as CSV, as JSON (which
imports back exactly), or as an Ansible YAML inventory. Without --out the
export goes to standard output.`;

export interface ExportArgs {
  format: (typeof exportFormats)[number];
  out?: string;
  query?: string;
}

export async function exportCore(client: CmdbClient, a: ExportArgs): Promise<number> {
  const r = (await client.call('cmdb.export', {
    format: a.format,
    ...(a.query ? { query: { text: a.query } } : {}),
  })) as { fileName: string; content: string; count: number };
  if (a.out) {
    fs.writeFileSync(a.out, r.content);
    err(`${r.count} CIs written to ${a.out}`);
  } else {
    process.stdout.write(r.content.endsWith('\n') ? r.content : r.content + '\n');
  }
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...workspaceOption,
    format: { type: 'string' },
    out: { type: 'string' },
    query: { type: 'string' },
  });
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'cmdb export');
  const format = values.format;
  if (!format || !(exportFormats as readonly string[]).includes(format)) {
    throw new CliError(`Choose --format ${exportFormats.join('|')}.`);
  }
  const a: ExportArgs = { format: format as ExportArgs['format'], out: values.out, query: values.query };
  return withApp({ workspacePath: workspacePathOf(values.workspace) }, (app) => exportCore(appClient(app), a));
}
