import { OpsError } from '../../../shared/api/errors';

/** One line of host output that could not be read; parsing goes on without it. */
export interface LineProblem {
  /** 1-based line number within the section. */
  line: number;
  message: string;
}

export interface Parsed<T> {
  value: T;
  problems: LineProblem[];
}

/** Guards the one thing a parser cannot work around: not being given text at all. */
export function requireText(text: unknown, what: string): string {
  if (typeof text !== 'string') {
    throw new OpsError('bad_input', `The ${what} output must be text.`, { got: typeof text });
  }
  return text;
}

/** Non-empty lines with their 1-based numbers; tolerates CRLF from odd shells. */
export function numberedLines(text: string): { line: number; text: string }[] {
  return text
    .split('\n')
    .map((t, i) => ({ line: i + 1, text: t.replace(/\r$/, '') }))
    .filter((l) => l.text.trim() !== '');
}

/** A non-negative integer counter field, or undefined when the token is not one. */
export function counter(token: string | undefined): number | undefined {
  if (token === undefined || !/^\d+$/.test(token)) return undefined;
  const n = Number(token);
  return Number.isSafeInteger(n) ? n : undefined;
}
