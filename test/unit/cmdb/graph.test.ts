import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraphIndex, type RawRelation } from '../../../main/cmdb/graph/adjacency';
import { bfs, neighbourhood } from '../../../main/cmdb/graph/traverse';
import type { RelationType } from '../../../shared/api/cmdb-model';
import { host, openCmdb, type CmdbFixture } from './helpers';

const impactOf = new Map<string, RelationType['impact']>([
  ['depends_on', 'to-source'],
  ['runs_on', 'to-source'],
  ['hosted_in', 'to-source'],
  ['member_of', 'to-target'],
  ['backs_up', 'to-target'],
  ['connects_to', 'to-source'],
  ['peers', 'both'],
  ['mentions', 'none'],
]);
const typeNames = [...impactOf.keys()];

/** The obvious version: impact edges as a list, BFS with a Map. */
function reference(
  n: number,
  rels: RawRelation[],
  root: string,
  maxDepth: number,
  reverse = false,
): Map<string, number> {
  const edges: [string, string, string][] = [];
  for (const r of rels) {
    const imp = impactOf.get(r.type)!;
    if (imp === 'to-source' || imp === 'both') edges.push([r.to, r.from, r.type]);
    if (imp === 'to-target' || imp === 'both') edges.push([r.from, r.to, r.type]);
  }
  const depth = new Map<string, number>([[root, 0]]);
  let frontier = [root];
  for (let d = 1; d <= maxDepth && frontier.length; d++) {
    const next: string[] = [];
    for (const u of frontier) {
      for (const [a, b] of edges) {
        const [src, dst] = reverse ? [b, a] : [a, b];
        if (src === u && !depth.has(dst)) {
          depth.set(dst, d);
          next.push(dst);
        }
      }
    }
    frontier = next;
  }
  depth.delete(root);
  return depth;
}

const graphArb = fc.integer({ min: 1, max: 25 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    rels: fc.uniqueArray(fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1), type: fc.constantFrom(...typeNames) }), {
      maxLength: 3 * n,
      selector: (r) => `${r.type}:${r.from}:${r.to}`,
    }),
    root: fc.nat(n - 1),
    maxDepth: fc.integer({ min: 1, max: 8 }),
  }),
);

const toRaw = (rels: { from: number; to: number; type: string }[]): RawRelation[] =>
  rels.map((r, i) => ({ id: `r${i}`, type: r.type, from: `n${r.from}`, to: `n${r.to}` }));
const nodes = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `n${i}`, name: `node ${i}`, type: 'host' }));

describe('blast radius and up/downstream against a reference', () => {
  it('impacted ids and depths match exactly, with cycles and self-loops', () => {
    fc.assert(
      fc.property(graphArb, ({ n, rels, root, maxDepth }) => {
        const raw = toRaw(rels);
        const g = buildGraphIndex(nodes(n), raw, impactOf);
        const got = bfs(g, g.fwd, root, maxDepth);
        const want = reference(n, raw, `n${root}`, maxDepth);
        expect(new Map(got.map((r) => [g.ids[r.node]!, r.depth]))).toEqual(want);
        // `via` is the type of an impact edge from a node one level closer.
        const depthOf = new Map(got.map((r) => [g.ids[r.node]!, r.depth]));
        depthOf.set(`n${root}`, 0);
        for (const r of got) {
          const id = g.ids[r.node]!;
          const ok = raw.some((e) => {
            if (e.type !== r.via) return false;
            const imp = impactOf.get(e.type)!;
            const srcs = [
              ...((imp === 'to-source' || imp === 'both') && e.from === id ? [e.to] : []),
              ...((imp === 'to-target' || imp === 'both') && e.to === id ? [e.from] : []),
            ];
            return srcs.some((s) => depthOf.get(s) === r.depth - 1);
          });
          expect(ok).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('upstream and downstream follow the impact edges backwards and forwards', () => {
    fc.assert(
      fc.property(graphArb, ({ n, rels, root, maxDepth }) => {
        const raw = toRaw(rels);
        const g = buildGraphIndex(nodes(n), raw, impactOf);
        const depth = Math.min(maxDepth, 10);
        for (const direction of ['upstream', 'downstream'] as const) {
          const got = neighbourhood(g, root, direction, depth, 5000);
          const want = reference(n, raw, `n${root}`, depth, direction === 'upstream');
          expect(new Map(got.nodes.map((x) => [g.ids[x.node]!, x.depth]))).toEqual(want);
          for (const e of got.edges) {
            const listed = new Set([...want.keys(), `n${root}`]);
            expect(listed.has(g.ids[g.relFrom[e]!]!) && listed.has(g.ids[g.relTo[e]!]!)).toBe(true);
          }
        }
        const both = neighbourhood(g, root, 'both', depth, 5000);
        const up = reference(n, raw, `n${root}`, depth, true);
        const down = reference(n, raw, `n${root}`, depth);
        const merged = new Map(up);
        for (const [k, v] of down) merged.set(k, Math.min(v, merged.get(k) ?? Infinity));
        expect(new Map(both.nodes.map((x) => [g.ids[x.node]!, x.depth]))).toEqual(merged);
      }),
      { numRuns: 1000 },
    );
  });

  it('limits and reports truncation', () => {
    const raw = toRaw(Array.from({ length: 9 }, (_, i) => ({ from: i + 1, to: 0, type: 'depends_on' })));
    const g = buildGraphIndex(nodes(10), raw, impactOf);
    const n = neighbourhood(g, 0, 'downstream', 2, 3);
    expect(n.nodes).toHaveLength(3);
    expect(n.truncated).toBe(true);
  });
});

describe('through the service (SQLite → cached CSR)', () => {
  let f: CmdbFixture;
  beforeAll(() => {
    f = openCmdb();
  });
  afterAll(async () => {
    await f.close();
  });

  it('matches the reference on generated graphs and follows invalidation', () => {
    fc.assert(
      fc.property(graphArb, ({ n, rels, root, maxDepth }) => {
        const db = f.workspace.db;
        db.exec('DELETE FROM cmdb_cis');
        db.prepare(
          "INSERT OR IGNORE INTO cmdb_relation_types (name, inverse_label, impact) VALUES ('peers', 'peers', 'both'), ('mentions', 'mentioned by', 'none')",
        ).run();
        const ids: string[] = [];
        for (let i = 0; i < n; i++) ids.push(f.cmdb.create(host(`h${i}`), f.ctx).id);
        const raw: RawRelation[] = [];
        for (const r of rels) {
          const rel = f.cmdb.addRelation({ from: ids[r.from]!, to: ids[r.to]!, type: r.type }, f.ctx);
          raw.push({ id: rel.id, type: r.type, from: ids[r.from]!, to: ids[r.to]! });
        }
        const br = f.cmdb.graph.blastRadius({ id: ids[root]!, maxDepth, limit: 100_000 });
        const want = reference(n, raw, ids[root]!, maxDepth);
        expect(new Map(br.impacted.map((x) => [x.id, x.depth]))).toEqual(want);
        expect(br.total).toBe(want.size);
        expect(br.truncated).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('blast radius follows each type direction on a small estate', () => {
    f.workspace.db.exec('DELETE FROM cmdb_cis');
    const mk = (name: string, type = 'host') => f.cmdb.create(host(name, { type }), f.ctx).id;
    const app = mk('shop', 'application');
    const db = mk('pg', 'database');
    const vm = mk('vm1', 'vm');
    const backup = mk('repo', 'backup-repository');
    f.cmdb.addRelation({ from: app, to: db, type: 'depends_on' }, f.ctx);
    f.cmdb.addRelation({ from: db, to: vm, type: 'runs_on' }, f.ctx);
    f.cmdb.addRelation({ from: backup, to: db, type: 'backs_up' }, f.ctx);
    f.cmdb.addRelation({ from: db, to: db, type: 'depends_on' }, f.ctx);
    const vmDown = f.cmdb.graph.blastRadius({ id: vm, maxDepth: 20, limit: 100 });
    expect(vmDown.impacted.map((x) => [x.name, x.depth, x.via])).toEqual([
      ['pg', 1, 'runs_on'],
      ['shop', 2, 'depends_on'],
    ]);
    const repoDown = f.cmdb.graph.blastRadius({ id: backup, maxDepth: 20, limit: 100 });
    expect(repoDown.impacted.map((x) => x.name)).toEqual(['pg', 'shop']);
    const up = f.cmdb.graph.neighbourhood({ id: app, direction: 'upstream', depth: 5, limit: 100 });
    expect(up.nodes.map((x) => x.name).sort()).toEqual(['pg', 'repo', 'vm1']);
    expect(up.edges.length).toBe(4);
  });
});
