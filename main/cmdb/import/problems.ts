import { OpsError } from '../../../shared/api/errors';
import type { RowProblem } from './types';

/** Collects per-row errors and notices while a parser walks its input. */
export class Problems {
  readonly errors: RowProblem[] = [];
  readonly notices: RowProblem[] = [];
  private readonly noted = new Set<string>();

  error(line: number, message: string, name: string | null = null): void {
    this.errors.push({ line, message, name });
  }

  notice(line: number, message: string, name: string | null = null): void {
    this.notices.push({ line, message, name });
  }

  /** A notice that would otherwise repeat for every host (e.g. an unsupported keyword). */
  noticeOnce(key: string, line: number, message: string, name: string | null = null): void {
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.notice(line, message, name);
  }
}

/** Input that cannot be read at all: the whole import stops, pointing at a line. */
export function unreadable(line: number, message: string): OpsError {
  return new OpsError('bad_input', `line ${line}: ${message}`, { line });
}

/** Every text parser splits lines the same way so line numbers agree across formats. */
export const lineBreak = /\r\n|\r|\n/;

export function splitLines(content: string): string[] {
  return content.split(lineBreak);
}

/** Binary files are refused up front rather than producing a screen of nonsense rows. */
export function assertText(content: string, what: string): void {
  const nul = content.indexOf('\u0000');
  if (nul < 0) return;
  const line = splitLines(content.slice(0, nul)).length;
  throw unreadable(line, `the file contains binary data (a NUL byte); is this really ${what}?`);
}

/** 1-based line of a character offset, counting breaks as splitLines does. */
export function lineAt(content: string, offset: number): number {
  let line = 1;
  const end = Math.min(Math.max(offset, 0), content.length);
  for (let i = 0; i < end; i++) {
    const c = content.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13) {
      if (content.charCodeAt(i + 1) === 10) i++;
      line++;
    }
  }
  return line;
}

/** Offset → line for many look-ups (binary search over line starts). */
export function lineIndex(content: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if (c === 13 && content.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
