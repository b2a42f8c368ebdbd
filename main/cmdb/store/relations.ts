import type { Relation, RelationType } from '../../../shared/api/cmdb-model';
import type { Db } from '../../store/migration';

interface RelRow {
  id: string;
  type: string;
  created_at: number;
  from_id: string;
  from_name: string;
  from_type: string;
  to_id: string;
  to_name: string;
  to_type: string;
}

const relSelect = `SELECT r.id, r.type, r.created_at,
    f.id AS from_id, f.name AS from_name, f.type AS from_type,
    t.id AS to_id, t.name AS to_name, t.type AS to_type
  FROM cmdb_relations r JOIN cmdb_cis f ON f.id = r.from_id JOIN cmdb_cis t ON t.id = r.to_id`;

const toRelation = (r: RelRow): Relation => ({
  id: r.id,
  type: r.type,
  from: { id: r.from_id, name: r.from_name, type: r.from_type },
  to: { id: r.to_id, name: r.to_name, type: r.to_type },
  createdAt: r.created_at,
});

/** Typed, directed relationships; both ends are read through the from/to indexes. */
export class RelationStore {
  private readonly insert;
  private readonly byId;
  private readonly outgoing;
  private readonly incoming;
  private readonly del;
  private readonly types;
  private readonly existing;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO cmdb_relations (id, type, from_id, to_id, from_rid, to_rid, created_at)
       SELECT ?, ?, f.id, t.id, f.rid, t.rid, ? FROM cmdb_cis f, cmdb_cis t WHERE f.id = ? AND t.id = ?
       ON CONFLICT(type, from_id, to_id) DO NOTHING`,
    );
    this.byId = db.prepare<[string], RelRow>(`${relSelect} WHERE r.id = ?`);
    this.outgoing = db.prepare<[string], RelRow>(`${relSelect} WHERE r.from_id = ? ORDER BY r.type, t.name`);
    this.incoming = db.prepare<[string], RelRow>(`${relSelect} WHERE r.to_id = ? ORDER BY r.type, f.name`);
    this.del = db.prepare('DELETE FROM cmdb_relations WHERE id = ?');
    this.types = db.prepare<
      [],
      { name: string; inverse_label: string; impact: RelationType['impact']; builtin: number }
    >('SELECT name, inverse_label, impact, builtin FROM cmdb_relation_types ORDER BY builtin DESC, name');
    this.existing = db.prepare<[string, string, string], RelRow>(
      `${relSelect} WHERE r.type = ? AND r.from_id = ? AND r.to_id = ?`,
    );
  }

  /** Relates two existing CIs (false when that relation exists already). */
  add(id: string, type: string, fromId: string, toId: string, time: number): boolean {
    return this.insert.run(id, type, time, fromId, toId).changes > 0;
  }

  listTypes(): RelationType[] {
    return this.types
      .all()
      .map((t) => ({ name: t.name, inverseLabel: t.inverse_label, impact: t.impact, builtin: t.builtin === 1 }));
  }

  get(id: string): Relation | null {
    const r = this.byId.get(id);
    return r ? toRelation(r) : null;
  }

  find(type: string, from: string, to: string): Relation | null {
    const r = this.existing.get(type, from, to);
    return r ? toRelation(r) : null;
  }

  ofCi(id: string): { outgoing: Relation[]; incoming: Relation[] } {
    return { outgoing: this.outgoing.all(id).map(toRelation), incoming: this.incoming.all(id).map(toRelation) };
  }

  remove(id: string): void {
    this.del.run(id);
  }

  /** Every relation touching any of these CIs (for history before a cascading delete). */
  touching(ids: readonly string[]): Relation[] {
    const out: Relation[] = [];
    const chunk = 400;
    for (let i = 0; i < ids.length; i += chunk) {
      const part = ids.slice(i, i + chunk);
      const marks = part.map(() => '?').join(', ');
      const rows = this.db
        .prepare<unknown[], RelRow>(
          `${relSelect} WHERE r.from_id IN (${marks}) UNION ${relSelect} WHERE r.to_id IN (${marks})`,
        )
        .all(...part, ...part);
      out.push(...rows.map(toRelation));
    }
    const seen = new Set<string>();
    return out.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
  }

  /** For exports: every relation among the given CIs, as ids. */
  among(ids: ReadonlySet<string> | null): { type: string; fromId: string; toId: string }[] {
    const rows = this.db
      .prepare<[], { type: string; from_id: string; to_id: string }>(
        'SELECT type, from_id, to_id FROM cmdb_relations ORDER BY rid',
      )
      .all();
    return rows
      .filter((r) => !ids || (ids.has(r.from_id) && ids.has(r.to_id)))
      .map((r) => ({ type: r.type, fromId: r.from_id, toId: r.to_id }));
  }
}
