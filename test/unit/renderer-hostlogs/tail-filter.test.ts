import { describe, expect, it } from 'vitest';
import { ftsMatches, matchRanges, parseFtsQuery } from '../../../renderer/views/hostlogs/fts-match';
import { buildFtsQuery } from '../../../main/monitoring/logs/fts-query';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { appendTail, fromSearchPage, oldestId, prependOlder } from '../../../renderer/views/hostlogs/log-buffer';
import {
  type LogFilter,
  emptyLogFilter,
  levelPasses,
  makeTailFilter,
  searchInput,
  sinceBound,
} from '../../../renderer/views/hostlogs/tail-filter';
import { type LogEntry, monitoringLogsApi } from '../../../shared/api/monitoring-logs';

const now = Date.parse('2026-11-27T12:00:00Z');
const entry = (over: Partial<LogEntry> = {}): LogEntry => ({
  id: 1,
  time: now - 1000,
  ciId: 'ci-web1',
  host: 'web1',
  unit: 'nginx.service',
  level: 'err',
  message: 'upstream timed out while reading response header',
  highlighted: null,
  ...over,
});
const passes = (f: Partial<LogFilter>, e: Partial<LogEntry> = {}) =>
  makeTailFilter({ ...emptyLogFilter, ...f }).test(entry(e), now);
const matches = (q: string, text: string) => ftsMatches(text, parseFtsQuery(q));

describe('the FTS5-like query for tailed lines', () => {
  it('matches whole words, case and accents aside', () => {
    expect(matches('Timed', 'upstream timed out')).toBe(true);
    expect(matches('time', 'upstream timed out')).toBe(false);
    expect(matches('cafe', 'Café closed')).toBe(true);
    expect(matches('', 'anything')).toBe(true);
  });

  it('supports prefixes and phrases, and ANDs every term', () => {
    expect(matches('tim*', 'upstream timed out')).toBe(true);
    expect(matches('"timed out"', 'upstream timed out')).toBe(true);
    expect(matches('"out timed"', 'upstream timed out')).toBe(false);
    expect(matches('"upstream tim"*', 'upstream timed out')).toBe(true);
    expect(matches('upstream out', 'upstream timed out')).toBe(true);
    expect(matches('upstream refused', 'upstream timed out')).toBe(false);
  });

  it('reads operators as plain words, as the server does', () => {
    expect(matches('refused OR timed', 'upstream timed out')).toBe(false);
    expect(matches('refused OR timed', 'refused or timed')).toBe(true);
    expect(matches('NOT timed', 'not timed')).toBe(true);
    expect(matches('-> *', 'anything')).toBe(true); // no searchable term
  });

  it('treats punctuation as separators, as unicode61 does', () => {
    expect(matches('sda1', 'EXT4-fs (sda1): error')).toBe(true);
    expect(matches('ext4 fs', 'EXT4-fs (sda1): error')).toBe(true);
    expect(matches('"unterminated', 'an unterminated phrase')).toBe(true);
  });

  it('reads the text into the same terms as the server', () => {
    const piece = fc.oneof(
      fc.constantFrom('"', '*', ' ', 'OR', 'NOT', '(', ')', '-', ':', 'é', 'Disk', 'sda1', '\t'),
      fc.string({ maxLength: 5 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const server = buildFtsQuery(text).terms.map((t) => {
          const toks = parseFtsQuery(t.phrase ? `"${t.text}"` : t.text).flat();
          if (t.prefix && toks.length) toks[toks.length - 1] = { ...toks[toks.length - 1], prefix: true };
          return toks;
        });
        expect(parseFtsQuery(text)).toEqual(server.filter((p) => p.length));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives ranges of the matched words for highlighting', () => {
    const text = 'Disk full on /dev/sda: disk quota';
    expect(matchRanges(text, parseFtsQuery('disk')).map(([a, b]) => text.slice(a, b))).toEqual(['Disk', 'disk']);
    expect(matchRanges(text, parseFtsQuery('"full on"')).map(([a, b]) => text.slice(a, b))).toEqual(['full on']);
    expect(matchRanges(text, parseFtsQuery('nothing'))).toEqual([]);
  });
});

describe('the tail filter', () => {
  it('passes everything under the empty filter within the time range', () => {
    expect(passes({})).toBe(true);
    expect(passes({ since: 'now-15m' }, { time: now - 16 * 60_000 })).toBe(false);
  });

  it('filters by host name or CI id, and unit', () => {
    expect(passes({ hosts: ['web1'] })).toBe(true);
    expect(passes({ hosts: ['ci-web1'] })).toBe(true);
    expect(passes({ hosts: ['db1'] })).toBe(false);
    expect(passes({ units: ['nginx.service'] })).toBe(true);
    expect(passes({ units: ['sshd.service'] })).toBe(false);
  });

  it('keeps the level and more severe', () => {
    expect(levelPasses('crit', 'err')).toBe(true);
    expect(levelPasses('err', 'err')).toBe(true);
    expect(levelPasses('warning', 'err')).toBe(false);
    expect(levelPasses('debug', null)).toBe(true);
    expect(passes({ level: 'warning' }, { level: 'info' })).toBe(false);
  });

  it('applies the query', () => {
    expect(passes({ query: 'upstream' })).toBe(true);
    expect(passes({ query: 'refused' })).toBe(false);
  });

  it('reads quick picks', () => {
    expect(sinceBound('now-7d', now)).toBe(now - 7 * 86_400_000);
    expect(sinceBound('now-15m', now)).toBe(now - 900_000);
    expect(sinceBound('yesterday', now)).toBeNull();
  });

  it('asks the search with an input the contract accepts', () => {
    const input = searchInput({ ...emptyLogFilter, query: ' disk ', level: 'err', hosts: ['web1'] }, 42);
    expect(input).toMatchObject({ query: 'disk', level: 'err', beforeId: 42, since: 'now-1h' });
    expect(monitoringLogsApi['monitoring.logs.search'].input.safeParse(input).success).toBe(true);
  });
});

describe('the shown buffer', () => {
  const ids = (l: LogEntry[]) => l.map((e) => e.id);
  it('shows a search page oldest first and puts older pages above without repeats', () => {
    const buf = fromSearchPage([entry({ id: 9 }), entry({ id: 8 })]);
    expect(ids(buf)).toEqual([8, 9]);
    expect(ids(prependOlder(buf, [entry({ id: 8 }), entry({ id: 7 }), entry({ id: 5 })]))).toEqual([5, 7, 8, 9]);
    expect(oldestId(buf)).toBe(8);
    expect(oldestId([])).toBeUndefined();
  });

  it('appends tailed lines once, in id order, dropping the oldest past the cap', () => {
    const buf = fromSearchPage([entry({ id: 3 }), entry({ id: 2 })]);
    const r = appendTail(buf, [entry({ id: 5 }), entry({ id: 3 }), entry({ id: 4 })]);
    expect(ids(r.lines)).toEqual([2, 3, 4, 5]);
    expect(r.dropped).toBe(0);
    expect(appendTail(r.lines, [entry({ id: 4 })]).lines).toBe(r.lines);
    const capped = appendTail(r.lines, [entry({ id: 6 }), entry({ id: 7 })], 4);
    expect(ids(capped.lines)).toEqual([4, 5, 6, 7]);
    expect(capped.dropped).toBe(2);
  });
});

describe('the tail filter against SQLite FTS5 itself', () => {
  it('keeps exactly the lines the search index matches', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(message, tokenize = 'unicode61 remove_diacritics 2')`);
    const insert = db.prepare('INSERT INTO t (rowid, message) VALUES (?, ?)');
    const word = fc.constantFrom(
      'disk',
      'DISK',
      'Disk-full',
      'café',
      'CAFE',
      'sda1',
      'timed',
      'time',
      'out',
      'naïve',
      '→',
      'OR',
    );
    const sep = fc.constantFrom(' ', ': ', '/', '(', ')', ' "', '\t', '_');
    const line = fc.array(fc.tuple(word, sep), { maxLength: 8 }).map((xs) => xs.flat().join(''));
    const qpiece = fc.oneof(word, fc.constantFrom('"', '*', ' ', 'tim*', '"disk full"', '"timed out"*'));
    try {
      fc.assert(
        fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), fc.array(qpiece, { maxLength: 5 }), (lines, q) => {
          db.exec('DELETE FROM t');
          lines.forEach((l, i) => insert.run(i + 1, l));
          const text = q.join('');
          const fts = buildFtsQuery(text);
          const expected = fts.match
            ? (
                db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid').all(fts.match) as { rowid: number }[]
              ).map((r) => r.rowid)
            : lines.map((_, i) => i + 1);
          const parsed = parseFtsQuery(text);
          expect(lines.flatMap((l, i) => (ftsMatches(l, parsed) ? [i + 1] : []))).toEqual(expected);
        }),
        { numRuns: 500 },
      );
    } finally {
      db.close();
    }
  });
});
