import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWhere, orderBy, type SortKey } from '../../../main/cmdb/store/search';
import { ciSortKeys, type CiQuery } from '../../../shared/api/cmdb-model';
import { host, openCmdb, type CmdbFixture } from './helpers';

let f: CmdbFixture;
const envs = ['prod', 'staging', null];
const teams = ['platform', 'data', null];
const statuses = ['active', 'maintenance', 'retired'] as const;
const crits = ['low', 'high', null];
const tags = ['web', 'db', 'dmz', 'pci'];

beforeAll(() => {
  f = openCmdb();
  for (let i = 0; i < 120; i++) {
    if (i % 3 === 0) f.clock.t += 1; // ties in updatedAt, broken by name
    f.cmdb.create(
      host(`${['web', 'db', 'api'][i % 3]}-${String((i * 37) % 100).padStart(2, '0')}-${i}`, {
        type: i % 5 === 0 ? 'vm' : 'host',
        environment: envs[i % 3],
        ownerTeam: teams[i % 3 === 0 ? 2 : i % 2],
        status: statuses[i % 3],
        criticality: crits[i % 3],
        tags: tags.filter((_, k) => (i >> k) & 1),
        fields: { rack: `r${i % 4}`, ...(i % 2 ? { u: i % 9 } : {}) },
        description: i % 4 === 0 ? 'primary database' : 'frontend',
      }),
      f.ctx,
    );
  }
});
afterAll(async () => {
  await f.close();
});

/** Mostly absent, so many queries match enough rows for order and paging to matter. */
const rarely = <T>(arb: fc.Arbitrary<T[]>): fc.Arbitrary<T[]> =>
  fc.oneof({ arbitrary: fc.constant([] as T[]), weight: 4 }, { arbitrary: arb, weight: 1 });

const queryArb: fc.Arbitrary<CiQuery> = fc.record({
  text: fc.constantFrom('', '', '', 'web', 'db 0', 'prim', 'front r1', 'api-1', 'zzz'),
  types: rarely(fc.subarray(['host', 'vm'])),
  environments: rarely(fc.subarray(['prod', 'staging'])),
  statuses: rarely(fc.subarray([...statuses])),
  criticalities: rarely(fc.subarray(['low', 'high'] as const)),
  tags: rarely(fc.subarray(tags, { maxLength: 2 })),
  fields: rarely(
    fc.array(
      fc.oneof(
        fc.record({
          key: fc.constant('rack'),
          op: fc.constantFrom('eq' as const, 'neq' as const, 'contains' as const),
          value: fc.constantFrom('r1', 'r2', '1'),
        }),
        fc.record({
          key: fc.constant('u'),
          op: fc.constantFrom('gt' as const, 'lt' as const, 'eq' as const),
          value: fc.integer({ min: 0, max: 9 }),
        }),
        fc.record({ key: fc.constant('u'), op: fc.constant('exists' as const) }),
      ),
      { maxLength: 2 },
    ),
  ),
  ownerTeam: fc.option(fc.constantFrom('platform', 'data'), { nil: undefined }),
});

describe('in-memory search index', () => {
  it('returns exactly what the SQL query returns, in the same order, for every sort', () => {
    fc.assert(
      fc.property(queryArb, fc.constantFrom(...ciSortKeys), fc.boolean(), fc.nat(30), (query, by, desc, offset) => {
        const dir = desc ? 'desc' : 'asc';
        const got = f.cmdb.search.run({ query: { ...query } as never, sort: { by, dir }, offset, limit: 25 });
        const w = buildWhere(query);
        const want = f.workspace.db
          .prepare(`SELECT c.id FROM cmdb_cis c ${w.where} ${orderBy(by as SortKey, dir)}`)
          .pluck()
          .all(...w.params) as string[];
        expect(got.total).toBe(want.length);
        expect(got.items.map((c) => c.id)).toEqual(want.slice(offset, offset + 25));
      }),
      { numRuns: 1500 },
    );
  });

  it('sees writes made through the service and through another connection', () => {
    const run = () =>
      f.cmdb.search.run({
        query: { text: 'zebra', types: [], environments: [], statuses: [], criticalities: [], tags: [], fields: [] },
        sort: { by: 'name', dir: 'asc' },
        offset: 0,
        limit: 10,
      }).total;
    expect(run()).toBe(0);
    const c = f.cmdb.create(host('zebra-1'), f.ctx);
    expect(run()).toBe(1);
    const other = new (f.workspace.db.constructor as new (p: string) => typeof f.workspace.db)(f.file);
    other.prepare('DELETE FROM cmdb_cis WHERE id = ?').run(c.id);
    other.close();
    expect(run()).toBe(0);
  });
});
