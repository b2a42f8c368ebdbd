import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentsFromRanges, splitHighlights } from '../../../renderer/views/hostlogs/highlight';

const O = '\u0001';
const C = '\u0002';
const noMarkers = (s: string) => s.split(O).join('').split(C).join('');
const marked = (segs: { text: string; mark: boolean }[]) => segs.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('');

// Log text is whatever a host wrote: markup, quotes, control characters, astral characters, stray markers.
const hostile = fc.array(
  fc.oneof(
    fc.constantFrom(
      O,
      C,
      '<mark>',
      '</mark>',
      '<script>alert(1)</script>',
      '&amp;',
      '"',
      "'",
      '\u0000',
      '\n',
      '😀',
      'é',
    ),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
  ),
  { maxLength: 30 },
);

describe('splitting FTS5 highlight markers', () => {
  it('marks the text between markers', () => {
    expect(marked(splitHighlights(`disk ${O}full${C} on ${O}sda${C}`))).toBe('disk [full] on [sda]');
    expect(splitHighlights('')).toEqual([]);
    expect(splitHighlights(`${O}${C}`)).toEqual([]);
  });

  it('survives unbalanced markers: a stray close and a repeated open are dropped, an unclosed open runs to the end', () => {
    expect(marked(splitHighlights(`a${C}b`))).toBe('ab');
    expect(marked(splitHighlights(`a${O}b${O}c${C}d`))).toBe('a[bc]d');
    expect(marked(splitHighlights(`a${O}bc`))).toBe('a[bc]');
    expect(marked(splitHighlights(`${O}a${C}${O}b${C}`))).toBe('[ab]');
  });

  it('keeps every character but the markers, in order, with no empty or repeated runs', () => {
    fc.assert(
      fc.property(hostile, (parts) => {
        const s = parts.join('');
        const segs = splitHighlights(s);
        expect(segs.map((x) => x.text).join('')).toBe(noMarkers(s));
        for (const x of segs) {
          expect(x.text.length).toBeGreaterThan(0);
          expect(noMarkers(x.text)).toBe(x.text);
        }
        for (let i = 1; i < segs.length; i++) expect(segs[i].mark).not.toBe(segs[i - 1].mark);
      }),
      { numRuns: 500 },
    );
  });

  it('marks exactly the characters a balanced marking put between markers', () => {
    const run = fc.record({
      text: fc.string({ minLength: 1, maxLength: 6 }).map((t) => noMarkers(t) || 'x'),
      mark: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(run, { maxLength: 12 }), (runs) => {
        const s = runs.map((r) => (r.mark ? `${O}${r.text}${C}` : r.text)).join('');
        const expected = runs
          .map((r) => (r.mark ? `[${r.text}]` : r.text))
          .join('')
          .replace(/\]\[/g, '');
        expect(marked(splitHighlights(s)).replace(/\]\[/g, '')).toBe(expected);
      }),
    );
  });

  it('never splits a surrogate pair', () => {
    for (const x of splitHighlights(`${O}😀${C}😀`)) expect(x.text).toBe('😀');
  });
});

describe('marking ranges', () => {
  it('marks ranges in order, merging overlaps and touching ranges', () => {
    expect(
      marked(
        segmentsFromRanges('hello world', [
          [6, 11],
          [0, 5],
        ]),
      ),
    ).toBe('[hello] [world]');
    expect(
      marked(
        segmentsFromRanges('abcdef', [
          [1, 3],
          [2, 5],
        ]),
      ),
    ).toBe('a[bcde]f');
    expect(
      marked(
        segmentsFromRanges('abcdef', [
          [0, 2],
          [2, 4],
        ]),
      ),
    ).toBe('[abcd]ef');
    expect(marked(segmentsFromRanges('abc', []))).toBe('abc');
  });

  it('keeps the text whole for any ranges', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(45), fc.nat(45)), { maxLength: 8 }),
        (text, raw) => {
          const ranges = raw.map(
            ([a, b]) => [Math.min(a, b, text.length), Math.min(Math.max(a, b), text.length)] as [number, number],
          );
          expect(
            segmentsFromRanges(text, ranges)
              .map((s) => s.text)
              .join(''),
          ).toBe(text);
        },
      ),
    );
  });
});
