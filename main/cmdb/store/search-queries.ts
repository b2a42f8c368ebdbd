import type { CallOutput, ParsedInput } from '../../../shared/api';
import { ciQuery, type Ci, type CiQuery } from '../../../shared/api/cmdb-model';
import type { Db } from '../../store/migration';
import { ciColumns, rowToCi, type CiRow } from './rows';
import { buildWhere, fieldCondition, ftsExpression, guardFts, type SortKey } from './search';
import { SearchIndex, type AttrColumn } from './search-index';

type Facet = { value: string; count: number };

const prefixed = ciColumns
  .split(', ')
  .map((c) => `c.${c}`)
  .join(', ');

/** Search, facets and "every CI matching a query" (exports). */
export class SearchQueries {
  private index: SearchIndex | null = null;
  private builtAt = -1;
  private readonly ftsRids;

  constructor(private readonly db: Db) {
    this.ftsRids = db.prepare<[string], number>('SELECT rowid FROM cmdb_ci_fts WHERE cmdb_ci_fts MATCH ?').pluck();
  }

  invalidate(): void {
    this.index = null;
  }

  private current(): SearchIndex {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (!this.index || version !== this.builtAt) {
      this.index = new SearchIndex(this.db);
      this.builtAt = version;
    }
    return this.index;
  }

  run(input: ParsedInput<'cmdb.search'>): CallOutput<'cmdb.search'> {
    const t0 = performance.now();
    const q = ciQuery.parse(input.query);
    const idx = this.current();
    const n = idx.n;

    // Set conditions from SQLite (rid lists), intersected with a per-position counter.
    // Each list holds positions in the index (not rids).
    const lists: ArrayLike<number>[] = [];
    const excluded: ArrayLike<number>[] = [];
    const positions = (rids: number[]) => Int32Array.from(rids, (r) => idx.position(r) ?? -1);
    const fts = ftsExpression(q.text);
    if (fts) lists.push(positions(guardFts(() => this.ftsRids.all(fts))));
    for (const t of new Set(q.tags)) lists.push(idx.tagPositions(t));
    for (const f of q.fields) {
      const c = fieldCondition(f);
      const rids = positions(
        this.db
          .prepare<unknown[], number>(c.sql)
          .pluck()
          .all(...c.params),
      );
      (c.negate ? excluded : lists).push(rids);
    }
    let hits: Uint8Array | null = null;
    if (lists.length) {
      hits = new Uint8Array(n);
      lists.forEach((ps, k) => {
        for (let i = 0; i < ps.length; i++) {
          const p = ps[i]!;
          if (p >= 0 && hits![p] === k) hits![p] = k + 1;
        }
      });
    }
    const need = lists.length;
    let out: Uint8Array | null = null;
    if (excluded.length) {
      out = new Uint8Array(n);
      for (const ps of excluded) {
        for (let i = 0; i < ps.length; i++) if (ps[i]! >= 0) out[ps[i]!] = 1;
      }
    }
    // Attribute conditions from memory.
    const attrFilters: [Int32Array, Set<number>][] = [];
    const attr = (col: AttrColumn, values: readonly string[]) => {
      if (values.length) attrFilters.push([idx.attr(col), idx.codesOf(col, values)]);
    };
    attr('type', q.types);
    attr('environment', q.environments);
    attr('status', q.statuses);
    attr('criticality', q.criticalities);
    if (q.ownerTeam !== undefined) attr('owner_team', [q.ownerTeam]);
    if (q.ownerPerson !== undefined) attr('owner_person', [q.ownerPerson]);

    const order = idx.order(input.sort.by as SortKey);
    const desc = input.sort.dir === 'desc';
    const page: number[] = [];
    let total = 0;
    const end = input.offset + input.limit;
    for (let j = 0; j < n; j++) {
      const p = order[desc ? n - 1 - j : j]!;
      if (hits && hits[p] !== need) continue;
      if (out && out[p] === 1) continue;
      let ok = true;
      for (const [codes, allowed] of attrFilters) {
        if (!allowed.has(codes[p]!)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (total >= input.offset && total < end) page.push(idx.rids[p]!);
      total++;
    }
    return { items: this.load(page), total, tookMs: Math.round((performance.now() - t0) * 100) / 100 };
  }

  /** The rows for rids, in the given order. */
  private load(rids: number[]): Ci[] {
    if (!rids.length) return [];
    const byRid = new Map<number, Ci>();
    for (let i = 0; i < rids.length; i += 500) {
      const part = rids.slice(i, i + 500);
      const rows = this.db
        .prepare<number[], CiRow>(
          `SELECT ${prefixed} FROM cmdb_cis c WHERE c.rid IN (${part.map(() => '?').join(', ')})`,
        )
        .all(...part);
      for (const r of rows) byRid.set(r.rid, rowToCi(r));
    }
    return rids.map((r) => byRid.get(r)).filter((c): c is Ci => c !== undefined);
  }

  /** Every matching CI, in name order (no paging), straight from SQL; used by exports. */
  all(query: CiQuery | undefined): Ci[] {
    const built = buildWhere(query ?? {});
    return guardFts(() =>
      this.db
        .prepare<unknown[], CiRow>(`SELECT ${prefixed} FROM cmdb_cis c ${built.where} ORDER BY c.name, c.rid`)
        .all(...built.params)
        .map(rowToCi),
    );
  }

  facets(): CallOutput<'cmdb.facets'> {
    const group = (col: string): Facet[] =>
      this.db
        .prepare<[], Facet>(
          `SELECT ${col} AS value, count(*) AS count FROM cmdb_cis WHERE ${col} IS NOT NULL GROUP BY ${col} ORDER BY count DESC, value LIMIT 500`,
        )
        .all();
    return {
      types: group('type'),
      environments: group('environment'),
      teams: group('owner_team'),
      tags: this.db
        .prepare<[], Facet>(
          'SELECT tag AS value, count(*) AS count FROM cmdb_ci_tags GROUP BY tag ORDER BY count DESC, tag LIMIT 500',
        )
        .all(),
      total: (this.db.prepare('SELECT count(*) AS n FROM cmdb_cis').get() as { n: number }).n,
    };
  }
}
