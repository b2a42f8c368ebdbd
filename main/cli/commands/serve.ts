import fs from 'node:fs';
import path from 'node:path';
import { createApp, type App } from '../../app';
import { demoWorkspacePath, defaultWorkspacePath, logDir, rendererDir } from '../../paths';
import { startServer } from '../../serve/server';
import { CliError, out, parse, workspaceOption, noPositionals } from '../common';

export const help = `Usage: opsroom serve [--workspace PATH] [--port N] [--host 127.0.0.1] [--demo] [--allow-remote]

Serves Opsroom to a browser on this machine and prints the one URL to open
(it carries a per-launch token). Stops on Ctrl-C.
  --demo          use the demo workspace (seeded on first use)
  --port          0 (default) picks a free port
  --host          loopback only, unless --allow-remote is also given
  --allow-remote  allow a non-loopback --host (no TLS: the token and data cross the network in clear text)`;

const loopback = new Set(['127.0.0.1', 'localhost', '::1']);

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    ...workspaceOption,
    port: { type: 'string' },
    host: { type: 'string' },
    demo: { type: 'boolean' },
    'allow-remote': { type: 'boolean' },
  });
  if (values.help) return (out(help), 0);
  noPositionals(positionals, 'serve');

  const host = values.host ?? '127.0.0.1';
  if (!loopback.has(host) && !values['allow-remote']) {
    throw new CliError(
      `Refusing to listen on ${host}: the web mode is plain http, so its token and every answer would cross the network unencrypted. ` +
        'Use the default 127.0.0.1 (and an SSH tunnel from elsewhere), or add --allow-remote if you accept that.',
    );
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(`--port must be a number from 0 to 65535, not "${values.port}".`);

  let workspacePath: string;
  let demo: boolean;
  if (values.workspace) {
    workspacePath = path.resolve(values.workspace);
    demo = values.demo ?? false;
  } else if (values.demo) {
    workspacePath = demoWorkspacePath();
    demo = true;
  } else {
    // First run: a new user lands in a populated demo rather than an empty screen.
    workspacePath = defaultWorkspacePath();
    demo = !fs.existsSync(workspacePath);
  }

  return serveApp(createServeApp(workspacePath, demo), { host, port, until: stopSignal() });
}

/** Builds the app a long-running web mode needs (schedules on); `opsroom lab --serve` shares it. */
export function createServeApp(workspacePath: string, demo: boolean): App {
  return createApp({
    workspacePath,
    logDir: logDir(),
    mode: 'web',
    demo,
    scheduleSnapshots: true,
    scheduleMonitoring: true,
    echoLog: false,
  });
}

/**
 * Serves an app already built (and, for the lab, already holding an unlocked
 * vault) until `until` settles, then closes the server and the app.
 */
export async function serveApp(app: App, o: { host: string; port: number; until: Promise<void> }): Promise<number> {
  let server;
  try {
    server = await startServer({
      router: app.router,
      bus: app.bus,
      rendererDir: rendererDir(),
      logger: app.services.logger,
      host: o.host,
      port: o.port,
      actor: app.info.user,
    });
  } catch (e) {
    await app.close();
    if ((e as { code?: string }).code === 'EADDRINUSE')
      throw new CliError(`Port ${o.port} is already in use; pick another --port or leave it out for a free one.`, 1);
    throw e;
  }
  out(`Opsroom is at ${server.url}`);
  await o.until;
  await server.close();
  await app.close();
  return 0;
}

function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
