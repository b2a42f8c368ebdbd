export interface GraphNodeIn {
  id: string;
  name: string;
  type: string;
  depth: number;
}
export interface GraphEdgeIn {
  id: string;
  from: string;
  to: string;
  type: string;
}
export interface GraphIn {
  root: { id: string; name: string; type: string };
  nodes: GraphNodeIn[];
  edges: GraphEdgeIn[];
}

export interface LaidNode extends GraphNodeIn {
  /** columns: negative = upstream (what the root depends on), 0 = root, positive = downstream */
  layer: number;
  x: number;
  y: number;
}
export interface LaidEdge extends GraphEdgeIn {
  path: string;
  /** where the label goes */
  mx: number;
  my: number;
}
export interface Layout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  width: number;
  height: number;
  nodeWidth: number;
  nodeHeight: number;
}

export interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  colGap?: number;
  rowGap?: number;
  pad?: number;
}

/** Breadth-first distances from `start` following `next`; cycles are fine (each node is seen once). */
function bfs(start: string, next: Map<string, string[]>): Map<string, number> {
  const dist = new Map<string, number>([[start, 0]]);
  let frontier = [start];
  while (frontier.length) {
    const following: string[] = [];
    for (const n of frontier) {
      for (const m of next.get(n) ?? []) {
        if (dist.has(m)) continue;
        dist.set(m, dist.get(n)! + 1);
        following.push(m);
      }
    }
    frontier = following;
  }
  return dist;
}

export type Impact = 'to-source' | 'to-target' | 'both' | 'none';
/** How failure travels along a relation type (from 'cmdb.relations.types'); unknown types read like depends_on. */
export type ImpactOf = (type: string) => Impact | undefined;

/**
 * Layered left→right: upstream | CI | downstream, oriented the way the backend's
 * graph is — by impact. For a 'to-source' type (A depends_on B) A relies on B, so
 * B sits upstream of A; for a 'to-target' type (A backs_up B) B relies on A.
 * Following "relies on" from the root walks upstream, the reverse walks
 * downstream. A node reached both ways sits on the nearer side (upstream on a tie).
 */
export function assignLayers(g: GraphIn, impactOf: ImpactOf = () => undefined): Map<string, number> {
  const out = new Map<string, string[]>();
  const inc = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    if (!out.has(a)) out.set(a, []);
    if (!inc.has(b)) inc.set(b, []);
    out.get(a)!.push(b);
    inc.get(b)!.push(a);
  };
  for (const e of g.edges) {
    const impact = impactOf(e.type);
    if (impact === 'to-target') link(e.to, e.from);
    else if (impact === 'both') {
      link(e.from, e.to);
      link(e.to, e.from);
    } else link(e.from, e.to);
  }
  const up = bfs(g.root.id, out);
  const down = bfs(g.root.id, inc);
  const layers = new Map<string, number>([[g.root.id, 0]]);
  for (const n of g.nodes) {
    if (n.id === g.root.id) continue;
    const u = up.get(n.id);
    const d = down.get(n.id);
    if (u !== undefined && (d === undefined || u <= d)) layers.set(n.id, -u);
    else if (d !== undefined) layers.set(n.id, d);
    else layers.set(n.id, Math.max(1, n.depth));
  }
  return layers;
}

export function layoutGraph(g: GraphIn, opts: LayoutOptions = {}, impactOf?: ImpactOf): Layout {
  const w = opts.nodeWidth ?? 170;
  const h = opts.nodeHeight ?? 34;
  const colGap = opts.colGap ?? 90;
  const rowGap = opts.rowGap ?? 14;
  const pad = opts.pad ?? 20;

  const all = new Map<string, GraphNodeIn>(g.nodes.map((n) => [n.id, n]));
  if (!all.has(g.root.id)) all.set(g.root.id, { ...g.root, depth: 0 });
  const layers = assignLayers({ ...g, nodes: [...all.values()] }, impactOf);

  const byLayer = new Map<number, GraphNodeIn[]>();
  for (const n of all.values()) {
    const l = layers.get(n.id)!;
    if (!byLayer.has(l)) byLayer.set(l, []);
    byLayer.get(l)!.push(n);
  }
  const neighbours = new Map<string, string[]>();
  for (const e of g.edges) {
    neighbours.set(e.from, [...(neighbours.get(e.from) ?? []), e.to]);
    neighbours.set(e.to, [...(neighbours.get(e.to) ?? []), e.from]);
  }

  // Order each column by where its neighbours nearer the root sit, to keep lines from crossing.
  const row = new Map<string, number>([[g.root.id, 0]]);
  const keys = [...byLayer.keys()].sort((a, b) => Math.abs(a) - Math.abs(b) || a - b);
  for (const l of keys) {
    const inner = l === 0 ? 0 : l > 0 ? l - 1 : l + 1;
    const score = (n: GraphNodeIn) => {
      const rs = (neighbours.get(n.id) ?? [])
        .filter((m) => layers.get(m) === inner && row.has(m))
        .map((m) => row.get(m)!);
      return rs.length ? rs.reduce((a, b) => a + b, 0) / rs.length : Number.MAX_SAFE_INTEGER;
    };
    const col = byLayer.get(l)!.sort((a, b) => score(a) - score(b) || a.name.localeCompare(b.name));
    col.forEach((n, i) => row.set(n.id, i));
  }

  const minLayer = Math.min(...keys);
  const maxLayer = Math.max(...keys);
  const tallest = Math.max(...[...byLayer.values()].map((c) => c.length));
  const height = pad * 2 + tallest * h + (tallest - 1) * rowGap;
  const width = pad * 2 + (maxLayer - minLayer + 1) * w + (maxLayer - minLayer) * colGap;

  const nodes: LaidNode[] = [];
  for (const [l, col] of byLayer) {
    const colHeight = col.length * h + (col.length - 1) * rowGap;
    const top = (height - colHeight) / 2;
    for (const n of col) {
      nodes.push({ ...n, layer: l, x: pad + (l - minLayer) * (w + colGap), y: top + row.get(n.id)! * (h + rowGap) });
    }
  }
  const at = new Map(nodes.map((n) => [n.id, n]));
  const edges: LaidEdge[] = [];
  for (const e of g.edges) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    if (!a || !b) continue;
    const ay = a.y + h / 2;
    const by = b.y + h / 2;
    let path: string;
    if (a.layer === b.layer) {
      // Same column: loop out to the right.
      const x = a.x + w;
      path = `M ${x} ${ay} C ${x + 40} ${ay}, ${x + 40} ${by}, ${x} ${by}`;
    } else {
      const leftToRight = a.x < b.x;
      const x1 = leftToRight ? a.x + w : a.x;
      const x2 = leftToRight ? b.x : b.x + w;
      const mid = (x1 + x2) / 2;
      path = `M ${x1} ${ay} C ${mid} ${ay}, ${mid} ${by}, ${x2} ${by}`;
    }
    edges.push({ ...e, path, mx: (a.x + b.x + w) / 2, my: (ay + by) / 2 });
  }
  return { nodes, edges, width, height, nodeWidth: w, nodeHeight: h };
}

export function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
