import type { RelationType } from '../../../shared/api/cmdb-model';
import type { Db } from '../../store/migration';

/**
 * The relationship graph in compressed sparse row form: for node u, its
 * neighbours are dst[off[u] .. off[u+1]). Nodes are dense integers (the order
 * of cmdb_cis.rid), so a traversal of 100k CIs and 300k relations touches
 * typed arrays only — no SQL per node, no object per edge.
 *
 * Edges are oriented by impact: u → v means "if u fails, v may be impacted".
 * `fwd` answers downstream and blast radius, `rev` answers upstream.
 */
export interface Csr {
  off: Int32Array;
  dst: Int32Array;
  /** index of the relation behind each edge (into GraphIndex.rel*) */
  rel: Int32Array;
}

export interface GraphIndex {
  n: number;
  ids: string[];
  names: string[];
  types: string[];
  index: Map<string, number>;
  /** relation k → its id (read lazily: 300k UUID strings would dominate the build) */
  relId(k: number): string;
  relType: Uint16Array;
  relFrom: Int32Array;
  relTo: Int32Array;
  typeNames: string[];
  fwd: Csr;
  rev: Csr;
}

export interface RawRelation {
  id: string;
  type: string;
  from: string;
  to: string;
}

function csr(n: number, src: Int32Array, dst: Int32Array, rel: Int32Array, m: number): Csr {
  const off = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) off[src[i]! + 1]!++;
  for (let i = 0; i < n; i++) off[i + 1]! += off[i]!;
  const fill = off.slice(0, n);
  const d = new Int32Array(m);
  const r = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    const at = fill[src[i]!]!++;
    d[at] = dst[i]!;
    r[at] = rel[i]!;
  }
  return { off, dst: d, rel: r };
}

interface Nodes {
  ids: string[];
  names: string[];
  types: string[];
}

/** Relations as parallel arrays of node indexes and type names. */
interface Edges {
  count: number;
  from: Int32Array;
  to: Int32Array;
  type: (k: number) => string;
}

function assemble(
  nodes: Nodes,
  edges: Edges,
  impactOf: ReadonlyMap<string, RelationType['impact']>,
  relId: (k: number) => string,
): GraphIndex {
  const n = nodes.ids.length;
  const index = new Map<string, number>();
  nodes.ids.forEach((id, i) => index.set(id, i));
  const typeNames: string[] = [];
  const typeIndex = new Map<string, number>();
  const m = edges.count;
  const relType = new Uint16Array(m);
  // Up to two impact edges per relation ('both').
  const src = new Int32Array(2 * m);
  const dst = new Int32Array(2 * m);
  const rel = new Int32Array(2 * m);
  let e = 0;
  for (let k = 0; k < m; k++) {
    const name = edges.type(k);
    let ti = typeIndex.get(name);
    if (ti === undefined) {
      ti = typeNames.length;
      typeNames.push(name);
      typeIndex.set(name, ti);
    }
    relType[k] = ti;
    const f = edges.from[k]!;
    const t = edges.to[k]!;
    const impact = impactOf.get(name) ?? 'none';
    if (impact === 'to-source' || impact === 'both') {
      src[e] = t;
      dst[e] = f;
      rel[e++] = k;
    }
    if (impact === 'to-target' || impact === 'both') {
      src[e] = f;
      dst[e] = t;
      rel[e++] = k;
    }
  }
  return {
    n,
    ...nodes,
    index,
    relId,
    relType,
    relFrom: edges.from,
    relTo: edges.to,
    typeNames,
    fwd: csr(n, src, dst, rel, e),
    rev: csr(n, dst, src, rel, e),
  };
}

/** Pure: builds the index from nodes and relations named by CI id (used by tests and tools). */
export function buildGraphIndex(
  nodes: readonly { id: string; name: string; type: string }[],
  relations: readonly RawRelation[],
  impactOf: ReadonlyMap<string, RelationType['impact']>,
): GraphIndex {
  const at = new Map(nodes.map((c, i) => [c.id, i]));
  const kept = relations.filter((r) => at.has(r.from) && at.has(r.to));
  return assemble(
    { ids: nodes.map((c) => c.id), names: nodes.map((c) => c.name), types: nodes.map((c) => c.type) },
    {
      count: kept.length,
      from: Int32Array.from(kept, (r) => at.get(r.from)!),
      to: Int32Array.from(kept, (r) => at.get(r.to)!),
      type: (k) => kept[k]!.type,
    },
    impactOf,
    (k) => kept[k]!.id,
  );
}

/**
 * Builds the index lazily and keeps it until a write invalidates it. Writes by
 * another connection (the CLI on the same workspace) are noticed through
 * PRAGMA data_version, which changes whenever someone else commits.
 * Relations are read as integers only (their from_rid/to_rid columns), so
 * 300k of them load without creating a string each.
 */
export class GraphCache {
  private current: GraphIndex | null = null;
  private builtAt = -1;

  constructor(private readonly db: Db) {}

  invalidate(): void {
    this.current = null;
  }

  get(): GraphIndex {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (this.current && version === this.builtAt) return this.current;
    const rows = this.db
      .prepare<[], [number, string, string, string]>('SELECT rid, id, name, type FROM cmdb_cis')
      .raw()
      .all();
    let maxRid = 0;
    for (const r of rows) if (r[0] > maxRid) maxRid = r[0];
    const pos = new Int32Array(maxRid + 1).fill(-1);
    rows.forEach((r, i) => (pos[r[0]] = i));
    const typeRows = this.db
      .prepare<[], [number, string, RelationType['impact']]>('SELECT rowid, name, impact FROM cmdb_relation_types')
      .raw()
      .all();
    const typeName = new Map(typeRows.map((t) => [t[0], t[1]]));
    const impactOf = new Map(typeRows.map((t) => [t[1], t[2]] as const));
    const rels = this.db
      .prepare<[], [number, number, number, number]>(
        'SELECT r.rid, t.rowid, r.from_rid, r.to_rid FROM cmdb_relations r JOIN cmdb_relation_types t ON t.name = r.type',
      )
      .raw()
      .all();
    const relRid = new Float64Array(rels.length);
    const from = new Int32Array(rels.length);
    const to = new Int32Array(rels.length);
    const typeOf = new Int32Array(rels.length);
    let m = 0;
    for (const [rid, type, f, t] of rels) {
      const fi = f <= maxRid ? pos[f]! : -1;
      const ti = t <= maxRid ? pos[t]! : -1;
      if (fi < 0 || ti < 0) continue;
      relRid[m] = rid;
      from[m] = fi;
      to[m] = ti;
      typeOf[m++] = type;
    }
    const idOf = this.db.prepare<[number], string>('SELECT id FROM cmdb_relations WHERE rid = ?').pluck();
    this.current = assemble(
      { ids: rows.map((r) => r[1]), names: rows.map((r) => r[2]), types: rows.map((r) => r[3]) },
      { count: m, from: from.subarray(0, m), to: to.subarray(0, m), type: (k) => typeName.get(typeOf[k]!)! },
      impactOf,
      (k) => idOf.get(relRid[k]!) ?? '',
    );
    this.builtAt = version;
    return this.current;
  }
}
