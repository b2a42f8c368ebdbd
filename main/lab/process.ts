import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { killTree, trackPid, untrackPid } from './registry';

/** A lab server process whose stdout and stderr go to a log file. */
export interface LabProcess {
  child: ChildProcess;
  exited: Promise<void>;
  log: string;
}

/** Starts `cmd`, registered with the exit hook, appending its output to `logPath`. */
export function launch(cmd: string, args: string[], logPath: string): LabProcess {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  trackPid(child.pid!);
  const out = fs.createWriteStream(logPath, { flags: 'a' });
  child.stdout!.pipe(out, { end: false });
  child.stderr!.pipe(out, { end: false });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      untrackPid(child.pid!);
      resolve();
    }),
  );
  return { child, exited, log: logPath };
}

export function running(p: LabProcess | undefined): boolean {
  return Boolean(p && p.child.exitCode === null && p.child.signalCode === null);
}

/** SIGTERM to the process and its children; SIGKILL when it has not gone after `graceMs`. */
export async function terminate(p: LabProcess | undefined, graceMs = 10_000): Promise<void> {
  if (!p || !running(p)) return;
  killTree(p.child.pid!, 'SIGTERM');
  const timer = setTimeout(() => killTree(p.child.pid!, 'SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until true; false when the process exits first or `timeoutMs` passes. */
export async function waitFor(check: () => Promise<boolean>, p: LabProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running(p)) return false;
    if (await check().catch(() => false)) return true;
    await sleep(150);
  }
  return false;
}

export function readLog(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** An HTTP GET that answers null instead of throwing (the server may not be up yet). */
export async function get(url: string, timeoutMs = 2_000): Promise<{ status: number; text: string } | null> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: r.status, text: await r.text() };
  } catch {
    return null;
  }
}
