import type BetterSqlite3 from 'better-sqlite3';
import type { Ci } from '../../../shared/api/cmdb-model';
import type { Db } from '../../store/migration';
import { CiIndex } from './ci-index';
import {
  ciColumns,
  ciToParams,
  insertCiSql,
  rowToCi,
  updateCiSql,
  updateParams,
  writableColumns,
  type CiRow,
} from './rows';

/** Plain reads and writes of cmdb_cis rows; rules live in the service. */
export class CiStore {
  readonly insertStmt;
  readonly updateStmt;
  private readonly byId;
  private readonly byName;
  private readonly byTypeName;
  private readonly exists;
  private readonly existsTypeName;
  private readonly versionOf;
  private readonly jumpOf;
  private readonly del;
  private readonly index: CiIndex;

  constructor(private readonly db: Db) {
    this.index = new CiIndex(db);
    this.insertStmt = db.prepare(insertCiSql);
    this.updateStmt = db.prepare(updateCiSql + ' RETURNING rid').pluck();
    this.byId = db.prepare<[string], CiRow>(`SELECT ${ciColumns} FROM cmdb_cis WHERE id = ?`);
    this.byName = db.prepare<[string], CiRow>(
      `SELECT ${ciColumns} FROM cmdb_cis WHERE name = ? ORDER BY type LIMIT 10`,
    );
    this.byTypeName = db.prepare<[string, string], CiRow>(
      `SELECT ${ciColumns} FROM cmdb_cis WHERE type = ? AND name = ?`,
    );
    this.existsTypeName = db
      .prepare<[string, string], number>('SELECT 1 FROM cmdb_cis WHERE type = ? AND name = ?')
      .pluck();
    this.versionOf = db.prepare<[string], number>('SELECT version FROM cmdb_cis WHERE id = ?').pluck();
    this.exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM cmdb_cis WHERE id = ?').pluck();
    this.jumpOf = db.prepare<[string], string | null>('SELECT jump_host_id FROM cmdb_cis WHERE id = ?').pluck();
    this.del = db.prepare('DELETE FROM cmdb_cis WHERE id = ?');
  }

  get(id: string): Ci | null {
    const r = this.byId.get(id);
    return r ? rowToCi(r) : null;
  }

  /** Names are unique per type only, so a bare name may match several CIs. */
  findByName(name: string): Ci[] {
    return this.byName.all(name).map(rowToCi);
  }

  findByTypeName(type: string, name: string): Ci | null {
    const r = this.byTypeName.get(type, name);
    return r ? rowToCi(r) : null;
  }

  /** Cheap checks for an import's last look before writing (index only, no row decoding). */
  hasTypeName(type: string, name: string): boolean {
    return this.existsTypeName.get(type, name) !== undefined;
  }

  version(id: string): number | null {
    return (this.versionOf.get(id) as number | undefined) ?? null;
  }

  has(id: string): boolean {
    return this.exists.get(id) !== undefined;
  }

  jumpHostOf(id: string): string | null {
    return (this.jumpOf.get(id) as string | null | undefined) ?? null;
  }

  /** Writes the row and its search side rows; call inside a transaction. */
  insert(c: Ci): void {
    const rid = Number(this.insertStmt.run(...ciToParams(c)).lastInsertRowid);
    this.index.add(rid, c);
  }

  /** `before` (the stored state) lets unchanged side rows be left alone. */
  update(c: Ci, before: Ci | null = null): void {
    let rid: number | undefined;
    if (before) {
      // SET only what changed: every column in SET costs its index updates, and
      // jump_host_id its foreign-key checks (~25 µs a row), even when unchanged.
      const next = ciToParams(c);
      const prev = ciToParams(before);
      const changed = writableColumns.filter((_, i) => next[i + 1] !== prev[i + 1]);
      const values = writableColumns.map((_, i) => next[i + 1]).filter((_, i) => next[i + 1] !== prev[i + 1]);
      rid = this.partialUpdate(changed).get(...values, c.id) as number | undefined;
    } else {
      rid = this.updateStmt.get(...updateParams(c)) as number | undefined;
    }
    if (rid === undefined) return;
    this.index.replace(rid, before, c);
  }

  private readonly partials = new Map<string, BetterSqlite3.Statement>();

  private partialUpdate(columns: readonly string[]): BetterSqlite3.Statement {
    const key = columns.join(',');
    let st = this.partials.get(key);
    if (!st) {
      const set = columns.length ? columns.map((col) => `${col} = ?`).join(', ') : 'version = version';
      st = this.db.prepare(`UPDATE cmdb_cis SET ${set} WHERE id = ? RETURNING rid`).pluck();
      this.partials.set(key, st);
    }
    return st;
  }

  delete(id: string): boolean {
    return this.del.run(id).changes > 0;
  }

  /** Every (type, name) → id, keyed `type\u0000name`. */
  idsByTypeName(): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.db
      .prepare<[], { id: string; type: string; name: string }>('SELECT id, type, name FROM cmdb_cis')
      .iterate()) {
      out.set(`${r.type}\u0000${r.name}`, r.id);
    }
    return out;
  }

  all(): Ci[] {
    return this.db.prepare<[], CiRow>(`SELECT ${ciColumns} FROM cmdb_cis ORDER BY rid`).all().map(rowToCi);
  }
}
