import type { Ci } from '../../../../shared/api/cmdb-model';
import { CliError, out, parse, withApp, workspacePathOf, workspaceOption } from '../../common';
import { appClient, type CmdbClient } from './client';
import { ciRow, table } from './format';

export const help = `Usage: opsroom cmdb search QUERY [--type T ...] [--env E ...] [--tag T ...] [--limit N] [--json] [--workspace PATH]

Full-text search over names, descriptions, tags and fields (every word is a
prefix: "web" finds web-01), narrowed by type, environment and tags (every
--tag must be present). Prints name, type, environment, status and address.`;

export interface SearchArgs {
  text: string;
  types: string[];
  envs: string[];
  tags: string[];
  limit: number;
  json: boolean;
}

export async function searchCore(client: CmdbClient, a: SearchArgs): Promise<number> {
  const r = (await client.call('cmdb.search', {
    query: { text: a.text, types: a.types, environments: a.envs, tags: a.tags },
    limit: a.limit,
  })) as { items: Ci[]; total: number; tookMs: number };
  if (a.json) {
    out(JSON.stringify(r, null, 2));
    return 0;
  }
  if (!r.items.length) {
    out('no CIs match');
    return 0;
  }
  for (const line of table(['NAME', 'TYPE', 'ENV', 'STATUS', 'ADDRESS'], r.items.map(ciRow))) out(line);
  out(r.total > r.items.length ? `${r.items.length} of ${r.total} shown (--limit to see more)` : `${r.total} CIs`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...workspaceOption,
    type: { type: 'string', multiple: true },
    env: { type: 'string', multiple: true },
    tag: { type: 'string', multiple: true },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) return (out(help), 0);
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 2000)
    throw new CliError('--limit takes a whole number from 1 to 2000.');
  const a: SearchArgs = {
    text: positionals.join(' '),
    types: values.type ?? [],
    envs: values.env ?? [],
    tags: values.tag ?? [],
    limit,
    json: Boolean(values.json),
  };
  return withApp({ workspacePath: workspacePathOf(values.workspace) }, (app) => searchCore(appClient(app), a));
}
