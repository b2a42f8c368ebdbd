import { isOpsError } from '../../../shared/api/errors';
import type { LogEntry } from '../../../shared/api/monitoring-logs';
import type { Logger } from '../../applog/types';
import type { Clock } from '../../clock';
import type { SshServices } from '../../ssh/compose';
import type { ExecResult } from '../../ssh/types';
import { fileCommand, fileOutputBudget, parseFileOutput, stepFile, type FileReadError } from './file-command';
import { journalCommand, journalFailure, journalFailureMessage, journalLineBudget } from './journal-command';
import { parseJournal } from './journal-parse';
import { guessLevel, guessTime } from './line-guess';
import type { LineIn, LineStore, Position } from './lines';
import { cleanMessage } from './sanitize';
import type { SourceRow } from './sources';

export interface PullLimits {
  /** journal entries per pull */
  maxLines: number;
  /** file bytes per pull */
  maxBytes: number;
  /** journal output bytes kept per pull */
  maxJournalBytes: number;
  /** first pull of the live journal: its newest N entries */
  backlog: number;
  /** first pull of a file: its last N bytes */
  initialBytes: number;
  connectTimeoutMs: number;
  execTimeoutMs: number;
}

/**
 * One pull is held in memory whole (output text, lines, parsed entries: a few
 * times its size) and eight run at once, so a pull is kept small and a host
 * with a large backlog is caught up by pulling again at the next tick
 * (`more`), not by one huge read. 5,000 journal entries of JSON are 5 to
 * 10 MB; 16 MB leaves room for long messages.
 */
export const defaultPullLimits: PullLimits = {
  maxLines: 5_000,
  maxBytes: 4 * 1024 * 1024,
  maxJournalBytes: 16 * 1024 * 1024,
  backlog: 1000,
  initialBytes: 256 * 1024,
  connectTimeoutMs: 15_000,
  execTimeoutMs: 60_000,
};

export interface PullerDeps {
  clock: Clock;
  logger: Logger;
  ssh: Pick<SshServices, 'pool' | 'resolver'>;
  cmdb: { require(id: string): { name: string } };
  lines: LineStore;
  recordFailure(id: string, at: number, error: string, opts?: { resetCursor?: boolean }): void;
  publish(sourceId: string, entries: LogEntry[]): void;
  /** aborted when the service closes: the pull stops and records nothing */
  signal?: AbortSignal;
}

type Outcome = { lines: LineIn[]; pos: Position; error: string | null } | { failed: string; resetCursor?: boolean };

function fileErrorMessage(reason: FileReadError, host: string, user: string, path: string): string {
  switch (reason) {
    case 'missing':
      return `${path} does not exist on ${host}; check the path of the log source (or whether the file was rotated away).`;
    case 'directory':
      return `${path} on ${host} is a directory; a file source needs a file (for a copied journal, add a journal source with that directory).`;
    case 'unreadable':
      return `${user} on ${host} cannot read ${path} (permission denied); add that user to the file's group (often adm) or choose another file.`;
    case 'stat':
      return `${host} could not look at ${path} (stat failed); check that coreutils are installed and the path is a plain file.`;
    case 'garbled':
      return `${host} answered the file read with unexpected output; check that it has a POSIX sh with stat, tail, head and base64.`;
  }
}

/** One pull of one source over the pooled SSH connection; every failure ends up on the source, never thrown. */
export async function pullSource(d: PullerDeps, src: SourceRow, limits: PullLimits): Promise<void> {
  const at = d.clock.now();
  let host = src.ciId;
  try {
    host = d.cmdb.require(src.ciId).name;
    const target = d.ssh.resolver.resolve(src.ciId);
    const lease = await d.ssh.pool.acquire(target, {
      timeoutMs: limits.connectTimeoutMs,
      hostKeyMode: 'hold',
      actor: 'monitoring.logs',
      signal: d.signal,
    });
    let out: Outcome;
    try {
      const p: Pull = {
        src,
        host,
        user: target.target.user,
        at,
        limits,
        exec: (command, opts) => lease.exec(command, { ...opts, signal: d.signal }),
      };
      out = src.kind === 'journal' ? await pullJournal(p) : await pullFile(p);
    } finally {
      lease.release();
    }
    if (d.signal?.aborted) return;
    if ('failed' in out) {
      d.recordFailure(src.id, at, out.failed, { resetCursor: out.resetCursor });
      return;
    }
    const r = d.lines.commit(src, host, out.lines, out.pos, at, out.error);
    if (r.stored && r.entries.length) d.publish(src.id, r.entries);
  } catch (e) {
    // Closing: the source did nothing wrong, and the workspace may be closing too.
    if (d.signal?.aborted) return;
    const msg = isOpsError(e)
      ? e.message
      : `Pulling logs from ${host} failed: ${e instanceof Error ? e.message : String(e)}`;
    d.logger.warn('log pull failed', { sourceId: src.id, error: msg });
    try {
      d.recordFailure(src.id, at, msg);
    } catch {
      // the source was deleted meanwhile, or the workspace closed: nothing left to record on
    }
  }
}

/** One pull of one source: where it reads, as whom, and how. */
interface Pull {
  src: SourceRow;
  host: string;
  user: string;
  at: number;
  limits: PullLimits;
  exec(command: string, opts: { timeoutMs: number; maxOutputBytes: number }): Promise<ExecResult>;
}

async function pullJournal({ src, exec, host, user, at, limits }: Pull): Promise<Outcome> {
  const r = await exec(journalCommand(src, limits), {
    timeoutMs: limits.execTimeoutMs,
    maxOutputBytes: limits.maxJournalBytes,
  });
  const outLines = r.stdout ? r.stdout.split('\n').filter((l) => l.trim()).length : 0;
  const budget = journalLineBudget(src, limits);
  const failure = journalFailure(r, outLines, budget, src.path);
  if (failure) {
    const failed = journalFailureMessage(failure, { host, user, path: src.path, backlog: limits.backlog });
    return { failed, resetCursor: failure.kind === 'bad-cursor' };
  }
  const parsed = parseJournal(r.stdout, { fallbackTime: at, truncated: r.truncated, after: src.cursor });
  if (r.truncated && parsed.cursor === null) {
    // Not one whole entry fitted: pulling again would read the same bytes for ever.
    const cap = limits.maxJournalBytes;
    const size = cap >= 1 << 20 ? `${Math.round(cap / (1 << 20))} MB` : `${Math.ceil(cap / 1024)} KB`;
    return {
      failed: `The next journal entry on ${host} is larger than ${size}, more than one pull takes; limit the source to other units.`,
    };
  }
  const error =
    parsed.garbage > 0
      ? `${parsed.garbage} line(s) of journalctl output on ${host} were not journal entries and were skipped.`
      : null;
  return {
    lines: parsed.entries,
    pos: {
      cursor: parsed.cursor ?? src.cursor,
      inode: null,
      offset: 0,
      more: r.truncated || outLines >= budget,
    },
    error,
  };
}

async function pullFile({ src, exec, host, user, at, limits }: Pull): Promise<Outcome> {
  const path = src.path ?? '';
  const r = await exec(fileCommand(path, { inode: src.inode, offset: src.offset }, limits), {
    timeoutMs: limits.execTimeoutMs,
    maxOutputBytes: fileOutputBudget(limits.maxBytes),
  });
  const read = parseFileOutput(r.stdout);
  if (read.kind === 'error') {
    const stderr = r.stderr.trim().split('\n')[0];
    if (read.reason === 'garbled' && stderr)
      return { failed: `Reading ${path} on ${host} failed: ${stderr.slice(0, 300)}` };
    return { failed: fileErrorMessage(read.reason, host, user, path) };
  }
  // A missing tool (base64, tail) leaves the data empty with a complaint on stderr.
  if (read.data.length === 0 && /not found|No such file|Permission denied/i.test(r.stderr)) {
    return { failed: `Reading ${path} on ${host} failed: ${r.stderr.trim().split('\n')[0]!.slice(0, 300)}` };
  }
  const step = stepFile({ inode: src.inode, offset: src.offset }, read, limits.maxBytes);
  // Lines without a time of their own take the pull time; one clock reading per pull keeps their order.
  const ctx = { nowMs: at, offsetMin: read.offsetMin };
  return {
    lines: step.lines.map((text) => ({
      time: guessTime(text, ctx),
      unit: path,
      level: guessLevel(text),
      message: cleanMessage(text),
    })),
    pos: { cursor: null, inode: step.next.inode, offset: step.next.offset, more: step.more },
    error: null,
  };
}
