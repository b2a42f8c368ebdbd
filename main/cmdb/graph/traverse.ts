import type { Csr, GraphIndex } from './adjacency';

export interface Reached {
  node: number;
  depth: number;
  /** relation type name of the edge by which the node was first reached */
  via: string;
}

/** Everything reached, in BFS order, as typed arrays; `at(i)` materialises one entry. */
export interface BfsResult {
  count: number;
  at(i: number): Reached;
}

/**
 * Breadth-first over one CSR from `root`, at most `maxDepth` edges out. Each
 * node is visited once (the visited marks make cycles and self-loops
 * harmless), so its depth is the shortest distance and `via` is the type of
 * the first edge that reached it in BFS order. The root itself is not listed.
 * Nothing is allocated per node, so only the entries a caller shows cost.
 */
export function bfsLazy(g: GraphIndex, c: Csr, root: number, maxDepth: number): BfsResult {
  const depth = new Int32Array(g.n).fill(-1);
  const via = new Int32Array(g.n);
  const queue = new Int32Array(g.n);
  let head = 0;
  let tail = 0;
  depth[root] = 0;
  queue[tail++] = root;
  const { off, dst, rel } = c;
  while (head < tail) {
    const u = queue[head++]!;
    const du = depth[u]!;
    if (du >= maxDepth) continue;
    for (let i = off[u]!, end = off[u + 1]!; i < end; i++) {
      const v = dst[i]!;
      if (depth[v] !== -1) continue;
      depth[v] = du + 1;
      via[v] = rel[i]!;
      queue[tail++] = v;
    }
  }
  return {
    count: tail - 1,
    at(i) {
      const v = queue[i + 1]!;
      return { node: v, depth: depth[v]!, via: g.typeNames[g.relType[via[v]!]!]! };
    },
  };
}

export function bfs(g: GraphIndex, c: Csr, root: number, maxDepth: number): Reached[] {
  const r = bfsLazy(g, c, root, maxDepth);
  return Array.from({ length: r.count }, (_, i) => r.at(i));
}

export interface Neighbourhood {
  nodes: { node: number; depth: number }[];
  /** relation indexes between listed nodes that the walk crossed */
  edges: number[];
  truncated: boolean;
}

/**
 * Upstream (what `root` relies on: walk the impact edges backwards), downstream
 * (what relies on it: forwards) or both, to `depth`, listing at most `limit`
 * nodes besides the root, with the relations crossed between listed nodes.
 */
export function neighbourhood(
  g: GraphIndex,
  root: number,
  direction: 'upstream' | 'downstream' | 'both',
  depth: number,
  limit: number,
): Neighbourhood {
  const best = new Map<number, number>([[root, 0]]);
  let truncated = false;
  const walks: Csr[] = direction === 'upstream' ? [g.rev] : direction === 'downstream' ? [g.fwd] : [g.fwd, g.rev];
  const crossed = new Set<number>();
  for (const c of walks) {
    const seen = new Map<number, number>([[root, 0]]);
    let frontier = [root];
    for (let d = 1; d <= depth && frontier.length; d++) {
      const next: number[] = [];
      for (const u of frontier) {
        for (let i = c.off[u]!, end = c.off[u + 1]!; i < end; i++) {
          const v = c.dst[i]!;
          if (!seen.has(v)) {
            if (!best.has(v) && best.size > limit) {
              truncated = true;
              continue;
            }
            seen.set(v, d);
            next.push(v);
            const prev = best.get(v);
            if (prev === undefined || d < prev) best.set(v, d);
          }
          crossed.add(c.rel[i]!);
        }
      }
      frontier = next;
    }
  }
  const edges = [...crossed].filter((r) => best.has(g.relFrom[r]!) && best.has(g.relTo[r]!));
  best.delete(root);
  const nodes = [...best].map(([node, d]) => ({ node, depth: d })).sort((a, b) => a.depth - b.depth || a.node - b.node);
  return { nodes, edges, truncated };
}
