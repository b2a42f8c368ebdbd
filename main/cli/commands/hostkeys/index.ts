import fs from 'node:fs';
import type { KnownHost, PendingHostKey } from '../../../../shared/api/ssh';
import { CliError, callOrThrow, err, out, parse, withApp, workspaceOption, workspacePathOf } from '../../common';

export const help = `Usage: opsroom hostkeys list [--workspace PATH]
       opsroom hostkeys accept ID... [--once] [--workspace PATH]
       opsroom hostkeys import FILE [--workspace PATH]
       opsroom hostkeys export [--hashed] [--out FILE] [--workspace PATH]

Known SSH host keys and the keys waiting for review. accept remembers a
pending key (with --once: only for the next connection). import reads an
OpenSSH known_hosts file (plain, hashed |1|, [host]:port, @revoked);
@cert-authority lines are reported, not imported.`;

/** What the cores need: a call through the router (parsed, audited), and where output goes. */
export type HostkeysCall = (method: string, input?: unknown) => Promise<unknown>;
export interface Print {
  out(line: string): void;
  err(line: string): void;
}
const stdio: Print = { out, err };

export async function listCore(call: HostkeysCall, p: Print = stdio): Promise<number> {
  const r = (await call('ssh.hostkeys.list', {})) as { known: KnownHost[]; pending: PendingHostKey[] };
  for (const k of r.known) {
    const where = k.port === 0 ? k.host : `${k.host}:${k.port}`;
    p.out(`${k.revoked ? 'REVOKED ' : ''}${where}\t${k.keyType}\t${k.fingerprint}\t${k.source} by ${k.acceptedBy}`);
  }
  if (r.pending.length) p.out(`pending review (${r.pending.length}):`);
  for (const k of r.pending) {
    const note =
      k.reason === 'changed' ? `CHANGED (was ${k.knownFingerprint}) — possible man-in-the-middle` : 'unknown';
    p.out(
      `  ${k.id}\t${k.host}:${k.port}\t${k.keyType}\t${k.fingerprint}\t${note}\t${k.cis.map((c) => c.name).join(',')}`,
    );
  }
  return 0;
}

export async function acceptCore(call: HostkeysCall, ids: string[], once: boolean, p: Print = stdio): Promise<number> {
  if (!ids.length) throw new CliError('Name the pending key ids to accept (see opsroom hostkeys list).');
  const r = (await call('ssh.hostkeys.accept', { ids, remember: !once })) as { accepted: number };
  p.out(`${r.accepted} host key${r.accepted === 1 ? '' : 's'} accepted${once ? ' for the next connection' : ''}`);
  return r.accepted === ids.length ? 0 : 1;
}

export async function importCore(call: HostkeysCall, file: string, p: Print = stdio): Promise<number> {
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  const r = (await call('ssh.hostkeys.import', { content, fileName: file })) as {
    imported: number;
    skipped: number;
    revoked: number;
    errors: { line: number; message: string }[];
    unsupported: { line: number; message: string }[];
  };
  p.out(`imported ${r.imported}, already known ${r.skipped}, revoked ${r.revoked}`);
  for (const u of r.unsupported) p.err(`${file}:${u.line}: not imported: ${u.message}`);
  for (const e of r.errors) p.err(`${file}:${e.line}: ${e.message}`);
  return r.errors.length ? 1 : 0;
}

export async function exportCore(
  call: HostkeysCall,
  o: { hashed: boolean; out?: string },
  p: Print = stdio,
): Promise<number> {
  const r = (await call('ssh.hostkeys.export', { hashed: o.hashed })) as { content: string; count: number };
  if (o.out) {
    fs.writeFileSync(o.out, r.content);
    p.err(`${r.count} keys written to ${o.out}`);
  } else process.stdout.write(r.content);
  return 0;
}

async function run(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  const { values, positionals } = parse(rest, {
    ...workspaceOption,
    once: { type: 'boolean' },
    hashed: { type: 'boolean' },
    out: { type: 'string' },
  });
  if (!verb || values.help) return (out(help), 0);
  const go = (fn: (call: HostkeysCall) => Promise<number>) =>
    withApp({ workspacePath: workspacePathOf(values.workspace) }, (app) => fn((m, i) => callOrThrow(app, m, i)));
  switch (verb) {
    case 'list':
      return go((c) => listCore(c));
    case 'accept':
      return go((c) => acceptCore(c, positionals, Boolean(values.once)));
    case 'import':
      if (positionals.length !== 1) throw new CliError('Usage: opsroom hostkeys import FILE');
      return go((c) => importCore(c, positionals[0]!));
    case 'export':
      return go((c) => exportCore(c, { hashed: Boolean(values.hashed), out: values.out }));
    default:
      throw new CliError(`Unknown verb "${verb}". ${help}`);
  }
}

interface Command {
  help: string;
  run(args: string[]): Promise<number>;
}

/** `opsroom hostkeys VERB`: wired into main/cli/index.ts as the "hostkeys" group. */
export const hostkeysCommands: Record<string, Command> = {
  list: { help, run: (a) => run(['list', ...a]) },
  accept: { help, run: (a) => run(['accept', ...a]) },
  import: { help, run: (a) => run(['import', ...a]) },
  export: { help, run: (a) => run(['export', ...a]) },
};
