import { describe, expect, it } from 'vitest';
import { judgeScrape } from '../../../main/monitoring/collector/run-scrape';
import type { ExecResult } from '../../../main/ssh/types';
import { localRun } from './fixture';

const exec = (o: Partial<ExecResult>): ExecResult => ({
  exitCode: 0,
  signal: null,
  stdout: '',
  stderr: '',
  truncated: false,
  ...o,
});
const cut = '@@opsroom:stat\ncpu  1 2 3 4\n';

describe('judgeScrape', () => {
  it('accepts this machine’s real scrape with no notes', async () => {
    const { scrape, problems } = judgeScrape(await localRun(), 'here');
    expect(problems).toEqual([]);
    expect(scrape.meminfo?.MemTotal).toBeGreaterThan(0);
  });

  it('says why a scrape stopped short', () => {
    expect(() => judgeScrape(exec({ stdout: cut, truncated: true }), 'db-01')).toThrow(
      'db-01: the scrape output stopped before its end (it printed more than 4 MiB).',
    );
    expect(() =>
      judgeScrape(exec({ stdout: cut, exitCode: 127, stderr: '\nsh: 1: cat: not found\nmore\n' }), 'db-01'),
    ).toThrow(
      'db-01: the scrape output stopped before its end (the command exited with code 127: sh: 1: cat: not found).',
    );
    expect(() => judgeScrape(exec({ stdout: cut, exitCode: null, signal: 'KILL' }), 'db-01')).toThrow(
      'db-01: the scrape output stopped before its end (the command was killed by KILL).',
    );
  });

  it('keeps at most 20 notes and says how many more there were', () => {
    const junk = Array.from({ length: 30 }, (_, i) => `junk${i}\n`).join('');
    const { problems } = judgeScrape(
      exec({ stdout: `@@opsroom:meminfo\nMemTotal: 1 kB\n${junk}@@opsroom:end\n` }),
      'x',
    );
    expect(problems).toHaveLength(21);
    expect(problems[0]).toBe('stat: no output');
    expect(problems[20]).toBe('… and 15 more');
  });
});
