import { randomUUID } from 'node:crypto';
import { OpsError } from '../../../shared/api/errors';
import type { Snippet } from '../../../shared/api/ssh';
import type { Clock } from '../../clock';
import type { Db } from '../../store/migration';

interface SnippetRow {
  id: string;
  name: string;
  template: string;
  params: string;
  updated_at: number;
}

const toSnippet = (r: SnippetRow): Snippet => ({
  id: r.id,
  name: r.name,
  template: r.template,
  params: JSON.parse(r.params) as Snippet['params'],
  updatedAt: r.updated_at,
});

export interface SnippetInput {
  name: string;
  template: string;
  params: Snippet['params'];
}

/** Saved command templates, unique by name: saving a name that exists replaces its template and keeps its id. */
export class SnippetStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  list(): Snippet[] {
    return this.db
      .prepare<[], SnippetRow>('SELECT * FROM ssh_snippets ORDER BY name COLLATE NOCASE, name')
      .all()
      .map(toSnippet);
  }

  get(id: string): Snippet {
    const r = this.db.prepare<[string], SnippetRow>('SELECT * FROM ssh_snippets WHERE id = ?').get(id);
    if (!r) throw new OpsError('not_found', `There is no snippet "${id}"; it may have been deleted.`, { id });
    return toSnippet(r);
  }

  save(input: SnippetInput): Snippet {
    const names = new Set<string>();
    for (const p of input.params) {
      if (names.has(p.name)) {
        throw new OpsError('bad_input', `The snippet declares the parameter "${p.name}" twice; keep one.`, {
          param: p.name,
        });
      }
      if (p.name === 'ci') {
        throw new OpsError('bad_input', 'A parameter cannot be called "ci": {{ci.…}} names the host’s own fields.');
      }
      names.add(p.name);
    }
    const now = this.clock.now();
    const existing = this.db
      .prepare<[string], string>('SELECT id FROM ssh_snippets WHERE name = ?')
      .pluck()
      .get(input.name);
    const id = existing ?? randomUUID();
    this.db
      .prepare(
        `INSERT INTO ssh_snippets (id, name, template, params, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET template = excluded.template, params = excluded.params,
           updated_at = excluded.updated_at`,
      )
      .run(id, input.name, input.template, JSON.stringify(input.params), now);
    return this.get(id);
  }

  delete(id: string): string {
    const n = this.db.prepare('DELETE FROM ssh_snippets WHERE id = ?').run(id).changes;
    if (!n) throw new OpsError('not_found', `There is no snippet "${id}"; it may have been deleted already.`, { id });
    return id;
  }
}
