import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalCommand, journalFailure, journalFailureMessage } from '../../../main/monitoring/logs/journal-command';
import { parseJournal } from '../../../main/monitoring/logs/journal-parse';
import type { ExecResult } from '../../../main/ssh/types';
import { writeJournal } from '../../integration/monitoring-logs/journal-export';

// The command as sent over SSH, run here by a local /bin/sh against a real journal file.
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-jcmd-'));
  const t0 = 1_764_200_000_000_000n;
  writeJournal(
    dir,
    Array.from({ length: 5 }, (_, i) => ({
      realtimeUs: t0 + BigInt(i) * 1_000_000n,
      fields: { _SYSTEMD_UNIT: i % 2 ? 'b.service' : 'a.service', MESSAGE: `entry ${i}` },
    })),
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, env: NodeJS.ProcessEnv = process.env): ExecResult {
  const r = spawnSync('/bin/sh', ['-c', cmd], { encoding: 'utf8', env });
  return { exitCode: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, truncated: false };
}

const opts = { maxLines: 100, backlog: 1000 };

describe('journalCommand', () => {
  it('reads a journal directory from its start, then from the cursor on, per unit', () => {
    const all = run(journalCommand({ path: dir, units: [], cursor: null }, opts));
    expect(journalFailure(all, 5, 100, dir)).toBeNull();
    const p = parseJournal(all.stdout, { fallbackTime: 0 });
    expect(p.entries.map((e) => e.message)).toEqual(['entry 0', 'entry 1', 'entry 2', 'entry 3', 'entry 4']);

    // From the last cursor: only that entry comes back, and it is already stored.
    const again = run(journalCommand({ path: dir, units: [], cursor: p.cursor }, opts));
    expect(again.stdout.trim().split('\n')).toHaveLength(1);
    expect(parseJournal(again.stdout, { fallbackTime: 0, after: p.cursor }).entries).toEqual([]);

    // From a cursor whose entry the unit filter leaves out: nothing after it is lost.
    const cursor1 = JSON.parse(all.stdout.split('\n')[1]!).__CURSOR as string;
    const fromA = run(journalCommand({ path: dir, units: ['a.service'], cursor: cursor1 }, opts));
    expect(parseJournal(fromA.stdout, { fallbackTime: 0, after: cursor1 }).entries.map((e) => e.message)).toEqual([
      'entry 2',
      'entry 4',
    ]);
  });

  it('stops at maxLines; the cut pipe is not a failure', () => {
    const r = run(journalCommand({ path: dir, units: [], cursor: null }, { maxLines: 2, backlog: 1000 }));
    const lines = r.stdout.split('\n').filter(Boolean).length;
    expect(lines).toBe(2);
    expect(journalFailure(r, lines, 2, dir)).toBeNull();
  });

  it('quotes units, cursors and paths as data', () => {
    const mark = path.join(dir, 'pwned');
    const evil = `it's; touch ${mark}; $(touch ${mark}) \`touch ${mark}\``;
    const r = run(journalCommand({ path: dir, units: [evil], cursor: null }, opts));
    expect(journalFailure(r, 0, 100, dir)).toBeNull(); // a unit that matches nothing: no entries, no error
    expect(r.stdout).toBe('');
    run(journalCommand({ path: evil, units: [], cursor: evil }, opts));
    expect(fs.existsSync(mark)).toBe(false);
  });

  it('starts the live journal at its newest entries (-n) when there is no cursor', () => {
    expect(journalCommand({ path: null, units: [], cursor: null }, opts)).toContain(' -n 1000;');
    expect(journalCommand({ path: null, units: [], cursor: 'c' }, opts)).not.toContain(' -n 1000');
    expect(journalCommand({ path: '/j', units: [], cursor: null }, opts)).not.toContain(' -n 1000');
  });

  it('says a host without journalctl has none', () => {
    // A PATH with sh and nothing else: the host's shell works, journalctl is not there.
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    if (!fs.existsSync(path.join(bin, 'sh'))) fs.symlinkSync('/bin/sh', path.join(bin, 'sh'));
    const r = run(journalCommand({ path: null, units: [], cursor: null }, opts), { PATH: bin });
    const f = journalFailure(r, 0, 100, null);
    expect(f).toEqual({ kind: 'no-journalctl' });
    expect(journalFailureMessage(f!, { host: 'web-01', user: 'ops', path: null, backlog: 1000 })).toBe(
      'web-01 has no journalctl (not a systemd host?); add a file source for its log files instead.',
    );
  });

  it('says a cursor journalctl cannot seek to is stale', () => {
    const r = run(journalCommand({ path: dir, units: [], cursor: 'garbage' }, opts));
    expect(journalFailure(r, 0, 100, dir)).toEqual({ kind: 'bad-cursor' });
  });

  it('classifies what journalctl says on stderr', () => {
    const res = (stderr: string): ExecResult => ({ exitCode: 0, signal: null, stdout: '', stderr, truncated: false });
    expect(
      journalFailure(res('No journal files were opened due to insufficient permissions.\n#exit 1\n'), 0, 9, null),
    ).toEqual({
      kind: 'permission',
    });
    expect(journalFailure(res('Failed to open /x: No such file or directory\n#exit 1'), 0, 9, '/x')).toEqual({
      kind: 'no-directory',
    });
    expect(journalFailure(res('Something odd\nmore\n#exit 3'), 0, 9, null)).toEqual({
      kind: 'failed',
      text: 'Something odd',
    });
    expect(journalFailure(res('#exit 141'), 0, 9, null)).toBeNull();
    expect(journalFailure(res('Failed to write: Broken pipe\n#exit 1'), 9, 9, null)).toBeNull();
    expect(journalFailure({ ...res(''), exitCode: 137 }, 0, 9, null)).toEqual({
      kind: 'failed',
      text: 'exit status 137',
    });
  });
});
