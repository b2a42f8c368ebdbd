import fs from 'node:fs';
import path from 'node:path';
import { importFormats, type ImportFormat, type ImportPreview, type ImportResult } from '../../../../shared/api/cmdb';
import type { Job } from '../../../../shared/api/jobs';
import { CliError, err, out, parse, withApp, workspacePathOf, workspaceOption } from '../../common';
import { appClient, waitForJob, type CmdbClient } from './client';

export const help = `Usage: opsroom cmdb import FILE [--format ansible-ini|ansible-yaml|ssh-config|csv|json]
                           [--dry-run] [--skip-bad-rows] [--map COLUMN=TARGET ...] [--env ENV]
                           [--workspace PATH]

Imports CIs from an Ansible inventory, an OpenSSH client config, a CSV file or
an Opsroom JSON export. Hosts are matched by type and name (JSON: by id), so a
second import updates them in place.

  --format         guessed from the extension and the content when omitted
  --dry-run        show what would be created/updated and every bad row; write nothing
  --skip-bad-rows  import the good rows; without it one bad row stops the import
  --map COL=TARGET CSV: feed column COL to TARGET (name, type, address, tags,
                   fields.rack, ignore …); repeatable; unmapped columns use the
                   suggested mapping
  --env ENV        environment for new CIs that do not set one

Exit 0 when everything was imported, 1 when rows had errors.`;

export interface ImportArgs {
  file: string;
  format?: ImportFormat;
  dryRun: boolean;
  skipBadRows: boolean;
  map: string[];
  env?: string;
}

/** From the extension, else from the first meaningful line. */
export function guessFormat(file: string, content: string): ImportFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.json') return 'json';
  if (ext === '.yml' || ext === '.yaml') return 'ansible-yaml';
  if (ext === '.ini' || ext === '.cfg') return 'ansible-ini';
  const base = path.basename(file).toLowerCase();
  if (base === 'config' || base === 'ssh_config') return 'ssh-config';
  const first =
    content
      .split(/\r?\n/)
      .find((l) => l.trim() !== '' && !/^\s*[#;]/.test(l))
      ?.trim() ?? '';
  if (first.startsWith('{') || first.startsWith('[{')) return 'json';
  if (/^\[[^\]]+\]$/.test(first)) return 'ansible-ini';
  if (/^(host|match|include)\s/i.test(first)) return 'ssh-config';
  if (/^[\w.-]+:\s*$/.test(first) || first === '---') return 'ansible-yaml';
  if (first.includes(',') || first.includes(';') || first.includes('\t')) return 'csv';
  return 'ansible-ini';
}

function mapping(pairs: string[]): Record<string, string> | undefined {
  if (!pairs.length) return undefined;
  const m: Record<string, string> = {};
  for (const p of pairs) {
    const at = p.lastIndexOf('=');
    if (at <= 0) throw new CliError(`--map takes COLUMN=TARGET, not "${p}".`);
    m[p.slice(0, at)] = p.slice(at + 1);
  }
  return m;
}

function printProblems(preview: Pick<ImportPreview, 'errors' | 'notices'>): void {
  for (const e of preview.errors) out(`line ${e.line}: ${e.message}`);
  for (const n of preview.notices) out(`notice, line ${n.line}: ${n.message}`);
}

/** The command's work against any client; returns the exit code. */
export async function importCore(client: CmdbClient, a: ImportArgs, tty = process.stderr.isTTY): Promise<number> {
  let content: string;
  try {
    content = fs.readFileSync(a.file, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${a.file}: ${(e as Error).message}`, 1);
  }
  const format = a.format ?? guessFormat(a.file, content);
  const options: Record<string, unknown> = { defaults: a.env ? { environment: a.env } : {}, importKeys: [] };
  const map = mapping(a.map);
  if (map) {
    const inspected = (await client.call('cmdb.import.inspect', { content })) as { suggested: Record<string, string> };
    options.mapping = { ...inspected.suggested, ...map };
  }
  const source = { format, content, fileName: path.basename(a.file), options };
  if (a.dryRun) {
    const p = (await client.call('cmdb.import.preview', source)) as ImportPreview;
    out(
      `${format}: ${p.records} records — ${p.create} to create, ${p.update} to update, ${p.unchanged} unchanged, ${p.relations} relations, ${p.errors.length} errors`,
    );
    printProblems(p);
    for (const f of p.identityFiles)
      out(
        `key ${f.path} (${f.hosts.length} hosts): ${f.exists ? 'on this machine' : 'missing'}${f.inVault ? ', already in the vault' : ''}`,
      );
    return p.errors.length ? 1 : 0;
  }
  const job = (await client.call('cmdb.import.run', {
    ...source,
    mode: a.skipBadRows ? 'skip-bad-rows' : 'all-or-nothing',
  })) as Job;
  const done = await waitForJob(client, job.id, (j) => {
    if (!tty) return;
    const { done: d, total } = j.progress;
    const pct = total ? Math.floor((d / total) * 100) : 0;
    process.stderr.write(`\r${j.progress.message || 'importing'} ${pct}%   `);
  });
  if (tty) process.stderr.write('\r\x1b[K');
  if (done.state !== 'succeeded') {
    err(`import ${done.state}: ${done.error?.message ?? 'no reason given'}`);
    const details = (done.error?.details as { errors?: { line: number; message: string }[] } | undefined)?.errors ?? [];
    for (const e of details) out(`line ${e.line}: ${e.message}`);
    return 1;
  }
  const r = done.result as ImportResult;
  out(
    `imported: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped, ${r.relations} relations${r.keysImported ? `, ${r.keysImported} keys sealed` : ''}`,
  );
  printProblems({ errors: r.errors, notices: [] });
  return r.errors.length ? 1 : 0;
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...workspaceOption,
    format: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'skip-bad-rows': { type: 'boolean' },
    map: { type: 'string', multiple: true },
    env: { type: 'string' },
  });
  if (values.help) return (out(help), 0);
  if (positionals.length !== 1) throw new CliError('Name one file to import. See opsroom cmdb import --help.');
  const format = values.format;
  if (format !== undefined && !(importFormats as readonly string[]).includes(format)) {
    throw new CliError(`Unknown format "${format}"; use one of ${importFormats.join(', ')}.`);
  }
  const a: ImportArgs = {
    file: positionals[0]!,
    format: format as ImportFormat | undefined,
    dryRun: Boolean(values['dry-run']),
    skipBadRows: Boolean(values['skip-bad-rows']),
    map: values.map ?? [],
    env: values.env,
  };
  return withApp({ workspacePath: workspacePathOf(values.workspace) }, (app) => importCore(appClient(app), a));
}
