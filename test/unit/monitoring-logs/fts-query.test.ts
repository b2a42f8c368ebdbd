import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFtsQuery } from '../../../main/monitoring/logs/fts-query';
import { logsMigrations } from '../../../main/monitoring/logs/schema';

// The real FTS5 table of the migration, in memory, with a few lines in it.
const db = new Database(':memory:');
for (const m of logsMigrations) m.up(db);
const insert = db.prepare(
  "INSERT INTO monitoring_log_lines (time, ci_id, host, unit, level, message, source_id) VALUES (?, 'c', 'h', 'u', 6, ?, 's')",
);
const corpus = [
  'connect() failed (111: Connection refused) while connecting to upstream',
  'worker process 812 exited on signal 9',
  'Out of memory: Killed process 4242 (java)',
  'user "AND" said OR NOT near(me) col:value ^start *star* {a b}',
  'Café crème — déjà vu',
];
corpus.forEach((m, i) => insert.run(i, m));
afterAll(() => db.close());

const match = db.prepare<[string], { message: string }>(
  'SELECT l.message FROM monitoring_log_fts JOIN monitoring_log_lines l ON l.id = monitoring_log_fts.rowid WHERE monitoring_log_fts MATCH ? ORDER BY l.id',
);
function find(text: string): string[] {
  const q = buildFtsQuery(text).match;
  return q === null ? [] : match.all(q).map((r) => r.message);
}

describe('buildFtsQuery', () => {
  it('quotes words and ANDs them, in any order', () => {
    expect(buildFtsQuery('refused upstream').match).toBe('"refused" "upstream"');
    expect(find('upstream refused')).toEqual([corpus[0]]);
    expect(find('refused signal')).toEqual([]);
  });

  it('keeps "phrases" together and allows a trailing * for prefixes', () => {
    expect(buildFtsQuery('"connection refused" conn*').match).toBe('"connection refused" "conn"*');
    expect(find('"connection refused"')).toEqual([corpus[0]]);
    expect(find('"refused connection"')).toEqual([]);
    expect(find('kill*')).toEqual([corpus[2]]);
    expect(find('"out of mem"*')).toEqual([corpus[2]]);
  });

  it('treats FTS5 operators and syntax as plain words', () => {
    expect(find('AND OR NOT')).toEqual([corpus[3]]);
    expect(find('near(me) col:value ^start')).toEqual([corpus[3]]);
    expect(buildFtsQuery('a"b c').match).toBe('"a" "b c"'); // a quote opens a phrase
    expect(buildFtsQuery('say "unclosed phrase').match).toBe('"say" "unclosed phrase"');
    expect(buildFtsQuery('he said ""hi""').match).toBe('"he" "said" "hi"');
  });

  it('matches without accents, and drops terms with nothing to search', () => {
    expect(find('cafe creme')).toEqual([corpus[4]]);
    expect(buildFtsQuery('-> * "" ---').match).toBeNull();
    expect(buildFtsQuery('memory ->').match).toBe('"memory"');
    expect(buildFtsQuery('').match).toBeNull();
    expect(buildFtsQuery('a\u0000b').match).toBe('"a" "b"');
  });
});

describe('hostile input never becomes an FTS5 error (property, real SQLite)', () => {
  const syntax = fc.constantFrom(
    '"',
    '""',
    '*',
    '**',
    'AND',
    'OR',
    'NOT',
    'NEAR',
    'NEAR(',
    '(',
    ')',
    ':',
    '^',
    '-',
    '+',
    '{',
    '}',
    '[',
    ']',
    'message:',
    'rowid:',
    "'",
    ';',
    '--',
    '\\',
    '\u0000',
    '\u0001',
    '\t',
    '\n',
    ' ',
    'é',
    '漢字',
    '🙂',
    '\uD800',
  );
  const word = fc.string({ unit: 'grapheme', maxLength: 8 });
  const hostile = fc.oneof(
    fc.array(fc.oneof(syntax, word), { maxLength: 25 }).map((parts) => parts.join('')),
    fc.array(fc.oneof(syntax, word), { maxLength: 25 }).map((parts) => parts.join(' ')),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ maxLength: 2000 }),
  );

  it('MATCH accepts every query built from any text', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const q = buildFtsQuery(text);
        if (q.match !== null) expect(() => match.all(q.match!)).not.toThrow();
      }),
      { numRuns: 5000 },
    );
  });

  it('a line is found by any of its own words, in any order and case', () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpus), fc.func(fc.boolean()), fc.boolean(), (line, pick, upper) => {
        const words = line.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
        const chosen = words.filter((_, i) => pick(i)).reverse();
        const text = chosen.map((w) => (upper ? w.toUpperCase() : w)).join(' ');
        if (!chosen.length) return;
        expect(find(text)).toContain(line);
      }),
      { numRuns: 500 },
    );
  });
});
