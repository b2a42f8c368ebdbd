import { shellQuote } from '../../ssh/quote';
import { skipPartialFirstLine, splitLines } from './file-lines';
import { parseUtcOffset } from './line-guess';

/**
 * Reading the new lines of a log file over SSH, in one command per pull.
 *
 * The host prints its UTC offset, the file's inode and size, the offset it
 * actually read from, and the bytes from there (at most `maxBytes`) as
 * base64: the bytes come back exactly, so the stored offset stays exact
 * whatever the file holds (invalid UTF-8, NUL bytes). POSIX sh and coreutils
 * (or BusyBox) only, run under `sh -c` whatever the login shell is.
 *
 * Rotation: when the path has a new inode, the old file is looked for in the
 * same directory by its inode (logrotate's rename to FILE.1): the lines
 * written to it after the last pull are read first; then the new file from 0.
 * A file that shrank in place (copytruncate) is read from 0 as well.
 */

export interface FileState {
  /** inode of the file read last; null before the first pull */
  inode: string | null;
  /** bytes of that file already stored */
  offset: number;
}

const script = String.raw`p=$1 oi=$2 off=$3 max=$4 init=$5
printf '#tz %s\n' "$(date +%z)"
if [ ! -e "$p" ]; then echo '#error missing'; exit 0; fi
if [ -d "$p" ]; then echo '#error directory'; exit 0; fi
if [ ! -r "$p" ]; then echo '#error unreadable'; exit 0; fi
st=$(stat -L -c '%i %s' -- "$p") || { echo '#error stat'; exit 0; }
set -- $st
i=$1 s=$2
if [ -z "$oi" ]; then
  if [ "$s" -gt "$init" ]; then off=$((s - init)); else off=0; fi
elif [ "$i" != "$oi" ]; then
  r=$(find "$(dirname -- "$p")" -maxdepth 1 -type f -inum "$oi" 2>/dev/null | head -n 1)
  if [ -n "$r" ] && [ -r "$r" ]; then
    rs=$(stat -L -c %s -- "$r" 2>/dev/null) || rs=0
    if [ "$rs" -gt "$off" ]; then
      echo "#rotated $i $rs $off"
      tail -c +"$((off + 1))" -- "$r" | head -c "$max" | base64
      echo '#end'
      exit 0
    fi
  fi
  off=0
fi
if [ "$s" -lt "$off" ]; then off=0; fi
echo "#file $i $s $off"
tail -c +"$((off + 1))" -- "$p" | head -c "$max" | base64
echo '#end'`;

export interface FileCommandOptions {
  /** the most bytes one pull reads */
  maxBytes: number;
  /** on the first pull of a file, start this many bytes before its end (a log may be gigabytes) */
  initialBytes: number;
}

export function fileCommand(path: string, state: FileState, o: FileCommandOptions): string {
  const args = [path, state.inode ?? '', String(state.offset), String(o.maxBytes), String(o.initialBytes)];
  return `sh -c ${shellQuote(script)} sh ${args.map(shellQuote).join(' ')}`;
}

/** Output bytes to allow for a read of `maxBytes`: base64 is 4/3, plus its line breaks and the headers. */
export function fileOutputBudget(maxBytes: number): number {
  return Math.ceil((maxBytes * 4) / 3) + Math.ceil(maxBytes / 57) + 4096;
}

export type FileReadError = 'missing' | 'directory' | 'unreadable' | 'stat' | 'garbled';

export type FileRead =
  | { kind: 'error'; reason: FileReadError; offsetMin: number }
  | {
      /** 'rotated': the rest of the previous file; `inode` is then the NEW file's */
      kind: 'file' | 'rotated';
      inode: string;
      /** size of the file the bytes are from, when the host looked */
      size: number;
      /** where the bytes start in that file */
      offset: number;
      data: Buffer;
      /** the closing marker arrived: the bytes are all that was read */
      complete: boolean;
      offsetMin: number;
    };

export function parseFileOutput(stdout: string): FileRead {
  const lines = stdout.split('\n');
  let offsetMin = 0;
  let i = 0;
  if (lines[0]?.startsWith('#tz ')) {
    offsetMin = parseUtcOffset(lines[0].slice(4));
    i = 1;
  }
  const head = lines[i] ?? '';
  const err = /^#error (missing|directory|unreadable|stat)$/.exec(head);
  if (err) return { kind: 'error', reason: err[1] as FileReadError, offsetMin };
  const m = /^#(file|rotated) (\d+) (\d+) (\d+)$/.exec(head);
  if (!m) return { kind: 'error', reason: 'garbled', offsetMin };
  const b64: string[] = [];
  let complete = false;
  for (const l of lines.slice(i + 1)) {
    if (l === '#end') {
      complete = true;
      break;
    }
    b64.push(l);
  }
  return {
    kind: m[1] as 'file' | 'rotated',
    inode: m[2]!,
    size: Number(m[3]),
    offset: Number(m[4]),
    data: Buffer.from(b64.join(''), 'base64'),
    complete,
    offsetMin,
  };
}

export interface FileStep {
  lines: string[];
  next: FileState;
  /** more is waiting (a full read, or the old file of a rotation done): pull again soon */
  more: boolean;
}

/**
 * What a read means for the stored position. Only complete lines are taken;
 * a line longer than a whole read is taken as it is rather than block the
 * file for ever; the rest of a rotated file is taken whole once read to its
 * end, since nothing more is written to it.
 */
export function stepFile(state: FileState, read: Exclude<FileRead, { kind: 'error' }>, maxBytes: number): FileStep {
  const full = read.data.length >= maxBytes;
  const skip = state.inode === null && read.kind === 'file' && read.offset > 0 ? skipPartialFirstLine(read.data) : 0;
  const body = read.data.subarray(skip);
  if (read.kind === 'rotated') {
    const atEnd = read.complete && read.offset + read.data.length >= read.size;
    const { lines, consumed } = splitLines(body, atEnd || (full && body.indexOf(0x0a) < 0));
    return atEnd
      ? { lines, next: { inode: read.inode, offset: 0 }, more: true }
      : { lines, next: { inode: state.inode, offset: read.offset + consumed }, more: true };
  }
  const { lines, consumed } = splitLines(body, read.complete && full && body.indexOf(0x0a) < 0);
  return { lines, next: { inode: read.inode, offset: read.offset + skip + consumed }, more: full };
}
