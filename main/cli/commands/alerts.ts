import type { AlertInstance, AlertRule } from '../../../shared/api/monitoring-alerts';
import { formatDuration } from '../../../shared/monitoring/duration';
import { formatG } from '../../monitoring/alerts/go-format';
import { jsonForTerminal, terminalSafe } from '../../security/terminal-text';
import { callOrThrow, err, noPositionals, out, parse, withApp, workspaceOption, workspacePathOf } from '../common';

export const help = `Usage: opsroom alerts list [--json] [--all] [--workspace PATH]

Firing and pending alerts, one line each, firing first; a silenced alert is
marked with the silences that mute it. Shows the state the console last
evaluated (rules run in the desktop app or opsroom serve; this command does
not evaluate them). --all adds every rule with its last evaluation and error.`;

export type AlertsCall = (method: string, input?: unknown) => Promise<unknown>;
export interface Print {
  out(line: string): void;
  err(line: string): void;
}
const stdio: Print = { out, err };

const time = (ms: number | null | undefined) => (ms == null ? '-' : new Date(ms).toISOString().replace('.000Z', 'Z'));

function labelText(labels: Record<string, string>): string {
  const inner = Object.keys(labels)
    .filter((k) => k !== 'alertname')
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(', ');
  return `{${inner}}`;
}

export function formatAlert(a: AlertInstance): string {
  const since = a.state === 'firing' ? a.firedAt : a.activeAt;
  const value = a.value === null ? '-' : formatG(a.value);
  const muted = a.silencedBy.length ? `\tSILENCED by ${a.silencedBy.join(',')}` : '';
  // Label values come from the monitored systems: shown, never obeyed by the terminal.
  return terminalSafe(
    `${a.state.toUpperCase().padEnd(7)}\t${a.ruleName}\t${labelText(a.labels)}\tvalue=${value}\tsince ${time(since)}${muted}`,
  );
}

export function formatRule(r: AlertRule): string {
  const state = r.enabled ? 'enabled' : 'disabled';
  const timing = `every ${formatDuration(r.intervalMs)}, for ${formatDuration(r.forMs)}`;
  const last = r.lastEvalAt === null ? 'never evaluated' : `last evaluated ${time(r.lastEvalAt)}`;
  const took = r.lastEvalMs === null ? '' : ` (${Math.round(r.lastEvalMs)} ms)`;
  const cond = r.op === null ? r.expr : `${r.expr} ${r.op} ${r.threshold}`;
  return terminalSafe(
    `rule\t${r.name}\t${state}\t${timing}\t${last}${took}\t${r.lastError ? `error: ${r.lastError}` : 'ok'}\t${cond}`,
  );
}

export async function listCore(
  call: AlertsCall,
  o: { json: boolean; all: boolean },
  p: Print = stdio,
): Promise<number> {
  const alerts = (await call('monitoring.alerts.active', {})) as AlertInstance[];
  const rules = o.all ? ((await call('monitoring.alerts.rules.list', {})) as AlertRule[]) : undefined;
  if (o.json) {
    p.out(jsonForTerminal(rules ? { alerts, rules } : { alerts }));
    return 0;
  }
  if (!alerts.length) p.out('no alerts firing or pending');
  for (const a of alerts) p.out(formatAlert(a));
  if (rules) {
    if (!rules.length) p.out('no alert rules');
    for (const r of rules) p.out(formatRule(r));
  }
  return 0;
}

async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...workspaceOption,
    json: { type: 'boolean' },
    all: { type: 'boolean' },
  });
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'alerts list');
  return withApp({ workspacePath: workspacePathOf(values.workspace) }, (app) =>
    listCore((m, i) => callOrThrow(app, m, i), { json: Boolean(values.json), all: Boolean(values.all) }),
  );
}

/** `opsroom alerts VERB`: wired into main/cli/index.ts as the "alerts" group. */
export const alertsCommands = {
  list: { help, run },
};
