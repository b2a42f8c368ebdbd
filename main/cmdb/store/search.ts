import { ciQuery, type CiQuery, type ciSortKeys } from '../../../shared/api/cmdb-model';
import { OpsError } from '../../../shared/api/errors';
import type { Db } from '../../store/migration';

export type SortKey = (typeof ciSortKeys)[number];

const sortColumn: Record<SortKey, string> = {
  name: 'c.name',
  type: 'c.type',
  environment: 'c.environment',
  status: 'c.status',
  criticality: 'c.criticality',
  updatedAt: 'c.updated_at',
  ownerTeam: 'c.owner_team',
};

/**
 * Turns free text into an FTS5 expression that cannot be a syntax error:
 * each word is cut into the runs of non-space, non-punctuation characters
 * (what the unicode61 tokenizer keeps as token characters), and the runs become one quoted phrase with a prefix
 * star ("web-0" → "web 0"*). Operators, quotes, parentheses and stars in the
 * input are separators, so `AND`, `NEAR(` or `"` are searched as words or
 * dropped, never interpreted. Words are ANDed (FTS5's implicit operator).
 */
export function ftsExpression(text: string): string | null {
  const phrases: string[] = [];
  for (const word of text.split(/\s+/)) {
    const runs = word.match(/[^\s\p{P}\p{Z}\p{C}]+/gu);
    if (!runs) continue;
    phrases.push(`"${runs.join(' ').replace(/"/g, '""')}"*`);
  }
  return phrases.length ? phrases.join(' ') : null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

export interface BuiltQuery {
  where: string;
  params: unknown[];
  /** FTS is joined rather than filtered with IN when it is the only way in */
  fts: string | null;
}

/** WHERE clause over `cmdb_cis c` for a query; every value is a bound parameter. */
export function buildWhere(raw: CiQuery): BuiltQuery {
  const q = ciQuery.parse(raw);
  const where: string[] = [];
  const params: unknown[] = [];
  const inList = (col: string, values: readonly string[]) => {
    if (!values.length) return;
    where.push(`${col} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  const fts = ftsExpression(q.text);
  if (fts) {
    where.push('c.rid IN (SELECT rowid FROM cmdb_ci_fts WHERE cmdb_ci_fts MATCH ?)');
    params.push(fts);
  }
  inList('c.type', q.types);
  inList('c.environment', q.environments);
  inList('c.status', q.statuses);
  inList('c.criticality', q.criticalities);
  if (q.ownerTeam !== undefined) {
    where.push('c.owner_team = ?');
    params.push(q.ownerTeam);
  }
  if (q.ownerPerson !== undefined) {
    where.push('c.owner_person = ?');
    params.push(q.ownerPerson);
  }
  // Uncorrelated IN (…) rather than EXISTS: SQLite builds each set once from the
  // (tag, ci_rid) / (key, value, ci_rid) indexes instead of probing per CI.
  for (const t of new Set(q.tags)) {
    where.push('c.rid IN (SELECT ci_rid FROM cmdb_ci_tags WHERE tag = ?)');
    params.push(t);
  }
  for (const f of q.fields) {
    const c = fieldCondition(f);
    where.push(`c.rid ${c.negate ? 'NOT IN' : 'IN'} (${c.sql})`);
    params.push(...c.params);
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params, fts };
}

type FieldFilter = ReturnType<typeof ciQuery.parse>['fields'][number];

/**
 * The rids a field filter selects, as SQL over cmdb_ci_fields (served by its
 * (key, value, ci_rid) indexes). `neq` is "missing or different": the CIs NOT
 * in the set of those equal to the value.
 */
export function fieldCondition(f: FieldFilter): { sql: string; params: unknown[]; negate: boolean } {
  const v = f.value;
  const sub = (cond: string) => `SELECT ci_rid FROM cmdb_ci_fields f WHERE f.key = ? AND ${cond}`;
  const needValue = () => {
    if (v === undefined || v === null) {
      throw new OpsError('bad_input', `The filter on field "${f.key}" (${f.op}) needs a value.`, { field: f.key });
    }
    return v;
  };
  switch (f.op) {
    case 'exists':
      return { sql: sub('1'), params: [f.key], negate: false };
    case 'eq':
    case 'neq': {
      const value = needValue();
      const sql = typeof value === 'number' ? sub('f.num_value = ?') : sub('f.text_value = ?');
      return { sql, params: [f.key, typeof value === 'boolean' ? String(value) : value], negate: f.op === 'neq' };
    }
    case 'contains':
      return {
        sql: sub("f.text_value LIKE ? ESCAPE '\\'"),
        params: [f.key, `%${escapeLike(String(needValue()))}%`],
        negate: false,
      };
    case 'gt':
    case 'lt': {
      const value = needValue();
      const op = f.op === 'gt' ? '>' : '<';
      const sql = typeof value === 'number' ? sub(`f.num_value ${op} ?`) : sub(`f.text_value ${op} ?`);
      return { sql, params: [f.key, typeof value === 'boolean' ? Number(value) : value], negate: false };
    }
  }
}

export function orderBy(by: SortKey, dir: 'asc' | 'desc'): string {
  const d = dir === 'desc' ? 'DESC' : 'ASC';
  // name then rid make the order total, so offset paging never repeats or skips a row.
  return by === 'name'
    ? `ORDER BY c.name ${d}, c.rid ${d}`
    : `ORDER BY ${sortColumn[by]} ${d}, c.name ${d}, c.rid ${d}`;
}

/** FTS5 reports malformed expressions as SqliteError; the builder above should make that impossible, but never let one out. */
export function guardFts<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Error && e.name === 'SqliteError' && /fts5|MATCH/i.test(e.message)) {
      throw new OpsError('bad_input', `The search text could not be understood: ${e.message}`);
    }
    throw e;
  }
}

export function countWhere(db: Db, built: BuiltQuery): number {
  return (db.prepare(`SELECT count(*) AS n FROM cmdb_cis c ${built.where}`).get(...built.params) as { n: number }).n;
}
