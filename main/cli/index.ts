import { OpsError } from '../../shared/api/errors';
import * as auditVerify from './commands/audit-verify';
import * as call from './commands/call';
import { cmdbCommands } from './commands/cmdb';
import { alertsCommands } from './commands/alerts';
import { hostkeysCommands } from './commands/hostkeys';
import { labCommand } from './commands/lab';
import { logsCommands } from './commands/logs';
import { metricsCommands } from './commands/metrics';
import * as runCmd from './commands/run';
import { vaultCommands } from './commands/vault';
import * as serve from './commands/serve';
import * as workspaceCheck from './commands/workspace-check';
import * as workspaceRestore from './commands/workspace-restore';
import * as workspaceSnapshot from './commands/workspace-snapshot';
import * as workspaceSnapshots from './commands/workspace-snapshots';
import { CliError, err, out } from './common';
import { terminalSafe } from '../security/terminal-text';

interface Command {
  help: string;
  run(args: string[]): Promise<number>;
}

/** Command words → command; a group ("audit", "workspace") takes one more word. */
const commands: Record<string, Command | Record<string, Command>> = {
  serve,
  call,
  audit: { verify: auditVerify },
  vault: vaultCommands,
  cmdb: cmdbCommands,
  hostkeys: hostkeysCommands,
  run: runCmd,
  lab: labCommand,
  metrics: metricsCommands,
  alerts: alertsCommands,
  logs: logsCommands,
  workspace: {
    check: workspaceCheck,
    snapshot: workspaceSnapshot,
    snapshots: workspaceSnapshots,
    restore: workspaceRestore,
  },
};

const usage = `Usage: opsroom COMMAND [options]   (every command takes --workspace PATH and --help)

  serve                       serve the UI to a browser on 127.0.0.1
  call METHOD [JSON]          call one API method and print the JSON result (call --list)
  audit verify                check the audit hash chain
  workspace check [--full]    check the workspace file
  workspace snapshot          take a snapshot
  workspace snapshots         list snapshots
  workspace restore           restore a snapshot (--snapshot ID | --latest)
  vault init|unlock|lock|add|list|remove|export|import
                              the credential vault (passphrase from OPSROOM_PASSPHRASE or a prompt)
  cmdb import FILE            import an inventory (ansible-ini|ansible-yaml|ssh-config|csv|json; --dry-run)
  cmdb export --format F      export CSV, JSON or an Ansible YAML inventory
  cmdb search QUERY           find CIs (--type --env --tag --json)
  cmdb show NAME|ID           one CI with its relationships
  run --targets SEL -- CMD    run a command on many hosts over SSH (--concurrency --timeout --json --yes)
  hostkeys list|accept|import|export
                              known SSH host keys and the ones waiting for review
  metrics query EXPR          a PromQL range query (--datasource NAME|URL | --local; --range --from --to --json)
  alerts list                 pending and firing alerts (--all adds rules; --json)
  lab [--hosts N] [--serve]   start local sshd hosts, node_exporter + Prometheus and a log feed, registered
                              in a new demo workspace (Ctrl-C stops them)
  logs search [QUERY]         search pulled host logs (--host --unit --level --since --json)`;

function find(argv: string[]): { cmd: Command; rest: string[]; name: string } | undefined {
  const [first, second, ...more] = argv;
  const entry = first ? commands[first] : undefined;
  if (!entry) return undefined;
  if ('run' in entry && typeof entry.run === 'function')
    return { cmd: entry as Command, rest: argv.slice(1), name: first! };
  const sub = second ? (entry as Record<string, Command>)[second] : undefined;
  return sub ? { cmd: sub, rest: more, name: `${first} ${second}` } : undefined;
}

/** One readable line per failure; a stack trace only when OPSROOM_DEBUG=1. */
function report(e: unknown, name: string): number {
  if (process.env.OPSROOM_DEBUG === '1' && e instanceof Error) err(e.stack ?? String(e));
  if (e instanceof OpsError) {
    // Messages can carry a server's or a host's own words.
    err(`error (${e.code}): ${terminalSafe(e.message)}`);
    return 1;
  }
  if (e instanceof CliError) {
    err(`error: ${terminalSafe(e.message)}`);
    return e.exitCode;
  }
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    err(`error: ${(e as Error).message}. See opsroom ${name} --help.`);
    return 2;
  }
  err(
    `error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}${process.env.OPSROOM_DEBUG === '1' ? '' : ' (set OPSROOM_DEBUG=1 for details)'}`,
  );
  return 1;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    out(usage);
    return argv.length === 0 ? 2 : 0;
  }
  const found = find(argv);
  if (!found) {
    err(`error: unknown command "${argv.slice(0, 2).join(' ')}".\n${usage}`);
    return 2;
  }
  try {
    return await found.cmd.run(found.rest);
  } catch (e) {
    return report(e, found.name);
  }
}

process.exitCode = await main(process.argv.slice(2));
// Timers (log flushing, a job runner) must not keep a finished command alive.
process.exit();
