import type { Db } from '../../store/migration';
import type { SortKey } from './search';

/** Attribute columns kept in memory, as interned codes (0 = null). */
const attrColumns = ['type', 'environment', 'status', 'criticality', 'owner_team', 'owner_person'] as const;
export type AttrColumn = (typeof attrColumns)[number];

interface Dict {
  codes: Map<string, number>;
  /** code → position of its value in sorted order (null first) */
  rank: Int32Array;
}

/**
 * The filterable, sortable attributes of every CI as typed arrays, so a search
 * over 100k CIs filters and pages in memory (well under a millisecond) and
 * only the page of rows is read from SQLite. Set-valued conditions (FTS, tags,
 * fields) come from SQLite as rid lists through covering indexes and are
 * intersected here. Built lazily, dropped on any write (and noticed through
 * PRAGMA data_version when another connection writes).
 */
export class SearchIndex {
  readonly n: number;
  readonly rids: Float64Array;
  /** rid → position + 1 (0 = not indexed); rids are dense integers, so an array beats a Map */
  private readonly pos: Int32Array;
  private readonly attrs: Record<AttrColumn, Int32Array>;
  private readonly dicts: Record<AttrColumn, Dict>;
  private readonly names: string[];
  private readonly updated: Float64Array;
  private readonly orders = new Map<SortKey, Int32Array>();
  private readonly tags = new Map<string, Int32Array>();

  constructor(private readonly db: Db) {
    const rows = db
      .prepare<[], Record<AttrColumn, string | null> & { rid: number; name: string; updated_at: number }>(
        `SELECT rid, name, updated_at, ${attrColumns.join(', ')} FROM cmdb_cis`,
      )
      .all();
    this.n = rows.length;
    this.rids = new Float64Array(this.n);
    let maxRid = 0;
    for (const r of rows) if (r.rid > maxRid) maxRid = r.rid;
    this.pos = new Int32Array(maxRid + 1);
    this.names = new Array<string>(this.n);
    this.updated = new Float64Array(this.n);
    const attrs = {} as Record<AttrColumn, Int32Array>;
    const codes = {} as Record<AttrColumn, Map<string, number>>;
    for (const col of attrColumns) {
      attrs[col] = new Int32Array(this.n);
      codes[col] = new Map();
    }
    rows.forEach((r, i) => {
      this.rids[i] = r.rid;
      this.pos[r.rid] = i + 1;
      this.names[i] = r.name;
      this.updated[i] = r.updated_at;
      for (const col of attrColumns) {
        const v = r[col];
        if (v === null) continue;
        const dict = codes[col];
        let code = dict.get(v);
        if (code === undefined) {
          code = dict.size + 1;
          dict.set(v, code);
        }
        attrs[col][i] = code;
      }
    });
    this.attrs = attrs;
    const dicts = {} as Record<AttrColumn, Dict>;
    for (const col of attrColumns) {
      const sorted = [...codes[col].entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const rank = new Int32Array(codes[col].size + 1);
      sorted.forEach(([, code], i) => (rank[code] = i + 1));
      dicts[col] = { codes: codes[col], rank };
    }
    this.dicts = dicts;
  }

  /** Positions of the CIs carrying a tag; memoised, as the whole index is dropped on any write. */
  tagPositions(tag: string): Int32Array {
    let p = this.tags.get(tag);
    if (!p) {
      const rids = this.db.prepare<[string], number>('SELECT ci_rid FROM cmdb_ci_tags WHERE tag = ?').pluck().all(tag);
      p = Int32Array.from(rids, (r) => this.position(r) ?? -1).filter((x) => x >= 0);
      this.tags.set(tag, p);
    }
    return p;
  }

  /** The code set for "column IN values"; values never seen give an empty set. */
  codesOf(col: AttrColumn, values: readonly string[]): Set<number> {
    const out = new Set<number>();
    for (const v of values) {
      const c = this.dicts[col].codes.get(v);
      if (c !== undefined) out.add(c);
    }
    return out;
  }

  attr(col: AttrColumn): Int32Array {
    return this.attrs[col];
  }

  position(rid: number): number | undefined {
    const p = rid < this.pos.length ? this.pos[rid]! : 0;
    return p === 0 ? undefined : p - 1;
  }

  /** Positions in the order of `by` ascending (ties by name, then rid — as the SQL ORDER BY). */
  order(by: SortKey): Int32Array {
    let o = this.orders.get(by);
    if (o) return o;
    const idx = Array.from({ length: this.n }, (_, i) => i);
    const names = this.names;
    const byName = (a: number, b: number) =>
      names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : this.rids[a]! - this.rids[b]!;
    let cmp: (a: number, b: number) => number = byName;
    if (by === 'updatedAt') cmp = (a, b) => this.updated[a]! - this.updated[b]! || byName(a, b);
    else if (by !== 'name') {
      const col: AttrColumn = (
        {
          type: 'type',
          environment: 'environment',
          status: 'status',
          criticality: 'criticality',
          ownerTeam: 'owner_team',
        } as const
      )[by];
      const codes = this.attrs[col];
      const rank = this.dicts[col].rank;
      cmp = (a, b) => rank[codes[a]!]! - rank[codes[b]!]! || byName(a, b);
    }
    o = Int32Array.from(idx.sort(cmp));
    this.orders.set(by, o);
    return o;
  }
}
