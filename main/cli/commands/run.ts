import type { CiQuery } from '../../../shared/api/cmdb-model';
import { isOpsError } from '../../../shared/api/errors';
import type { BatchRun, HostResult, HostState, TargetSelector } from '../../../shared/api/ssh';
import type { App } from '../../app';
import type { OutputGroup } from '../../ssh/batch/groups';
import { callOrThrow, CliError, parse, withApp, workspaceOption, workspacePathOf } from '../common';

export const help = `Usage: opsroom run --targets SELECTOR [--concurrency N] [--timeout S] [--json] [--yes] [--workspace PATH] -- COMMAND

Runs COMMAND on every host the selector picks, over SSH, and prints a summary
that groups identical outputs. SELECTOR parts, joined with + (their union):
  tag:web   group:NAME   env:prod   type:host   name:web-01,web-02   free text (CMDB search)
{{ci.name}}, {{ci.address}}, {{ci.environment}}, {{ci.fields.KEY}} in COMMAND
are replaced by the host's values, shell-quoted.
  --concurrency N   hosts at once (default 20)
  --timeout S       seconds per host for login and command together (default 60)
  --yes             confirm a run on many hosts or on production hosts
  --json            print the run and every host as JSON
Exit status: 0 when every host ended ok, 1 otherwise, 3 when confirmation is needed.`;

type RunResult = { run: BatchRun; hosts: HostResult[]; groups: OutputGroup[] };

/** What the command needs: a running app's router and bus, or an open BatchService in tests. */
export interface RunClient {
  searchIds(query: CiQuery): Promise<string[]>;
  idOf(name: string): Promise<string>;
  run(input: Record<string, unknown>): Promise<BatchRun>;
  get(runId: string): Promise<RunResult>;
  wait(runId: string): Promise<BatchRun>;
  cancel(runId: string): Promise<void>;
  onUpdated(fn: (run: BatchRun) => void): () => void;
}

export interface RunIo {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
}

export interface RunArgs {
  targets: string;
  concurrency: number;
  timeoutSec: number;
  json: boolean;
  yes: boolean;
  command: string;
}

/**
 * `tag:`, `group:` and `name:` parts go to the selector as they are; `env:`,
 * `type:` and free text are CMDB searches turned into ids, so every part adds
 * hosts (a union), as the selector's contract says.
 */
export async function selectorOf(client: RunClient, spec: string): Promise<TargetSelector> {
  const sel: { ids: string[]; tags: string[]; group?: string } = { ids: [], tags: [] };
  const parts = spec
    .split('+')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) throw new CliError('--targets needs at least one part, e.g. tag:web or env:prod.');
  for (const part of parts) {
    const m = /^(tag|group|env|type|name):(.*)$/.exec(part);
    const [kind, value] = m ? [m[1]!, m[2]!.trim()] : ['text', part];
    if (!value) throw new CliError(`"${part}" names nothing; write e.g. ${kind}:VALUE.`);
    if (kind === 'tag') sel.tags.push(value);
    else if (kind === 'group') {
      if (sel.group !== undefined) throw new CliError('Only one group: part is supported per run.');
      sel.group = value;
    } else if (kind === 'name') {
      for (const n of value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean))
        sel.ids.push(await client.idOf(n));
    } else if (kind === 'env') sel.ids.push(...(await client.searchIds({ environments: [value.toLowerCase()] })));
    else if (kind === 'type') sel.ids.push(...(await client.searchIds({ types: [value] })));
    else sel.ids.push(...(await client.searchIds({ text: value })));
  }
  return { ...sel, ids: [...new Set(sel.ids)] };
}

const shownStates: HostState[] = [
  'queued',
  'connecting',
  'running',
  'ok',
  'failed',
  'timed-out',
  'unreachable',
  'auth-failed',
  'hostkey-held',
  'hostkey-changed',
  'cancelled',
];

function progressLines(run: BatchRun): string[] {
  return shownStates.filter((s) => run.counts[s] > 0).map((s) => `  ${s.padEnd(16)}${run.counts[s]}`);
}

export async function runCore(client: RunClient, a: RunArgs, io: RunIo): Promise<number> {
  const targets = await selectorOf(client, a.targets);
  let run: BatchRun;
  try {
    run = await client.run({
      targets,
      command: a.command,
      concurrency: a.concurrency,
      timeoutSec: a.timeoutSec,
      confirmed: a.yes,
    });
  } catch (e) {
    if (isOpsError(e) && e.code === 'confirm_required') {
      io.err(`${e.message} (run again with --yes)`);
      return 3;
    }
    throw e;
  }
  let drawn = 0;
  const draw = (r: BatchRun) => {
    if (!io.isTTY || a.json || r.id !== run.id) return;
    const lines = progressLines(r);
    // Move back over the previous block and redraw it in place.
    io.out((drawn ? `\x1b[${drawn}A` : '') + lines.map((l) => `\x1b[2K${l}`).join('\n') + '\n');
    drawn = lines.length;
  };
  const off = client.onUpdated(draw);
  const onSigint = () => void client.cancel(run.id);
  process.once('SIGINT', onSigint);
  try {
    await client.wait(run.id);
  } finally {
    off();
    process.off('SIGINT', onSigint);
  }
  const result = await client.get(run.id);
  if (a.json) io.out(JSON.stringify({ run: result.run, hosts: result.hosts }, null, 2) + '\n');
  else io.out(summary(result));
  return result.run.counts.ok === result.run.total ? 0 : 1;
}

function summary({ run, groups }: RunResult): string {
  const lines: string[] = [];
  for (const g of groups) {
    const names = g.hosts.slice(0, 10).map((h) => h.name);
    const more = g.hosts.length > 10 ? ` and ${g.hosts.length - 10} more` : '';
    const exit = g.exitCode === null ? '' : ` (exit ${g.exitCode})`;
    lines.push(
      `== ${g.hosts.length} host${g.hosts.length === 1 ? '' : 's'}: ${g.state}${exit} — ${names.join(', ')}${more}`,
    );
    for (const [label, text] of [
      ['', g.stdout],
      ['stderr: ', g.stderr],
    ] as const) {
      const body = text.replace(/\n$/, '').split('\n');
      if (!text) continue;
      for (const l of body.slice(0, 20)) lines.push(`   ${label}${l}`);
      if (body.length > 20) lines.push(`   … ${body.length - 20} more lines (opsroom call ssh.batch.get for all)`);
    }
  }
  const counts = shownStates.filter((s) => run.counts[s] > 0).map((s) => `${run.counts[s]} ${s}`);
  lines.push(`${run.total} host${run.total === 1 ? '' : 's'}: ${counts.join(', ')} · run ${run.id}`);
  return lines.join('\n') + '\n';
}

function positiveNumber(v: unknown, flag: string, fallback: number, max: number, whole: boolean): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 1 || n > max || (whole && !Number.isInteger(n)))
    throw new CliError(`${flag} takes a ${whole ? 'whole ' : ''}number from 1 to ${max}.`);
  return n;
}

/** The client of a running app: calls go through the router (audited like the UI's), progress from the bus. */
export function appRunClient(app: App): RunClient {
  const call = (m: string, i?: unknown) => callOrThrow(app, m, i);
  const bus = app.bus as unknown as {
    subscribe(topic: string, fn: (p: unknown) => void): () => void;
  };
  return {
    async searchIds(query) {
      const ids: string[] = [];
      for (let offset = 0; ; offset += 2000) {
        const r = (await call('cmdb.search', { query, offset, limit: 2000 })) as {
          items: { id: string }[];
          total: number;
        };
        ids.push(...r.items.map((c) => c.id));
        if (!r.items.length || ids.length >= r.total) return ids;
      }
    },
    idOf: async (name) => ((await call('cmdb.ci.get', { name })) as { ci: { id: string } }).ci.id,
    run: async (input) => (await call('ssh.batch.run', input)) as BatchRun,
    get: async (runId) => (await call('ssh.batch.get', { runId })) as RunResult,
    async wait(runId) {
      const { run } = (await call('ssh.batch.get', { runId })) as RunResult;
      if (run.jobId) await app.services.jobs.wait(run.jobId);
      return ((await call('ssh.batch.get', { runId })) as RunResult).run;
    },
    cancel: async (runId) => void (await call('ssh.batch.cancel', { runId })),
    onUpdated: (fn) => bus.subscribe('ssh.batch.updated', (p) => fn(p as BatchRun)),
  };
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...workspaceOption,
    targets: { type: 'string' },
    concurrency: { type: 'string' },
    timeout: { type: 'string' },
    json: { type: 'boolean' },
    yes: { type: 'boolean' },
  });
  if (values.help) return (process.stdout.write(help + '\n'), 0);
  if (!values.targets) throw new CliError('--targets is required, e.g. --targets tag:web.');
  const command = positionals.join(' ').trim();
  if (!command) throw new CliError('Give the command after --, e.g. opsroom run --targets tag:web -- uptime.');
  const a: RunArgs = {
    targets: values.targets,
    concurrency: positiveNumber(values.concurrency, '--concurrency', 20, 500, true),
    timeoutSec: positiveNumber(values.timeout, '--timeout', 60, 86_400, false),
    json: Boolean(values.json),
    yes: Boolean(values.yes),
    command,
  };
  const io: RunIo = {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t + '\n'),
    isTTY: Boolean(process.stdout.isTTY),
  };
  return withApp({ workspacePath: workspacePathOf(values.workspace) }, (app) => runCore(appRunClient(app), a, io));
}
