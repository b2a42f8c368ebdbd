import { randomUUID } from 'node:crypto';
import { ciQuery, type CiQuery } from '../../../shared/api/cmdb-model';
import type { SavedView } from '../../../shared/api/cmdb';
import { OpsError } from '../../../shared/api/errors';
import type { Db } from '../../store/migration';

interface ViewRow {
  id: string;
  name: string;
  query: string;
  columns: string;
  sort: string;
  created_at: number;
}

const toView = (r: ViewRow): SavedView => ({
  id: r.id,
  name: r.name,
  query: ciQuery.parse(JSON.parse(r.query)),
  columns: JSON.parse(r.columns) as string[],
  sort: JSON.parse(r.sort) as SavedView['sort'],
  createdAt: r.created_at,
});

/** Named inventory views; saving under an existing name overwrites it (keeping its id). */
export class ViewStore {
  constructor(private readonly db: Db) {}

  list(): SavedView[] {
    return this.db.prepare<[], ViewRow>('SELECT * FROM cmdb_saved_views ORDER BY name').all().map(toView);
  }

  save(v: { name: string; query: CiQuery; columns: string[]; sort: SavedView['sort'] }, now: number): SavedView {
    const existing = this.db.prepare<[string], ViewRow>('SELECT * FROM cmdb_saved_views WHERE name = ?').get(v.name);
    const id = existing?.id ?? randomUUID();
    const query = ciQuery.parse(v.query);
    this.db
      .prepare(
        `INSERT INTO cmdb_saved_views (id, name, query, columns, sort, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET query = excluded.query, columns = excluded.columns, sort = excluded.sort`,
      )
      .run(
        id,
        v.name,
        JSON.stringify(query),
        JSON.stringify(v.columns),
        JSON.stringify(v.sort),
        existing?.created_at ?? now,
      );
    return toView(this.db.prepare<[string], ViewRow>('SELECT * FROM cmdb_saved_views WHERE id = ?').get(id)!);
  }

  delete(id: string): void {
    const r = this.db.prepare('DELETE FROM cmdb_saved_views WHERE id = ?').run(id);
    if (r.changes === 0)
      throw new OpsError('not_found', `There is no saved view "${id}"; it may have been deleted already.`, { id });
  }
}
