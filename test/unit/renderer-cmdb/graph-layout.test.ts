import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignLayers, type GraphIn, layoutGraph } from '../../../renderer/views/ci/graph-layout';

const node = (id: string, depth = 1) => ({ id, name: id, type: 'host', depth });
const edge = (from: string, to: string, type = 'depends_on') => ({ id: `${from}>${to}`, from, to, type });

describe('graph layout', () => {
  it('puts what the CI depends on to the left and what depends on it to the right', () => {
    const g: GraphIn = {
      root: { id: 'app', name: 'app', type: 'application' },
      nodes: [node('app', 0), node('db'), node('disk', 2), node('web'), node('lb', 2)],
      edges: [edge('app', 'db'), edge('db', 'disk'), edge('web', 'app'), edge('lb', 'web')],
    };
    const layers = assignLayers(g);
    expect(Object.fromEntries(layers)).toEqual({ app: 0, db: -1, disk: -2, web: 1, lb: 2 });
    const l = layoutGraph(g);
    const x = Object.fromEntries(l.nodes.map((n) => [n.id, n.x]));
    expect(x.disk! < x.db!).toBe(true);
    expect(x.db! < x.app!).toBe(true);
    expect(x.app! < x.web!).toBe(true);
    expect(x.web! < x.lb!).toBe(true);
    expect(l.edges).toHaveLength(4);
  });

  it('tolerates cycles and places a node reached both ways on the nearer side', () => {
    const g: GraphIn = {
      root: { id: 'a', name: 'a', type: 'host' },
      nodes: [node('a', 0), node('b'), node('c')],
      edges: [edge('a', 'b'), edge('b', 'c'), edge('c', 'a')],
    };
    expect(Object.fromEntries(assignLayers(g))).toEqual({ a: 0, b: -1, c: 1 });
  });

  it('orients columns by impact, as the backend does', () => {
    // vault backs_up app ('to-target': if vault fails, app is unprotected) → vault is upstream of app.
    const g: GraphIn = {
      root: { id: 'app', name: 'app', type: 'application' },
      nodes: [node('app', 0), node('vault'), node('db'), node('peer')],
      edges: [edge('vault', 'app', 'backs_up'), edge('app', 'db'), edge('app', 'peer', 'mirrors')],
    };
    const impact = { backs_up: 'to-target', depends_on: 'to-source', mirrors: 'both' } as const;
    const layers = assignLayers(g, (t) => impact[t as keyof typeof impact]);
    expect(Object.fromEntries(layers)).toEqual({ app: 0, vault: -1, db: -1, peer: -1 });
    // Without the types, backs_up reads like depends_on and vault lands downstream.
    expect(assignLayers(g).get('vault')).toBe(1);
  });

  it('adds the root when the server left it out', () => {
    const l = layoutGraph({ root: { id: 'r', name: 'r', type: 'x' }, nodes: [], edges: [] });
    expect(l.nodes.map((n) => n.id)).toEqual(['r']);
    expect(l.width).toBeGreaterThan(0);
  });

  it('places every node once without overlaps, on random graphs with cycles', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.tuple(fc.nat(24), fc.nat(24)), { maxLength: 60 }),
        (n, pairs) => {
          const ids = Array.from({ length: n }, (_, i) => `n${i}`);
          const edges = pairs.filter(([a, b]) => a < n && b < n && a !== b).map(([a, b]) => edge(ids[a]!, ids[b]!));
          const g: GraphIn = { root: { id: 'n0', name: 'n0', type: 'host' }, nodes: ids.map((id) => node(id)), edges };
          const l = layoutGraph(g);
          expect(l.nodes.map((x) => x.id).sort()).toEqual([...ids].sort());
          const spots = new Set(l.nodes.map((x) => `${x.x},${x.y}`));
          expect(spots.size).toBe(n);
          for (const x of l.nodes) {
            expect(x.x + l.nodeWidth).toBeLessThanOrEqual(l.width);
            expect(x.y + l.nodeHeight).toBeLessThanOrEqual(l.height + 0.001);
            expect(x.y).toBeGreaterThanOrEqual(0);
          }
          expect(l.nodes.find((x) => x.id === 'n0')!.layer).toBe(0);
          // A direct dependency of the root is always one column to its left.
          for (const e of edges) if (e.from === 'n0') expect(l.nodes.find((x) => x.id === e.to)!.layer).toBe(-1);
          expect(l.edges).toHaveLength(edges.length);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
