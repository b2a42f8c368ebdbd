import { shellQuote } from '../../ssh/quote';
import type { ExecResult } from '../../ssh/types';

/**
 * `journalctl -o json` over SSH, since the last stored cursor.
 *
 * The first pull of the live journal starts at its newest `backlog` entries
 * (a host's whole history is rarely wanted and may be gigabytes); the first
 * pull of a copied journal directory (`path`) starts at its beginning, since
 * reading that copy is the point. Each pull takes at most `maxLines` entries
 * (`head` cuts the stream; journalctl then ends on SIGPIPE) and the next one
 * continues from the last cursor stored. That is `--cursor` (which includes
 * the entry at the cursor, dropped again by the parser), not
 * `--after-cursor`: with unit filters, --after-cursor skips one more entry
 * when the cursor's own entry does not match them (seen with systemd 252
 * after a source's units were edited). `--all` keeps long fields, which
 * journalctl otherwise prints as null. journalctl's own exit status goes to
 * stderr as `#exit N`, since the pipeline's status is head's.
 */

export interface JournalSourceSpec {
  path: string | null;
  units: readonly string[];
  cursor: string | null;
}

export interface JournalCommandOptions {
  maxLines: number;
  backlog: number;
}

export function journalCommand(src: JournalSourceSpec, o: JournalCommandOptions): string {
  const args = ['-q', '-o', 'json', '--no-pager', '--all'];
  if (src.path) args.push(shellQuote(`--directory=${src.path}`));
  // One word each, "--unit=" attached: a unit name can never be read as another option.
  for (const u of src.units) args.push(shellQuote(`--unit=${u}`));
  if (src.cursor) args.push(shellQuote(`--cursor=${src.cursor}`));
  else if (!src.path) args.push('-n', String(o.backlog));
  const script = [
    `command -v journalctl >/dev/null 2>&1 || { echo '#error nojournalctl'; exit 0; }`,
    `{ journalctl ${args.join(' ')}; echo "#exit $?" >&2; } | head -n ${journalLineBudget(src, o)}`,
  ].join('\n');
  return `sh -c ${shellQuote(script)}`;
}

/** Output lines one pull may take: `maxLines` new entries, plus the entry at the cursor when there is one. */
export function journalLineBudget(
  src: Pick<JournalSourceSpec, 'cursor'>,
  o: Pick<JournalCommandOptions, 'maxLines'>,
): number {
  return o.maxLines + (src.cursor ? 1 : 0);
}

export type JournalFailure =
  | { kind: 'no-journalctl' }
  | { kind: 'permission' }
  | { kind: 'bad-cursor' }
  | { kind: 'no-directory' }
  | { kind: 'failed'; text: string };

/** SIGPIPE: head took its fill and closed the pipe, which is how a capped pull ends. */
const SIGPIPE_EXIT = 141;

/** Why a pull failed, or null when its output can be used. `lines` counts the output lines. */
export function journalFailure(
  r: ExecResult,
  lines: number,
  maxLines: number,
  path: string | null,
): JournalFailure | null {
  if (r.stdout.startsWith('#error nojournalctl')) return { kind: 'no-journalctl' };
  const errLines = r.stderr.split('\n');
  const marker = errLines.map((l) => /^#exit (\d+)$/.exec(l.trim())).find(Boolean);
  const text = errLines
    .filter((l) => l.trim() && !/^#exit \d+$/.test(l.trim()))
    .join('\n')
    .trim();
  const code = marker ? Number(marker[1]) : r.exitCode;
  if (code === 0 || code === SIGPIPE_EXIT || (marker && lines >= maxLines)) return null;
  if (/insufficient permissions|permission denied/i.test(text)) return { kind: 'permission' };
  if (/cursor/i.test(text)) return { kind: 'bad-cursor' };
  if (path && /failed to open|no such file or directory|not a directory/i.test(text)) return { kind: 'no-directory' };
  return { kind: 'failed', text: text.split('\n')[0]?.slice(0, 300) || `exit status ${code ?? r.signal ?? '?'}` };
}

export function journalFailureMessage(
  f: JournalFailure,
  ctx: { host: string; user: string; path: string | null; backlog: number },
): string {
  switch (f.kind) {
    case 'no-journalctl':
      return `${ctx.host} has no journalctl (not a systemd host?); add a file source for its log files instead.`;
    case 'permission':
      return ctx.path
        ? `${ctx.user} on ${ctx.host} cannot read the journal files in ${ctx.path} (permission denied); make them readable by that user or its group.`
        : `${ctx.user} on ${ctx.host} may not read the system journal (permission denied); add it to the systemd-journal (or adm) group.`;
    case 'bad-cursor':
      return ctx.path
        ? `The saved position in the journal at ${ctx.path} on ${ctx.host} is no longer valid (the directory was replaced?); the next pull reads it again from the start.`
        : `The saved journal position on ${ctx.host} is no longer valid (journal rotated or vacuumed); the next pull starts again from the newest ${ctx.backlog} entries.`;
    case 'no-directory':
      return `The journal directory ${ctx.path} does not exist on ${ctx.host} (or is not readable); check the path of the log source.`;
    case 'failed':
      return `journalctl failed on ${ctx.host}: ${f.text}`;
  }
}
