import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldText, parseJournal } from '../../../main/monitoring/logs/journal-parse';
import { MAX_MESSAGE_CHARS } from '../../../main/monitoring/logs/sanitize';

const fixtures = path.resolve(__dirname, '../../fixtures/logs');
const sample = fs.readFileSync(path.join(fixtures, 'journal-sample.jsonl'), 'utf8');
const noAll = fs.readFileSync(path.join(fixtures, 'journal-no-all.jsonl'), 'utf8');
const T0 = 1_764_200_000_000;

describe('parseJournal on real journalctl -o json output (test/fixtures/logs)', () => {
  const r = parseJournal(sample, { fallbackTime: 1 });

  it('reads every entry with its time, unit and level, and keeps the last cursor', () => {
    expect(r.garbage).toBe(0);
    expect(r.entries.map((e) => [e.time - T0, e.unit, e.level])).toEqual([
      [0, 'nginx.service', 6],
      [1000, 'nginx.service', 3],
      [2000, 'CRON', 6],
      [3000, 'app.service', 4],
      [4000, 'app.service', 6], // no PRIORITY: info
      [5000, 'kernel', 2],
      [6000, 'app.service', 6],
      [7000, 'app.service', 7],
      [8000, 'db.service', 5],
    ]);
    const last = sample.trim().split('\n').at(-1)!;
    expect(r.cursor).toBe(JSON.parse(last).__CURSOR);
  });

  it('decodes a byte-array MESSAGE as UTF-8 (bad bytes become U+FFFD, the highlight marker \\u0001 too)', () => {
    expect(r.entries[3]!.message).toBe('bad \uFFFD byte\uFFFD here');
  });

  it('keeps multi-line messages, and an entry with no MESSAGE as an empty one (its cursor still counts)', () => {
    expect(r.entries[4]!.message).toBe('first line\nsecond line');
    expect(r.entries[6]!.message).toBe('');
  });

  it('keeps a long field whole with --all; without it journalctl writes null, stored as empty', () => {
    expect(r.entries[7]!.message).toBe('x'.repeat(5000));
    const without = parseJournal(noAll, { fallbackTime: 1 });
    expect(without.entries[7]!.message).toBe('');
    expect(without.entries).toHaveLength(9);
  });
});

describe('parseJournal on damaged output', () => {
  const good = (i: number, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ __CURSOR: `c${i}`, __REALTIME_TIMESTAMP: `${(T0 + i) * 1000}`, MESSAGE: `m${i}`, ...extra });

  it('skips garbage lines with a count and carries on', () => {
    const text = [
      good(1),
      'not json',
      '[1,2]',
      '"str"',
      'null',
      '{"MESSAGE":"no cursor"}',
      '',
      good(2),
      '{"trunc',
    ].join('\n');
    const r = parseJournal(text, { fallbackTime: 5 });
    expect(r.entries.map((e) => e.message)).toEqual(['m1', 'm2']);
    expect(r.garbage).toBe(6);
    expect(r.cursor).toBe('c2');
  });

  it('drops a cut-off last line without counting it when the output was truncated', () => {
    const r = parseJournal(`${good(1)}\n${good(2).slice(0, 20)}`, { fallbackTime: 5, truncated: true });
    expect(r.entries).toHaveLength(1);
    expect(r.garbage).toBe(0);
    expect(r.cursor).toBe('c1');
  });

  it('uses the pull time for a missing or bad timestamp, info for a bad PRIORITY, SYSLOG_IDENTIFIER or _COMM for the unit', () => {
    const r = parseJournal(
      [
        JSON.stringify({ __CURSOR: 'a', MESSAGE: 'x', PRIORITY: '9', _COMM: 'bash' }),
        JSON.stringify({ __CURSOR: 'b', __REALTIME_TIMESTAMP: 'soon', MESSAGE: 'y', PRIORITY: ['3', '4'] }),
      ].join('\n'),
      { fallbackTime: 77 },
    );
    expect(r.entries.map((e) => [e.time, e.level, e.unit])).toEqual([
      [77, 6, 'bash'],
      [77, 3, ''],
    ]);
  });

  it('skips the entry at the cursor the read started from (journalctl --cursor includes it)', () => {
    const r = parseJournal([good(1), good(2)].join('\n'), { fallbackTime: 0, after: 'c1' });
    expect(r.entries.map((e) => e.message)).toEqual(['m2']);
    expect(parseJournal(good(1), { fallbackTime: 0, after: 'c1' })).toEqual({ entries: [], cursor: null, garbage: 0 });
  });

  it('takes the first value of a field that occurs more than once', () => {
    expect(fieldText(['one', 'two'])).toBe('one');
    expect(fieldText([[104, 105], 'two'])).toBe('hi');
    expect(fieldText([104, 300])).toBeNull();
    expect(fieldText(null)).toBeNull();
    expect(fieldText({})).toBeNull();
  });

  it('cuts an overlong message and says so', () => {
    const r = parseJournal(good(1, { MESSAGE: 'y'.repeat(MAX_MESSAGE_CHARS + 10) }), { fallbackTime: 0 });
    expect(r.entries[0]!.message.startsWith('y'.repeat(MAX_MESSAGE_CHARS))).toBe(true);
    expect(r.entries[0]!.message).toMatch(/10 more characters cut\]$/);
  });
});

describe('parseJournal properties', () => {
  const entry = fc.record({
    cursor: fc.string({ minLength: 1, maxLength: 40 }),
    us: fc.bigInt({ min: 0n, max: 4_000_000_000_000_000n }),
    priority: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
    message: fc.oneof(fc.string(), fc.uint8Array({ maxLength: 64 }), fc.constant(null)),
    unit: fc.option(fc.stringMatching(/^[a-z][a-z0-9@.-]{0,20}\.service$/), { nil: undefined }),
  });

  it('reads back what journalctl would write, entry for entry', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), (es) => {
        const text = es
          .map((e) =>
            JSON.stringify({
              __CURSOR: e.cursor,
              __REALTIME_TIMESTAMP: e.us.toString(),
              ...(e.priority === undefined ? {} : { PRIORITY: String(e.priority) }),
              MESSAGE: e.message instanceof Uint8Array ? [...e.message] : e.message,
              ...(e.unit ? { _SYSTEMD_UNIT: e.unit } : {}),
            }),
          )
          .join('\n');
        const r = parseJournal(text, { fallbackTime: 0 });
        expect(r.garbage).toBe(0);
        expect(r.entries).toHaveLength(es.length);
        es.forEach((e, i) => {
          const got = r.entries[i]!;
          expect(got.time).toBe(Number(e.us / 1000n));
          expect(got.level).toBe(e.priority ?? 6);
          expect(got.unit).toBe(e.unit ?? '');
          if (typeof e.message === 'string') {
            const stored = [...e.message].map((c) => (c <= '\u0002' ? '\uFFFD' : c)).join('');
            expect(got.message).toBe(stored);
          }
          if (e.message === null) expect(got.message).toBe('');
        });
        expect(r.cursor).toBe(es.length ? es.at(-1)!.cursor : null);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary text; every non-blank line is an entry or counted garbage', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.json()), { maxLength: 30 }), (lines) => {
        const text = lines.map((l) => l.replace(/\n/g, ' ')).join('\n');
        const r = parseJournal(text, { fallbackTime: 3 });
        const nonBlank = text.split('\n').filter((l) => l.trim()).length;
        expect(r.entries.length + r.garbage).toBe(nonBlank);
        for (const e of r.entries) {
          expect(Number.isFinite(e.time)).toBe(true);
          expect(e.level >= 0 && e.level <= 7).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
