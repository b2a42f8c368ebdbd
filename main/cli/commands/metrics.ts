import { OpsError } from '../../../shared/api/errors';
import type { Datasource, RangeQueryResult } from '../../../shared/api/monitoring-query';
import type { VaultStatus } from '../../../shared/api/vault';
import type { App } from '../../app';
import { systemClock, type Clock } from '../../clock';
import { promEngine } from '../../monitoring/prometheus/engine';
import { PromClients } from '../../monitoring/prometheus/engines';
import { runRangeQuery, type RangeInput, type RangeSpec } from '../../monitoring/query-service/range';
import { jsonForTerminal, terminalSafe } from '../../security/terminal-text';
import { parseDuration } from '../../../shared/monitoring/duration';
import { callOrThrow, CliError, parse, withApp, workspaceOption, workspacePathOf } from '../common';
import { table } from './cmdb/format';
import { passphraseEnv } from './vault/session';
import { readPassphrase } from './vault/passphrase';

export const queryHelp = `Usage: opsroom metrics query EXPR (--datasource NAME|URL | --local)
                            [--range 1h | --from T [--to T]] [--step 30s] [--width N] [--json]
                            [--workspace PATH]

Runs a PromQL range query with the same step rule and error handling as the
dashboards' panels, and prints one line per series (points, last, min, max).
  --datasource NAME  a saved datasource (its credentials and SSH tunnel are used;
                     the vault passphrase comes from ${passphraseEnv} or a prompt)
  --datasource URL   a Prometheus at http(s)://host:port, without auth
  --local            the workspace's own series (collected over SSH)
  --range D          the last D (15m, 6h, 7d); default 1h
  --from T --to T    now-2h, epoch milliseconds or ISO 8601 with a zone; --to defaults to now
  --step D           the smallest step (a panel's min interval); the rule may choose a larger one
  --width N          the plot width the step is chosen for (default 1000: about 1,000 points)
  --json             print the whole result as JSON
Exit status: 0 on success, 1 when the query failed (the Prometheus error is printed), 2 on bad flags.`;

export type MetricsSource = { kind: 'datasource'; name: string } | { kind: 'url'; url: string } | { kind: 'local' };

export interface MetricsQueryArgs {
  expr: string;
  source: MetricsSource;
  from: string;
  to: string;
  minInterval?: string;
  widthPx: number;
  json: boolean;
  workspace?: string;
}

function checkDuration(text: string, flag: string): void {
  try {
    parseDuration(text);
  } catch (e) {
    throw new CliError(`${flag}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The flags as a query; null when --help was asked. Throws CliError (exit 2) on bad flags. */
export function parseQueryArgs(args: string[]): MetricsQueryArgs | null {
  const { values, positionals } = parse(args, {
    ...workspaceOption,
    datasource: { type: 'string' },
    local: { type: 'boolean' },
    range: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    step: { type: 'string' },
    width: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) return null;
  const expr = positionals.join(' ').trim();
  if (!expr) throw new CliError("Give the PromQL expression, e.g. opsroom metrics query 'up' --datasource NAME.");
  const ds = values.datasource?.trim();
  if (ds && values.local) throw new CliError('Choose either --datasource or --local, not both.');
  if (!ds && !values.local) throw new CliError('Say where to query: --datasource NAME|URL or --local.');
  let source: MetricsSource;
  if (values.local) source = { kind: 'local' };
  else if (/^https?:\/\//i.test(ds!)) source = { kind: 'url', url: ds! };
  else source = { kind: 'datasource', name: ds! };

  if (values.range !== undefined && (values.from !== undefined || values.to !== undefined)) {
    throw new CliError('Use --range or --from/--to, not both.');
  }
  if (values.to !== undefined && values.from === undefined) throw new CliError('--to needs --from.');
  let from = 'now-1h';
  let to = 'now';
  if (values.range !== undefined) {
    checkDuration(values.range, '--range');
    from = `now-${values.range}`;
  } else if (values.from !== undefined) {
    from = values.from;
    to = values.to ?? 'now';
  }
  if (values.step !== undefined) checkDuration(values.step, '--step');
  let widthPx = 1000;
  if (values.width !== undefined) {
    widthPx = Number(values.width);
    if (!Number.isInteger(widthPx) || widthPx < 10 || widthPx > 20_000) {
      throw new CliError('--width takes a whole number of pixels from 10 to 20000.');
    }
  }
  return {
    expr,
    source,
    from,
    to,
    minInterval: values.step,
    widthPx,
    json: Boolean(values.json),
    workspace: values.workspace,
  };
}

function rangeInput(a: MetricsQueryArgs): RangeSpec {
  return {
    expr: a.expr,
    range: { from: a.from, to: a.to },
    widthPx: a.widthPx,
    ...(a.minInterval ? { minInterval: a.minInterval } : {}),
    // A person at a terminal wants the samples the step gave, not a chart's selection.
    downsample: 'none',
  };
}

/** A bare URL: no workspace, no vault; the same engine and query service as a saved datasource. */
async function queryUrl(a: MetricsQueryArgs, url: string, clock: Clock): Promise<RangeQueryResult> {
  const client = new PromClients({ clock, reveal: null, ssh: null }).adHoc(url);
  try {
    return await runRangeQuery(promEngine(client), rangeInput(a), clock.now());
  } finally {
    client.close();
  }
}

/** Credentials and tunnels need the vault: each CLI process unlocks it itself. */
async function unlockIfNeeded(app: App, ds: Datasource): Promise<void> {
  if (ds.auth.kind === 'none' && !ds.tunnelVia) return;
  const status = (await callOrThrow(app, 'vault.status')) as VaultStatus;
  if (!status.initialized || status.unlocked) return;
  const passphrase = await readPassphrase({ envVar: passphraseEnv, what: 'vault passphrase' });
  await callOrThrow(app, 'vault.unlock', { passphrase, remember: false });
}

async function queryApp(app: App, a: MetricsQueryArgs): Promise<RangeQueryResult> {
  let source: RangeInput['source'] = { kind: 'local' };
  if (a.source.kind === 'datasource') {
    const name = a.source.name;
    const all = (await callOrThrow(app, 'monitoring.datasources.list')) as Datasource[];
    const ds = all.find((d) => d.name.toLowerCase() === name.toLowerCase());
    if (!ds) {
      const known = all.map((d) => d.name).join(', ');
      throw new OpsError(
        'not_found',
        `There is no datasource named "${name}"${known ? ` (saved: ${known})` : ' (none saved)'}; give a saved name or an http(s):// URL.`,
      );
    }
    await unlockIfNeeded(app, ds);
    source = { kind: 'prometheus', datasourceId: ds.id };
  }
  return (await callOrThrow(app, 'monitoring.query.range', { ...rangeInput(a), source })) as RangeQueryResult;
}

/** Compact numbers for a terminal: whole numbers as they are, others to 6 significant digits. */
export function formatValue(v: number | null): string {
  if (v === null) return '-';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  return String(Number(v.toPrecision(6)));
}

export function summaryLines(r: RangeQueryResult): string[] {
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const head = `${iso(r.from)} to ${iso(r.to)}, step ${r.stepMs / 1000}s, ${r.series.length} series, ${r.rawPoints} points`;
  if (!r.series.length) return [head, 'no series matched'];
  const rows = r.series.map((s) => {
    let min: number | null = null;
    let max: number | null = null;
    let last: number | null = null;
    let points = 0;
    for (const v of s.v) {
      if (v === null) continue;
      points++;
      last = v;
      if (min === null || v < min) min = v;
      if (max === null || v > max) max = v;
    }
    // Series names carry label values from the server: shown, never obeyed by the terminal.
    return [terminalSafe(s.name), String(points), formatValue(last), formatValue(min), formatValue(max)];
  });
  return [head, ...table(['SERIES', 'POINTS', 'LAST', 'MIN', 'MAX'], rows)];
}

export interface MetricsIo {
  out(line: string): void;
  err(line: string): void;
}

const processIo: MetricsIo = {
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
};

export async function queryCore(a: MetricsQueryArgs, io: MetricsIo, clock: Clock = systemClock): Promise<number> {
  const r =
    a.source.kind === 'url'
      ? await queryUrl(a, a.source.url, clock)
      : await withApp({ workspacePath: workspacePathOf(a.workspace), clock }, (app) => queryApp(app, a));
  for (const w of r.warnings) io.err(`warning: ${terminalSafe(w)}`);
  if (a.json) io.out(jsonForTerminal(r));
  else for (const l of summaryLines(r)) io.out(l);
  return 0;
}

/** `opsroom metrics VERB`: wired into main/cli/index.ts as the "metrics" group. */
export const metricsCommands = {
  query: {
    help: queryHelp,
    async run(args: string[], io: MetricsIo = processIo): Promise<number> {
      const a = parseQueryArgs(args);
      if (!a) return (io.out(queryHelp), 0);
      return queryCore(a, io);
    },
  },
};
