import path from 'node:path';
import { assertText, type Problems, splitLines } from './problems';
import { splitWords } from './shell-words';
import type { ParseOptions } from './types';

/**
 * ParseOptions plus what glob Includes need: a directory listing (names only).
 * Without it, a glob Include is reported instead of followed.
 */
export type SshConfigOptions = ParseOptions & { listDir?: (dir: string) => string[] | null };

export interface Entry {
  /** lowercase: keywords are case-insensitive */
  keyword: string;
  args: string[];
  /** line in the top-level file (the Include line for included text) */
  line: number;
  /** message prefix for text from an included file: "~/.ssh/conf.d/work:3 (Include at line 12): "; empty at top level */
  where: string;
}

export const maxIncludeDepth = 16;
const keywordLine = /^([A-Za-z][A-Za-z0-9]*)(?:\s*=\s*|\s+|$)(.*)$/;

/** Reads ssh_config text into keyword entries, following Include directives in place. */
export function readEntries(content: string, options: SshConfigOptions, problems: Problems): Entry[] {
  assertText(content, 'an OpenSSH client config');
  const out: Entry[] = [];
  readText(content, null, [], options, problems, out, null);
  return out;
}

function readText(
  content: string,
  file: string | null,
  stack: string[],
  options: SshConfigOptions,
  problems: Problems,
  out: Entry[],
  includeLine: number | null,
): void {
  const lines = splitLines(content);
  for (let idx = 0; idx < lines.length; idx++) {
    const line = includeLine ?? idx + 1;
    const where = file === null ? '' : `${file}:${idx + 1} (Include at line ${includeLine}): `;
    const text = (idx === 0 ? lines[idx].replace(/^\uFEFF/, '') : lines[idx]).trim();
    if (text === '' || text.startsWith('#')) continue;
    const m = keywordLine.exec(text);
    if (!m) {
      problems.error(line, `${where}"${text.slice(0, 60)}" is not a "Keyword value" line`);
      continue;
    }
    const split = splitWords(m[2]);
    if ('problem' in split) {
      problems.error(line, `${where}${m[1]}: ${split.problem}`);
      continue;
    }
    const entry: Entry = { keyword: m[1].toLowerCase(), args: split.words.map((w) => w.text), line, where };
    if (entry.keyword === 'include') include(entry, file, stack, options, problems, out);
    else out.push(entry);
  }
}

function include(
  entry: Entry,
  file: string | null,
  stack: string[],
  options: SshConfigOptions,
  problems: Problems,
  out: Entry[],
): void {
  if (entry.args.length === 0) {
    problems.error(entry.line, `${entry.where}Include needs a file name`);
    return;
  }
  if (!options.readFile) {
    problems.noticeOnce(
      'include-off',
      entry.line,
      `${entry.where}Include not followed (no file access for this import)`,
    );
    return;
  }
  if (stack.length >= maxIncludeDepth) {
    problems.error(entry.line, `${entry.where}Include nested more than ${maxIncludeDepth} deep`);
    return;
  }
  for (const arg of entry.args) {
    for (const target of includeTargets(arg, entry, options, problems)) {
      if (stack.includes(target)) {
        problems.error(entry.line, `${entry.where}Include loop: ${[...stack, target].join(' → ')}`);
        continue;
      }
      let text: string | null;
      try {
        text = options.readFile(target);
      } catch {
        text = null;
      }
      if (text === null) {
        problems.notice(entry.line, `${entry.where}Include ${target} not found (ssh ignores it too)`);
        continue;
      }
      try {
        assertText(text, 'an OpenSSH client config');
      } catch {
        problems.error(entry.line, `${entry.where}Include ${target} is not a text file`);
        continue;
      }
      readText(text, target, [...stack, target], options, problems, out, entry.line);
    }
  }
}

function includeTargets(arg: string, entry: Entry, options: SshConfigOptions, problems: Problems): string[] {
  let p = arg;
  if (p === '~' || p.startsWith('~/')) {
    if (!options.homeDir) {
      problems.notice(entry.line, `${entry.where}Include ${arg} not followed (home directory unknown)`);
      return [];
    }
    p = path.posix.join(options.homeDir, p.slice(1));
  } else if (!path.posix.isAbsolute(p)) {
    const base = options.baseDir ?? (options.homeDir ? path.posix.join(options.homeDir, '.ssh') : null);
    if (!base) {
      problems.notice(entry.line, `${entry.where}Include ${arg} not followed (relative path, no base directory)`);
      return [];
    }
    p = path.posix.join(base, p);
  }
  if (!/[*?[]/.test(p)) return [p];
  const dir = path.posix.dirname(p);
  if (/[*?[]/.test(dir) || !options.listDir) {
    problems.notice(
      entry.line,
      `${entry.where}Include ${arg} not followed (wildcards ${options.listDir ? 'in directory names are' : 'are'} not supported here)`,
    );
    return [];
  }
  let names: string[] | null;
  try {
    names = options.listDir(dir);
  } catch {
    names = null;
  }
  const re = globRegex(path.posix.basename(p), false);
  return (names ?? [])
    .filter((n) => !n.startsWith('.') && re.test(n))
    .sort()
    .map((n) => path.posix.join(dir, n));
}

/** A shell-style pattern (* ? and [..]) as an anchored regular expression. */
export function globRegex(pattern: string, caseInsensitive: boolean): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = pattern.slice(i + 1, close).replace(/[\\^\]]/g, '\\$&');
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, caseInsensitive ? 'is' : 's');
}
