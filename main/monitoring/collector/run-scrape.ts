import { isOpsError, OpsError } from '../../../shared/api/errors';
import { parseScrape, type HostScrape } from '../collect/parse-scrape';
import { scrapeCommand } from '../collect/scrape';
import type { ExecResult, SshPool, TargetResolver } from '../../ssh/types';

/**
 * What one scrape printed, and how long after the call the command started
 * (connecting, a handshake through a jump host): /proc was read then, not
 * when the scrape was asked for.
 */
export type HostExec = ExecResult & { startedAfterMs?: number };

/** Runs the scrape command on one host CI and returns what it printed. */
export type HostRunner = (ciId: string, o: { timeoutMs: number; signal: AbortSignal }) => Promise<HostExec>;

/** A busy host's /proc/diskstats and df stay well under this; more is a misbehaving shell. */
export const MAX_SCRAPE_BYTES = 4 * 1024 * 1024;

export const COLLECTOR_ACTOR = 'monitoring.collector';

/**
 * One command over the pool's kept-open connection. An unknown host key is
 * held for review ('hold'), never accepted: the scrape fails with the pool's
 * sentence ("… review it in Known hosts") until a person decides. The lease
 * goes back to the pool, which keeps the connection for the next scrape.
 */
export function sshRunner(ssh: { resolver: TargetResolver; pool: SshPool }): HostRunner {
  return async (ciId, { timeoutMs, signal }) => {
    // One deadline for the whole scrape: a slow handshake leaves less time for the command.
    const begun = performance.now();
    const ends = begun + timeoutMs;
    const left = () => Math.max(500, ends - performance.now());
    const target = ssh.resolver.resolve(ciId);
    for (let attempt = 1; ; attempt++) {
      const lease = await ssh.pool.acquire(target, {
        timeoutMs: left(),
        hostKeyMode: 'hold',
        actor: COLLECTOR_ACTOR,
        signal,
      });
      try {
        const startedAfterMs = performance.now() - begun;
        const exec = await lease.exec(scrapeCommand(), { timeoutMs: left(), maxOutputBytes: MAX_SCRAPE_BYTES, signal });
        return { ...exec, startedAfterMs };
      } catch (e) {
        // The kept connection may have died since the last scrape (sshd restarted, a NAT
        // forgot it) before the pool noticed: one fresh connection decides whether the host is down.
        if (attempt === 1 && lostConnection(e) && ends - performance.now() > 500) continue;
        throw e;
      } finally {
        lease.release();
      }
    }
  };
}

function lostConnection(e: unknown): boolean {
  if (!isOpsError(e) || typeof e.details !== 'object' || e.details === null) return false;
  const state = (e.details as { state?: unknown }).state;
  return state === 'failed' || state === 'unreachable';
}

const MAX_PROBLEMS = 20;

/** A scrape the collector can use, with its notes for the target row. */
export interface UsableScrape {
  scrape: HostScrape;
  problems: string[];
}

/**
 * Judges one scrape's output. A scrape cut short (no end marker) or one with
 * neither /proc/stat nor /proc/meminfo is a failure: what came back cannot be
 * trusted to describe the host. Anything less (df missing on a small device,
 * a malformed line) is a note, and the rest is still written.
 */
export function judgeScrape(exec: ExecResult, hostName: string): UsableScrape {
  const scrape = parseScrape(exec.stdout);
  if (!scrape.complete) {
    const why = exec.truncated
      ? `it printed more than ${MAX_SCRAPE_BYTES / 1024 / 1024} MiB`
      : exec.exitCode !== null && exec.exitCode !== 0
        ? `the command exited with code ${exec.exitCode}${firstLine(exec.stderr)}`
        : exec.signal
          ? `the command was killed by ${exec.signal}`
          : 'the connection ended early';
    throw new OpsError('unavailable', `${hostName}: the scrape output stopped before its end (${why}).`);
  }
  if (!scrape.stat && !scrape.meminfo) {
    throw new OpsError(
      'unavailable',
      `${hostName} answered over SSH but /proc/stat and /proc/meminfo could not be read; the collector reads Linux hosts only.`,
    );
  }
  const notes = [
    ...scrape.missing.map((s) => `${s}: no output`),
    ...scrape.problems.map((p) => `${p.section}${p.line ? ` line ${p.line}` : ''}: ${p.message}`),
  ];
  const problems =
    notes.length > MAX_PROBLEMS
      ? [...notes.slice(0, MAX_PROBLEMS), `… and ${notes.length - MAX_PROBLEMS} more`]
      : notes;
  return { scrape, problems };
}

function firstLine(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.trim() !== '');
  return line ? `: ${line.trim().slice(0, 200)}` : '';
}
