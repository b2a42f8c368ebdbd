import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import type { ImportRecord, ParseResult } from '../../../main/cmdb/import/types';

export const fixtures = path.resolve(import.meta.dirname, '../../fixtures/cmdb');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(fixtures, name), 'utf8');
}

/** Real-file access for Include, as the service would inject it. */
export const fsAccess = {
  readFile: (p: string) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return null;
    }
  },
  listDir: (d: string) => {
    try {
      return fs.readdirSync(d);
    } catch {
      return null;
    }
  },
};

export function byName(result: ParseResult, name: string, type = 'host'): ImportRecord {
  const r = result.records.find((x) => x.name === name && x.type === type);
  if (!r) throw new Error(`no ${type} record ${name}; have ${result.records.map((x) => x.name).join(', ')}`);
  return r;
}

export function hostNames(result: ParseResult): string[] {
  return result.records
    .filter((r) => r.type === 'host')
    .map((r) => r.name)
    .sort();
}

export function lineCount(content: string): number {
  return content.split(/\r\n|\r|\n/).length;
}

/** The fuzz contract: only OpsError('bad_input') with a positive line escapes; problems point inside the text. */
export function checkContract(run: () => ParseResult, content: string): void {
  let result: ParseResult;
  try {
    result = run();
  } catch (e) {
    expect(e).toBeInstanceOf(OpsError);
    const err = e as OpsError;
    expect(err.code).toBe('bad_input');
    const line = (err.details as { line?: unknown } | undefined)?.line;
    expect(Number.isInteger(line) && (line as number) >= 1, `line ${String(line)} in ${err.message}`).toBe(true);
    expect(line as number).toBeLessThanOrEqual(lineCount(content));
    expect(err.message).toMatch(/^line \d+: /);
    return;
  }
  const max = lineCount(content);
  for (const p of [...result.errors, ...result.notices]) {
    expect(
      Number.isInteger(p.line) && p.line >= 1 && p.line <= max,
      `problem line ${p.line} of ${max}: ${p.message}`,
    ).toBe(true);
    expect(typeof p.message).toBe('string');
  }
  for (const r of result.records) {
    expect(r.line >= 1 && r.line <= max, `record line ${r.line} of ${max}`).toBe(true);
    expect(typeof r.name).toBe('string');
  }
}
