import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsExpression } from '../../../main/cmdb/store/search';
import { OpsError } from '../../../shared/api/errors';
import { host, openCmdb, type CmdbFixture } from './helpers';

let f: CmdbFixture;
beforeAll(() => {
  f = openCmdb();
  for (const name of ['web-01', 'api "quoted"', 'NEAR(x)', 'db*', 'AND-OR-NOT', 'café-01', '東京-db']) {
    f.cmdb.create(host(name, { description: `about ${name}`, tags: ['t-1'] }), f.ctx);
  }
});
afterAll(async () => {
  await f.close();
});

const search = (text: string) =>
  f.cmdb.search.run({
    query: { text, types: [], environments: [], statuses: [], criticalities: [], tags: [], fields: [] },
    sort: { by: 'name', dir: 'asc' },
    offset: 0,
    limit: 50,
  });

describe('FTS text search', () => {
  it('quotes every word as a prefix phrase', () => {
    expect(ftsExpression('web-0 "db')).toBe('"web 0"* "db"*');
    expect(ftsExpression('  ')).toBeNull();
    expect(ftsExpression('* - ( )')).toBeNull();
  });

  it('treats operators and quotes as text', () => {
    expect(search('NEAR(').items.map((c) => c.name)).toEqual(['NEAR(x)']);
    expect(search('"quoted').items.map((c) => c.name)).toEqual(['api "quoted"']);
    expect(search('AND').items.map((c) => c.name)).toEqual(['AND-OR-NOT']);
    expect(search('cafe').items.map((c) => c.name)).toEqual(['café-01']);
    expect(search('東京').items.map((c) => c.name)).toEqual(['東京-db']);
  });

  it('any string up to 100 characters yields a result or bad_input, never an SqliteError', () => {
    const hostile = fc.constantFrom(
      '"',
      '*',
      'AND',
      'OR',
      'NOT',
      'NEAR(',
      ')',
      '(',
      '-',
      '^',
      ':',
      '+',
      '{',
      '}',
      ' ',
      '\u0000',
      "'",
      'web',
      'é',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.string({ maxLength: 100, unit: 'grapheme' }),
      fc.array(hostile, { maxLength: 40 }).map((a) => a.join('').slice(0, 100)),
    );
    fc.assert(
      fc.property(text, (t) => {
        try {
          const r = search(t);
          expect(r.total).toBeGreaterThanOrEqual(0);
        } catch (e) {
          expect(e).toBeInstanceOf(OpsError);
          expect((e as OpsError).code).toBe('bad_input');
        }
      }),
      { numRuns: 3000 },
    );
  });
});
