import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skipPartialFirstLine, splitLines } from '../../../main/monitoring/logs/file-lines';

const b = (s: string | Buffer) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s);

describe('splitLines', () => {
  it('keeps a partial last line for the next read', () => {
    expect(splitLines(b('one\ntwo\nthr'), false)).toEqual({ lines: ['one', 'two'], consumed: 8 });
    expect(splitLines(b('no newline yet'), false)).toEqual({ lines: [], consumed: 0 });
  });

  it('takes the partial line when told no more will come', () => {
    expect(splitLines(b('one\nlast'), true)).toEqual({ lines: ['one', 'last'], consumed: 8 });
  });

  it('strips CRLF and leaves blank lines out, counting their bytes', () => {
    expect(splitLines(b('a\r\n\r\n  \nb\r\n'), false)).toEqual({ lines: ['a', 'b'], consumed: 11 });
  });

  it('counts bytes, not characters, through multi-byte and invalid UTF-8', () => {
    const bytes = Buffer.concat([b('héllo ✓\n'), Buffer.from([0xff, 0xfe, 0x0a]), b('€')]);
    const r = splitLines(bytes, false);
    expect(r.lines).toEqual(['héllo ✓', '\uFFFD\uFFFD']);
    expect(r.consumed).toBe(bytes.length - 3);
  });

  it('skips the cut-off start of a file first read mid-way', () => {
    expect(skipPartialFirstLine(b('tail of line\nnext\n'))).toBe(13);
    expect(skipPartialFirstLine(b('no newline at all'))).toBe(17);
  });

  it('reading in any chunks gives the lines of reading at once (property)', () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, ''));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, fc.boolean()), { maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        (ls, cuts) => {
          const text = ls.map(([l, crlf]) => l + (crlf ? '\r\n' : '\n')).join('');
          const all = Buffer.from(text, 'utf8');
          const whole = splitLines(all, false).lines;
          // Pull-sized reads: each read starts where the last consumed ended.
          const got: string[] = [];
          let pos = 0;
          let grownTo = 0;
          for (let i = 0; grownTo < all.length; i++) {
            grownTo = Math.min(all.length, grownTo + cuts[i % cuts.length]!);
            const r = splitLines(all.subarray(pos, grownTo), false);
            got.push(...r.lines);
            pos += r.consumed;
          }
          got.push(...splitLines(all.subarray(pos), false).lines);
          expect(got).toEqual(whole);
          expect(whole).toEqual(ls.map(([l]) => l).filter((l) => l.trim()));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
