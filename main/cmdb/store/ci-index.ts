import type { Ci, FieldValue } from '../../../shared/api/cmdb-model';
import type { Db } from '../../store/migration';

/** What the FTS row holds for a CI: name, description, tags, field values, address. */
function ftsValues(c: Ci): [string, string, string, string, string | null] {
  return [
    c.name,
    c.description,
    c.tags.join(' '),
    Object.values(c.fields).map(String).join(' '),
    c.connection?.address ?? null,
  ];
}

function fieldColumns(v: FieldValue): [string | null, number | null] {
  if (typeof v === 'number') return [String(v), v];
  if (typeof v === 'boolean') return [String(v), v ? 1 : 0];
  return [v, null];
}

/**
 * Keeps the search side tables (tags, fields, FTS) in step with cmdb_cis.
 * Called by CiStore in the same transaction as the row write; see schema.ts
 * for why this is not done with triggers.
 */
export class CiIndex {
  private readonly insTag;
  private readonly delTags;
  private readonly insField;
  private readonly delFields;
  private readonly insFts;
  private readonly delFts;

  constructor(db: Db) {
    this.insTag = db.prepare('INSERT OR IGNORE INTO cmdb_ci_tags (ci_rid, tag) VALUES (?, ?)');
    this.delTags = db.prepare('DELETE FROM cmdb_ci_tags WHERE ci_rid = ?');
    this.insField = db.prepare('INSERT INTO cmdb_ci_fields (ci_rid, key, text_value, num_value) VALUES (?, ?, ?, ?)');
    this.delFields = db.prepare('DELETE FROM cmdb_ci_fields WHERE ci_rid = ?');
    this.insFts = db.prepare(
      'INSERT INTO cmdb_ci_fts (rowid, name, description, tags, fields, address) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.delFts = db.prepare('DELETE FROM cmdb_ci_fts WHERE rowid = ?');
  }

  add(rid: number, c: Ci): void {
    for (const t of c.tags) this.insTag.run(rid, t);
    for (const [k, v] of Object.entries(c.fields)) {
      if (v !== null) this.insField.run(rid, k, ...fieldColumns(v));
    }
    this.insFts.run(rid, ...ftsValues(c));
  }

  /** Rewrites only the side tables whose source changed. */
  replace(rid: number, before: Ci | null, after: Ci): void {
    if (!before || before.tags.join('\u0000') !== after.tags.join('\u0000')) {
      this.delTags.run(rid);
      for (const t of after.tags) this.insTag.run(rid, t);
    }
    if (!before || JSON.stringify(before.fields) !== JSON.stringify(after.fields)) {
      this.delFields.run(rid);
      for (const [k, v] of Object.entries(after.fields)) {
        if (v !== null) this.insField.run(rid, k, ...fieldColumns(v));
      }
    }
    const next = ftsValues(after);
    if (!before || ftsValues(before).some((v, i) => v !== next[i])) {
      this.delFts.run(rid);
      this.insFts.run(rid, ...next);
    }
  }
}
