import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { OpsError } from '../../shared/api/errors';
import { createApp, type App, type AppConfig } from '../app';
import { defaultWorkspacePath, logDir } from '../paths';

/** A failure of the command line itself (bad flags, refused option): printed as one line, with its own exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export const workspaceOption = { workspace: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** parseArgs, strict, so that a misspelt flag is an error and not a silent no-op. */
export function parse<O extends Options>(args: string[], options: O) {
  return parseArgs({ args, options, strict: true, allowPositionals: true });
}

/** Refuses positional arguments for a command that takes none. `command` is how its help names it ("vault list"). */
export function noPositionals(positionals: readonly string[], command: string): void {
  if (positionals.length) throw new CliError(`Unexpected argument "${positionals[0]}". See opsroom ${command} --help.`);
}

export function workspacePathOf(value: unknown): string {
  return path.resolve(typeof value === 'string' && value ? value : defaultWorkspacePath());
}

/** The app as a CLI command builds it: no log echo, no snapshot schedule. */
export function createCliApp(config: Partial<AppConfig> & { workspacePath: string }): App {
  return createApp({ logDir: logDir(), mode: 'cli', echoLog: false, scheduleSnapshots: false, ...config });
}

/** Opens the workspace for one command and always closes it, whatever the command did. */
export async function withApp<T>(
  config: Partial<AppConfig> & { workspacePath: string },
  fn: (app: App) => Promise<T>,
): Promise<T> {
  const app = createCliApp(config);
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** A router call from the command line: a failed result becomes the OpsError it describes. */
export async function callOrThrow(app: App, method: string, input?: unknown): Promise<unknown> {
  const r = await app.router.call(method, input, { actor: app.info.user, via: 'cli' });
  if (!r.ok) throw OpsError.from(r.error);
  return r.result;
}

export function out(line: string): void {
  process.stdout.write(line + '\n');
}

export function err(line: string): void {
  process.stderr.write(line + '\n');
}
