import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOpsError } from '../../../shared/api/errors';
import { renderCommand, shellQuote } from '../../../main/ssh/quote';

const shells = ['/bin/sh', '/bin/bash', '/bin/dash'].filter((s) => fs.existsSync(s));
const nasty = [
  '',
  "'",
  "''",
  '"',
  '\\',
  '$(id)',
  '`id`',
  '${HOME}',
  '; rm -rf /',
  '| cat',
  '&& x',
  '\n',
  'a\nb',
  '*',
  '~',
  '!!',
  '#',
  '%s',
  '-n',
  'é中文😀',
  '\t',
  "it's",
];

/** What the shell actually receives: the value must come back byte for byte. */
function echoThrough(shell: string, command: string): string {
  const r = spawnSync(shell, ['-c', command], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('shellQuote', () => {
  it('single-quotes and escapes embedded quotes', () => {
    expect(shellQuote('abc')).toBe("'abc'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });

  it('refuses NUL with a clear error', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });

  it.each(shells)('passes nasty values through %s unchanged', (shell) => {
    for (const v of nasty) expect(echoThrough(shell, 'printf %s ' + shellQuote(v))).toBe(v);
  });

  it.each(shells)('passes arbitrary strings through %s unchanged (property)', (shell) => {
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.array(fc.constantFrom(...nasty), { maxLength: 8 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(
        value.filter((v) => !v.includes('\0')),
        (v) => {
          expect(echoThrough(shell, 'printf %s ' + shellQuote(v))).toBe(v);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('renderCommand', () => {
  it('replaces placeholders, dotted keys included, with quoted values', () => {
    const out = renderCommand('grep {{ pattern }} /etc/{{ci.name}} --rack={{ci.fields.rack}}', {
      pattern: 'a b',
      'ci.name': 'web1; reboot',
      'ci.fields.rack': "r'1",
    });
    expect(out).toBe("grep 'a b' /etc/'web1; reboot' --rack='r'\\''1'");
  });

  it('{{{{ writes literal braces', () => {
    expect(renderCommand("echo '{{{{x}}' {{v}}", { v: '1' })).toBe("echo '{{x}}' '1'");
    expect(renderCommand('awk "{print}" {', {})).toBe('awk "{print}" {');
  });

  it.each([
    ['an unknown placeholder, by name', 'echo {{missing}}', /\{\{missing\}\}/],
    ['an unclosed placeholder', 'echo {{v', /unclosed/],
    ['a malformed name', 'echo {{a b}}', /malformed/],
    ['an empty name', 'echo {{}}', /malformed/],
    ['a NUL in the template', 'echo \0', /NUL/],
  ])('refuses %s', (_n, template, message) => {
    try {
      renderCommand(template, { v: '1' });
      expect.unreachable();
    } catch (e) {
      expect(isOpsError(e) && e.code).toBe('bad_input');
      expect((e as Error).message).toMatch(message);
    }
  });

  it('a value can never change the command that runs (property, through sh)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 30 }).filter((v) => !v.includes('\0')),
        (v) => {
          const cmd = renderCommand('printf %s {{ci.name}}; printf END', { 'ci.name': v });
          expect(echoThrough('/bin/sh', cmd)).toBe(v + 'END');
        },
      ),
      { numRuns: 200 },
    );
  });
});
