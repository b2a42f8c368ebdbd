import type { z } from 'zod';

/**
 * A dashboard file is edited by hand and passed around: a bad one must say
 * where it is wrong in the file's own terms ("panels[3].grid.w must be ≤ 24"),
 * not in zod's ("Too big: expected number to be <=24").
 */

export type PathSegment = PropertyKey;

/** ['panels', 3, 'grid', 'w'] → 'panels[3].grid.w' */
export function pathText(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out || 'the dashboard';
}

/** The value a path points at in the raw input (undefined when it is missing). */
function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a whole number' : 'a number';
  return `a ${typeof v}`;
}

const expectedText: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

const quote = (v: unknown) => JSON.stringify(v);

function sizeLimit(origin: string | undefined, op: '≤' | '<' | '≥' | '>', n: number | bigint): string {
  const limit = Number(n);
  const most = op === '≤' || op === '<';
  switch (origin) {
    case 'string':
      if (op === '≥' && limit === 1) return 'must not be empty';
      return `must be ${most ? 'at most' : 'at least'} ${limit} characters long`;
    case 'array':
    case 'set':
      return `must have ${most ? 'at most' : 'at least'} ${limit} item${limit === 1 ? '' : 's'}`;
    default:
      return `must be ${op} ${limit}`;
  }
}

/** What is wrong, as the end of a sentence that starts with the path. */
function problem(issue: z.core.$ZodIssue, raw: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const v = valueAt(raw, issue.path);
      if (v === undefined) return 'is missing';
      return `must be ${expectedText[issue.expected] ?? issue.expected}, not ${kindOf(v)}`;
    }
    case 'too_big':
      return sizeLimit(issue.origin, issue.inclusive === false ? '<' : '≤', issue.maximum);
    case 'too_small':
      return sizeLimit(issue.origin, issue.inclusive === false ? '>' : '≥', issue.minimum);
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${quote(issue.values[0])}`
        : `must be one of ${issue.values.map(quote).join(', ')}`;
    case 'unrecognized_keys':
      return `has an unknown field ${quote(issue.keys[0])}`;
    case 'invalid_union': {
      const kinds = (issue as { options?: unknown[] }).options;
      return Array.isArray(kinds)
        ? `must be one of ${kinds.map(quote).join(', ')}`
        : 'is not any of the accepted shapes';
    }
    case 'invalid_format': {
      const last = issue.path[issue.path.length - 1];
      if (last === 'color') return 'must be a colour such as #e5484d, red or red.6';
      if (last === 'name') return 'must start with a letter or _ and hold only letters, digits and _';
      return `is not in the expected format (${issue.message})`;
    }
    default:
      return `is not valid (${issue.message})`;
  }
}

/** One sentence naming the first bad place in `raw`, e.g. "panels[3].grid.w must be ≤ 24". */
export function firstIssueText(error: z.ZodError, raw: unknown): { path: string; text: string } {
  const issue = error.issues[0];
  if (!issue) return { path: 'the dashboard', text: 'the dashboard is not valid' };
  const path = pathText(issue.path);
  return { path, text: `${path} ${problem(issue, raw)}` };
}
