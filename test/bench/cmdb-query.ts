import { randomUUID } from 'node:crypto';
import { ciQuery, type Ci, type CiQuery } from '../../shared/api/cmdb-model';
import { millis, type Row } from './table';
import { benchHost, openBenchCmdb, percentile, type BenchCmdb } from './cmdb-fixture';

const relationTypes = ['depends_on', 'runs_on', 'member_of', 'backs_up', 'connects_to', 'hosted_in'];

/** Deterministic pseudo-random numbers, so every run measures the same estate. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** 100k CIs straight through CiStore (the import path is measured on its own) and 300k relations. */
function seed(b: BenchCmdb, n: number, relations: number): string[] {
  const now = Date.now();
  const ids: string[] = [];
  const db = b.workspace.db;
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const h = benchHost(i);
      const ci: Ci = {
        id: randomUUID(),
        type: i % 50 === 0 ? 'service' : 'host',
        name: h.name,
        description: h.description,
        ownerTeam: h.ownerTeam,
        ownerPerson: null,
        environment: h.environment,
        status: i % 10 === 0 ? 'maintenance' : 'active',
        criticality: null,
        tags: h.tags,
        fields: { os: h.os, rack: h.rack, u: i % 42 },
        connection:
          i % 50 === 0 ? null : { address: h.address, port: 22, user: 'ops', credentialId: null, jumpHostId: null },
        createdAt: now,
        updatedAt: now - i,
        version: 1,
      };
      b.cmdb.cis.insert(ci);
      ids.push(ci.id);
    }
    const rand = prng(7);
    for (let k = 0; k < relations; k++) {
      // Mostly "downhill" edges with some back edges, so there are long chains and cycles.
      const from = Math.floor(rand() * n);
      const to = rand() < 0.9 ? Math.floor(rand() * from) : Math.floor(rand() * n);
      b.cmdb.relations.add(randomUUID(), relationTypes[k % relationTypes.length]!, ids[from]!, ids[to]!, now);
    }
  })();
  return ids;
}

function stats(samples: number[]): { p50: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95) };
}

const q = (over: Partial<CiQuery>): CiQuery => ({
  text: '',
  types: [],
  environments: [],
  statuses: [],
  criticalities: [],
  tags: [],
  fields: [],
  ...over,
});

export async function benchCmdbQuery(n = 100_000, relations = 300_000, runs = 60): Promise<Row[]> {
  const b = openBenchCmdb('cmdb-query');
  try {
    const ids = seed(b, n, relations);
    b.workspace.db.exec('ANALYZE');
    const shapes: {
      name: string;
      make: (i: number) => {
        query: CiQuery;
        sort?: { by: 'name' | 'updatedAt'; dir: 'asc' | 'desc' };
        offset?: number;
      };
    }[] = [
      { name: 'text prefix, broad ("web")', make: () => ({ query: q({ text: 'web' }) }) },
      {
        name: 'text, narrow ("api-0012…")',
        make: (i) => ({
          query: q({
            text: `api-${String(1000 + i * 8)
              .padStart(6, '0')
              .slice(0, 5)}`,
          }),
        }),
      },
      { name: 'environment + tag', make: (i) => ({ query: q({ environments: ['prod'], tags: [`dc${i % 3}`] }) }) },
      {
        name: 'field = value',
        make: (i) => ({ query: q({ fields: [{ key: 'rack', op: 'eq', value: `r${i % 40}` }] }) }),
      },
      {
        name: 'field number > x, sorted by updated',
        make: (i) => ({
          query: q({ fields: [{ key: 'u', op: 'gt', value: 30 + (i % 10) }] }),
          sort: { by: 'updatedAt', dir: 'desc' },
        }),
      },
      {
        name: 'text + type + status',
        make: () => ({ query: q({ text: 'db', types: ['host'], statuses: ['maintenance'] }) }),
      },
      { name: 'everything, deep page (offset 50k)', make: () => ({ query: q({}), offset: 50_000 }) },
    ];
    const rows: Row[] = [];
    for (const shape of shapes) {
      const samples: number[] = [];
      let total = 0;
      for (let i = 0; i < runs + 5; i++) {
        const s = shape.make(i);
        const t0 = performance.now();
        const r = b.cmdb.search.run({
          query: ciQuery.parse(s.query),
          sort: s.sort ?? { by: 'name', dir: 'asc' },
          offset: s.offset ?? 0,
          limit: 200,
        });
        if (i >= 5) samples.push(performance.now() - t0);
        total = r.total;
      }
      const { p50, p95 } = stats(samples);
      rows.push({
        name: `search: ${shape.name} (${total.toLocaleString('en-US')} hits)`,
        value: `p50 ${millis(p50)} · p95 ${millis(p95)}`,
        vs: p95 <= 10 ? 'goal p95 ≤ 10 ms: met' : 'goal p95 ≤ 10 ms: MISSED',
      });
    }

    const t0 = performance.now();
    b.cmdb.graph.index();
    const buildMs = performance.now() - t0;
    rows.push({
      name: `graph index build (${n.toLocaleString('en-US')} CIs, ${relations.toLocaleString('en-US')} relations)`,
      value: millis(buildMs),
      vs: 'once, after a change',
    });
    const rand = prng(11);
    const samples: number[] = [];
    let impacted = 0;
    for (let i = 0; i < runs * 2; i++) {
      const id = ids[Math.floor(rand() * n)]!;
      const s0 = performance.now();
      const r = b.cmdb.graph.blastRadius({ id, maxDepth: 20, limit: 10_000 });
      samples.push(performance.now() - s0);
      impacted += r.total;
    }
    const { p50, p95 } = stats(samples);
    rows.push({
      name: `blast radius (mean ${Math.round(impacted / samples.length).toLocaleString('en-US')} impacted)`,
      value: `p50 ${millis(p50)} · p95 ${millis(p95)}`,
      vs: p95 <= 50 ? 'goal p95 ≤ 50 ms: met' : 'goal p95 ≤ 50 ms: MISSED',
    });
    return rows;
  } finally {
    await b.close();
  }
}
