import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const tsxBin = path.join(repoRoot, 'node_modules/.bin/tsx');
const cliEntry = path.join(repoRoot, 'main/cli/index.ts');

export interface ServeProcess {
  url: string;
  origin: string;
  port: number;
  token: string;
  home: string;
  workspace: string;
  child: ChildProcess;
  stderr(): string;
  stop(): Promise<number | null>;
}

/**
 * Starts the real `opsroom serve` as a separate process, the way a person
 * would, and waits for the URL line it prints.
 */
export async function startServe(
  opts: { workspace?: string; demo?: boolean; home?: string; args?: string[] } = {},
): Promise<ServeProcess> {
  if (!fs.existsSync(path.join(repoRoot, 'out/renderer/index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` before the e2e tests.');
  }
  const home = opts.home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-e2e-home-'));
  const workspace = opts.workspace ?? path.join(home, 'workspace.sqlite');
  const args = [
    cliEntry,
    'serve',
    '--workspace',
    workspace,
    '--port',
    '0',
    ...(opts.demo ? ['--demo'] : []),
    ...(opts.args ?? []),
  ];
  const child = spawn(tsxBin, args, {
    cwd: repoRoot,
    env: { ...process.env, OPSROOM_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`opsroom serve did not print its URL in 60 s. stderr:\n${err}`)),
      60_000,
    );
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Opsroom is at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`opsroom serve exited with ${code} before printing its URL. stderr:\n${err}`));
    });
  });
  const u = new URL(line);
  const token = new URLSearchParams(u.hash.slice(1)).get('token') ?? '';
  return {
    url: line,
    origin: u.origin,
    port: Number(u.port),
    token,
    home,
    workspace,
    child,
    stderr: () => err,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
