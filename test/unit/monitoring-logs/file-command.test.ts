import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fileCommand,
  fileOutputBudget,
  parseFileOutput,
  stepFile,
  type FileState,
} from '../../../main/monitoring/logs/file-command';

// The command is the one sent over SSH; here a local /bin/sh runs it, with the same coreutils.
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-logfile-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function reader(file: string, maxBytes = 4096, initialBytes = 1 << 20) {
  let state: FileState = { inode: null, offset: 0 };
  const pull = () => {
    const stdout = execSync(fileCommand(file, state, { maxBytes, initialBytes }), {
      shell: '/bin/sh',
      maxBuffer: fileOutputBudget(maxBytes),
    }).toString('latin1');
    const read = parseFileOutput(stdout);
    if (read.kind === 'error') return { error: read.reason, lines: [] as string[], more: false };
    const step = stepFile(state, read, maxBytes);
    state = step.next;
    return { error: null, lines: step.lines, more: step.more, kind: read.kind };
  };
  return { pull, state: () => state };
}

let n = 0;
const fresh = () => path.join(dir, `f${++n}.log`);

describe('file reads over the real command', () => {
  it('reads new lines only, keeping a partial line until it ends', () => {
    const f = fresh();
    fs.writeFileSync(f, 'one\r\ntwo\nthr');
    const r = reader(f);
    expect(r.pull().lines).toEqual(['one', 'two']);
    expect(r.pull().lines).toEqual([]);
    fs.appendFileSync(f, 'ee\nfour\n');
    expect(r.pull().lines).toEqual(['three', 'four']);
    expect(r.state()).toEqual({ inode: String(fs.statSync(f).ino), offset: fs.statSync(f).size });
  });

  it('keeps exact byte offsets through invalid UTF-8 and NUL bytes', () => {
    const f = fresh();
    fs.writeFileSync(f, Buffer.from([0x61, 0xff, 0x00, 0x62, 0x0a, 0xe2, 0x82]));
    const r = reader(f);
    expect(r.pull().lines).toEqual(['a\uFFFD\u0000b']);
    fs.appendFileSync(f, Buffer.from([0xac, 0x0a])); // completes "€"
    expect(r.pull().lines).toEqual(['€']);
  });

  it('after a rename rotation, reads the rest of the old file, then the new one from the start', () => {
    const f = fresh();
    fs.writeFileSync(f, 'a1\n');
    const r = reader(f);
    expect(r.pull().lines).toEqual(['a1']);
    fs.appendFileSync(f, 'a2\na3');
    fs.renameSync(f, `${f}.1`);
    fs.writeFileSync(f, 'b1\n');
    const first = r.pull();
    expect(first).toMatchObject({ kind: 'rotated', lines: ['a2', 'a3'], more: true });
    expect(r.pull().lines).toEqual(['b1']);
    expect(r.state().inode).toBe(String(fs.statSync(f).ino));
  });

  it('when the old file is gone, starts the new one at 0; a file cut short in place (copytruncate) too', () => {
    const f = fresh();
    fs.writeFileSync(f, 'a1\na2\n');
    const r = reader(f);
    r.pull();
    fs.rmSync(f);
    fs.writeFileSync(f, 'b1\n');
    expect(r.pull().lines).toEqual(['b1']);
    fs.truncateSync(f, 0);
    fs.appendFileSync(f, 'c\n');
    expect(r.pull().lines).toEqual(['c']);
  });

  it('starts a big file near its end, skipping the cut-off first line', () => {
    const f = fresh();
    fs.writeFileSync(f, Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n') + '\n');
    const r = reader(f, 4096, 40);
    expect(r.pull().lines).toEqual(['line 96', 'line 97', 'line 98', 'line 99']);
  });

  it('reads at most maxBytes per pull and says more is waiting; a line longer than a read is taken as it is', () => {
    const f = fresh();
    fs.writeFileSync(f, 'aaaa\nbbbb\ncccc\n' + 'x'.repeat(25) + '\n');
    const r = reader(f, 12);
    expect(r.pull()).toMatchObject({ lines: ['aaaa', 'bbbb'], more: true });
    expect(r.pull()).toMatchObject({ lines: ['cccc'], more: true });
    expect(r.pull()).toMatchObject({ lines: ['x'.repeat(12)], more: true });
    expect(r.pull()).toMatchObject({ lines: ['x'.repeat(12)], more: true });
    expect(r.pull()).toMatchObject({ lines: ['x'], more: false });
  });

  it('names the problem: missing file, directory', () => {
    expect(reader(path.join(dir, 'nope.log')).pull().error).toBe('missing');
    expect(reader(dir).pull().error).toBe('directory');
  });

  it('treats a path with quotes, spaces and $ as data', () => {
    // A file name has no "/", so each injection goes home first: where the shell runs does not hide it.
    const name = `pwned-${process.pid}-${Date.now()}`;
    const mark = path.join(os.homedir(), name);
    const f = path.join(dir, `it's a $(cd; touch ${name}) \`cd; touch ${name}\` "log"; cd; touch ${name}.log`);
    fs.writeFileSync(f, 'fine\n');
    expect(reader(f).pull().lines).toEqual(['fine']);
    expect(fs.existsSync(mark)).toBe(false);
  });

  it('loses and repeats nothing while a file grows and rotates between pulls (property, real sh)', () => {
    const line = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).map((s) => s.replace(/[\r\n]/g, '_'));
    const partial = fc.string({ minLength: 1, maxLength: 4 }).map((s) => s.replace(/[\r\n]/g, '_'));
    const op = fc.oneof(
      fc.record({ write: fc.array(line, { maxLength: 6 }), partial: fc.option(partial, { nil: undefined }) }),
      fc.constant({ rotate: true as const }),
    );
    // Longer than any line the ops can build, so no line is cut by the read size.
    const maxBytes = 300;
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 3 }), { minLength: 1, maxLength: 6 }), (rounds) => {
        const f = fresh();
        fs.writeFileSync(f, '');
        const r = reader(f, maxBytes);
        const written: string[] = [];
        const got: string[] = [];
        let pending = ''; // written to the file, no newline yet
        let gen = 0;
        const drain = () => {
          for (let i = 0, more = true; more && i < 50; i++) {
            const p = r.pull();
            got.push(...p.lines);
            more = p.more;
          }
        };
        const endLine = () => {
          if (!pending) return;
          fs.appendFileSync(f, '\n');
          written.push(pending);
          pending = '';
        };
        drain(); // the source is watching before anything is written
        for (const round of rounds) {
          let rotated = false;
          for (const o of round) {
            if ('rotate' in o) {
              // One rotation between pulls: after a second, no reader could find the middle file.
              if (rotated) continue;
              rotated = true;
              endLine();
              fs.renameSync(f, `${f}.${++gen}`);
              fs.writeFileSync(f, '');
              continue;
            }
            let text = '';
            for (const l of o.write) {
              written.push(pending + l);
              pending = '';
              text += `${l}\n`;
            }
            if (o.partial) {
              pending += o.partial;
              text += o.partial;
            }
            fs.appendFileSync(f, text);
          }
          drain();
        }
        endLine();
        drain();
        expect(got).toEqual(written.filter((l) => l.trim()));
      }),
      { numRuns: 25 },
    );
  });
});
