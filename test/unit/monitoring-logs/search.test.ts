import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LineIn } from '../../../main/monitoring/logs/lines';
import type { LogEntry, LogSource } from '../../../shared/api/monitoring-logs';
import { openLogsApp, type LogsApp } from './helpers';

type Result = { entries: LogEntry[]; total: number; tookMs: number };

let f: LogsApp;
let web: LogSource;
let db: LogSource;
const now = Date.parse('2026-11-27T12:00:00Z');
const min = 60_000;

function store(src: LogSource, host: string, lines: LineIn[]) {
  const row = f.logs.service.sources.get(src.id)!;
  const r = f.logs.service.lines.commit(
    row,
    host,
    lines,
    { cursor: `c${row.lines + lines.length}`, inode: null, offset: 0, more: false },
    now,
    null,
  );
  expect(r.stored).toBe(true);
  return r.entries;
}

const search = (input: Record<string, unknown>) => f.call<Result>('monitoring.logs.search', input);

beforeAll(async () => {
  f = openLogsApp({ now });
  const webCi = await f.addHost('web-01');
  const dbCi = await f.addHost('db-01');
  web = await f.call<LogSource>('monitoring.logs.sources.save', { ciId: webCi.id, kind: 'journal', units: [] });
  db = await f.call<LogSource>('monitoring.logs.sources.save', {
    ciId: dbCi.id,
    kind: 'file',
    path: '/var/log/postgresql/main.log',
  });
  store(web, 'web-01', [
    {
      time: now - 90 * min,
      unit: 'nginx.service',
      level: 3,
      message: 'connect() failed (111: Connection refused) while connecting to upstream',
    },
    { time: now - 30 * min, unit: 'nginx.service', level: 6, message: 'worker process 812 started' },
    { time: now - 20 * min, unit: 'app.service', level: 2, message: 'Out of memory: Killed process 4242 (java)' },
    { time: now - 10 * min, unit: 'app.service', level: 7, message: 'GC pause 12ms; connection pool 4/10' },
  ]);
  store(db, 'db-01', [
    {
      time: now - 50 * min,
      unit: '/var/log/postgresql/main.log',
      level: 4,
      message: 'WARNING: connection to client lost',
    },
    // pulled after the others but older: sorts by its own time
    {
      time: now - 120 * min,
      unit: '/var/log/postgresql/main.log',
      level: 0,
      message: 'PANIC: could not write to file "pg_wal/xlogtemp"',
    },
  ]);
});
afterAll(async () => f?.close());

describe('monitoring.logs.search on a real workspace file', () => {
  it('lists everything newest first (by the line time) when there is no query, with the total', async () => {
    const r = await search({});
    expect(r.total).toBe(6);
    expect(r.entries.map((e) => (now - e.time) / min)).toEqual([10, 20, 30, 50, 90, 120]);
    expect(r.entries.every((e) => e.highlighted === null)).toBe(true);
    expect(r.tookMs).toBeGreaterThanOrEqual(0);
  });

  it('finds words in any order, phrases, prefixes, and marks the matches', async () => {
    const r = await search({ query: 'refused connect*' });
    expect(r.entries.map((e) => e.host)).toEqual(['web-01']);
    expect(r.entries[0]!.highlighted).toBe(
      '\u0001connect\u0002() failed (111: \u0001Connection\u0002 \u0001refused\u0002) while \u0001connecting\u0002 to upstream',
    );
    expect((await search({ query: '"connection pool"' })).entries.map((e) => e.message)).toEqual([
      'GC pause 12ms; connection pool 4/10',
    ]);
    expect((await search({ query: '"pool connection"' })).total).toBe(0);
    expect((await search({ query: 'connection' })).total).toBe(3);
  });

  it('filters by host, unit and level-or-more-severe', async () => {
    expect((await search({ query: 'connection', hosts: ['db-01'] })).entries.map((e) => e.message)).toEqual([
      'WARNING: connection to client lost',
    ]);
    const units = await search({ units: ['app.service'] });
    expect(units.entries.map((e) => e.unit)).toEqual(['app.service', 'app.service']);
    const errs = await search({ level: 'err' });
    expect(errs.entries.map((e) => e.level)).toEqual(['crit', 'err', 'emerg']);
    const both = await search({
      hosts: ['web-01', 'db-01'],
      level: 'warning',
      units: ['nginx.service', '/var/log/postgresql/main.log'],
    });
    expect(both.entries.map((e) => e.level)).toEqual(['warning', 'err', 'emerg']);
  });

  it('filters by time: relative (now-1h) and absolute, since and until', async () => {
    expect((await search({ since: 'now-1h' })).entries.map((e) => (now - e.time) / min)).toEqual([10, 20, 30, 50]);
    const win = await search({ since: '2026-11-27T10:30:00Z', until: String(now - 25 * min) });
    expect(win.entries.map((e) => (now - e.time) / min)).toEqual([30, 50, 90]);
    expect(win.total).toBe(3);
  });

  it('refuses a bad time or a reversed range with a sentence, not an SQL error', async () => {
    await expect(search({ since: 'yesterday' })).rejects.toThrow(/"yesterday" is not a time; use now-15m/);
    await expect(search({ since: 'now', until: 'now-1h' })).rejects.toThrow(
      /starts \(now\) after it ends \(now-1h\); swap them/,
    );
  });

  it('pages by beforeId: every entry once, in order, with a steady total', async () => {
    const all = (await search({})).entries.map((e) => e.id);
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await search({ limit: 2, ...(before === undefined ? {} : { beforeId: before }) });
      expect(page.total).toBe(6);
      if (!page.entries.length) break;
      seen.push(...page.entries.map((e) => e.id));
      before = page.entries.at(-1)!.id;
    }
    expect(seen).toEqual(all);
    const texty = await search({ query: 'connection', limit: 1 });
    const next = await search({ query: 'connection', limit: 5, beforeId: texty.entries[0]!.id });
    expect([...texty.entries, ...next.entries].map((e) => e.message)).toEqual(
      (await search({ query: 'connection' })).entries.map((e) => e.message),
    );
  });

  it('finds nothing for text with nothing searchable, and never fails on hostile text (property)', async () => {
    expect(await search({ query: '-> ***' })).toMatchObject({ entries: [], total: 0 });
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 80 }), async (q) => {
        const r = await search({ query: q, hosts: [q], units: [q] });
        expect(r.total).toBe(0); // no host or unit has that name
        const r2 = await search({ query: q });
        expect(r2.total).toBeGreaterThanOrEqual(r2.entries.length);
      }),
      { numRuns: 300 },
    );
  });

  it('counts lines per source', async () => {
    const list = await f.call<LogSource[]>('monitoring.logs.sources.list');
    expect(list.map((s) => [s.ci.name, s.kind, s.lines])).toEqual([
      ['db-01', 'file', 2],
      ['web-01', 'journal', 4],
    ]);
  });
});
