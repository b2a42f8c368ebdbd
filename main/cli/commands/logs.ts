import { logLevels, type LogEntry, type LogLevel } from '../../../shared/api/monitoring-logs';
import { jsonForTerminal, terminalSafe } from '../../security/terminal-text';
import { callOrThrow, CliError, out, parse, withApp, workspaceOption, workspacePathOf } from '../common';

export const help = `Usage: opsroom logs search [QUERY] [--host H ...] [--unit U ...] [--level L] [--since T] [--until T]
                          [--limit N] [--json] [--workspace PATH]

Searches the log lines pulled from hosts into the workspace, newest first.
QUERY words must all occur (any order); "quoted words" must occur together;
a trailing * finds words starting so (conn*). With no QUERY, every line in the
filters is listed.
  --host H      only lines from this host (repeatable)
  --unit U      only this systemd unit or log file path (repeatable)
  --level L     this level and more severe: ${logLevels.join(', ')}
  --since T     from: now-1h, now-7d, an ISO 8601 time with a zone, or epoch ms
  --until T     to (same forms; default now)
  --limit N     at most N lines (default 100, at most 5000)
  --json        print the result as JSON
Prints time (UTC), host, unit, level and message, one line each.`;

export interface LogsSearchArgs {
  query: string;
  hosts: string[];
  units: string[];
  level?: LogLevel;
  since?: string;
  until?: string;
  limit: number;
  json: boolean;
}

interface SearchResult {
  entries: LogEntry[];
  total: number;
  tookMs: number;
}

/**
 * One entry as a line; a multi-line message keeps to one line with its breaks
 * written as \\n. Lines come from hosts: their control characters are shown,
 * never sent to the terminal.
 */
export function entryLine(e: LogEntry): string {
  const msg = e.message.replace(/\r?\n/g, '\\n');
  return terminalSafe(`${new Date(e.time).toISOString()} ${e.host} ${e.unit || '-'} ${e.level} ${msg}`);
}

export async function searchCore(
  call: (method: string, input: unknown) => Promise<unknown>,
  a: LogsSearchArgs,
  print: (line: string) => void = out,
): Promise<number> {
  const r = (await call('monitoring.logs.search', {
    query: a.query,
    hosts: a.hosts,
    units: a.units,
    ...(a.level ? { level: a.level } : {}),
    ...(a.since ? { since: a.since } : {}),
    ...(a.until ? { until: a.until } : {}),
    limit: a.limit,
  })) as SearchResult;
  if (a.json) {
    print(jsonForTerminal(r));
    return 0;
  }
  if (!r.entries.length) {
    print('no log lines match');
    return 0;
  }
  // Oldest of the page first, as a log reads; the page itself is the newest matches.
  for (const e of [...r.entries].reverse()) print(entryLine(e));
  print(
    r.total > r.entries.length
      ? `${r.entries.length} of ${r.total} lines shown, the newest (--limit to see more)`
      : `${r.total} line${r.total === 1 ? '' : 's'}`,
  );
  return 0;
}

const options = {
  ...workspaceOption,
  host: { type: 'string', multiple: true },
  unit: { type: 'string', multiple: true },
  level: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The command line to search arguments ('help' for --help); a bad flag value is a CliError naming it. */
export function parseSearchArgs(args: string[]): (LogsSearchArgs & { workspace?: string }) | 'help' {
  const { values, positionals } = parse(args, options);
  if (values.help) return 'help';
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000) {
    throw new CliError('--limit takes a whole number from 1 to 5000.');
  }
  const level = values.level?.toLowerCase();
  if (level !== undefined && !(logLevels as readonly string[]).includes(level)) {
    throw new CliError(`--level takes one of ${logLevels.join(', ')}.`);
  }
  return {
    query: positionals.join(' '),
    hosts: values.host ?? [],
    units: values.unit ?? [],
    level: level as LogLevel | undefined,
    since: values.since,
    until: values.until,
    limit,
    json: Boolean(values.json),
    workspace: values.workspace,
  };
}

async function run(args: string[]): Promise<number> {
  const a = parseSearchArgs(args);
  if (a === 'help') return (out(help), 0);
  return withApp({ workspacePath: workspacePathOf(a.workspace) }, (app) =>
    searchCore((method, input) => callOrThrow(app, method, input), a),
  );
}

/** `opsroom logs …`: wired under the "logs" group in main/cli/index.ts. */
export const logsCommands: Record<string, { help: string; run(args: string[]): Promise<number> }> = {
  search: { help, run },
};
