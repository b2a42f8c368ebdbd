import type { Db } from '../store/migration';
import type { ImportResult } from '../../shared/api/cmdb';
import { OpsError } from '../../shared/api/errors';
import type { ImportPlan } from './import-plan';
import type { ImportMode } from './import-types';
import type { CiStore } from './store/ci-store';
import type { FieldDefs } from './store/fields';
import type { HistoryStore, WriteContext } from './store/history';

export interface WriterDeps {
  db: Db;
  cis: CiStore;
  fields: FieldDefs;
  history: HistoryStore;
  insertRelation: (id: string, type: string, from: string, to: string, time: number) => void;
  newId: () => string;
  now: number;
}

export interface WriteHooks {
  /** called every `every` rows inside the transaction; throwing rolls everything back */
  onChunk(done: number): void;
  every: number;
}

/**
 * Writes a plan in ONE transaction: either every planned change lands or none
 * does (a throw from onChunk — a cancel — rolls it all back). Foreign keys are
 * deferred to the commit so records can name jump hosts that come later in
 * the file. Rows whose CI changed since the plan was made are refused (or
 * skipped) rather than overwritten.
 */
export function writePlan(
  plan: ImportPlan,
  mode: ImportMode,
  ctx: WriteContext,
  deps: WriterDeps,
  hooks: WriteHooks,
): Omit<ImportResult, 'keysImported'> {
  const { db, cis, history, now } = deps;
  const errors = [...plan.errors];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  // Parse errors never became rows; each listed problem is one row left out.
  let skipped = plan.errors.length;
  const refused = new Set<string>();
  const tx = db.transaction(() => {
    db.pragma('defer_foreign_keys = ON');
    deps.fields.createInferred(plan.pendingFields);
    let done = 0;
    for (const row of plan.rows) {
      if (++done % hooks.every === 0) hooks.onChunk(done);
      const ci = row.ci;
      if (!ci || row.action === 'error') continue;
      if (row.action === 'unchanged') {
        unchanged++;
        continue;
      }
      const stale =
        row.action === 'update' ? cis.version(ci.id) !== row.before!.version : cis.hasTypeName(ci.type, ci.name);
      if (stale) {
        const message = `${ci.name} was changed by someone else while the import was being prepared`;
        if (mode === 'all-or-nothing') {
          throw new OpsError('conflict', `${message}; nothing was written. Run the import again.`, { line: row.line });
        }
        errors.push({ line: row.line, message, name: ci.name });
        refused.add(ci.id);
        skipped++;
        continue;
      }
      const after = JSON.stringify(ci);
      if (row.action === 'create') {
        cis.insert(ci);
        history.record(ctx, 'create', ci, null, after, now);
        created++;
      } else {
        cis.update(ci, row.before);
        history.record(ctx, 'update', ci, row.before, after, now);
        updated++;
      }
    }
    let relations = 0;
    for (const r of plan.relations) {
      if (refused.has(r.fromId) || refused.has(r.toId)) continue;
      deps.insertRelation(deps.newId(), r.type, r.fromId, r.toId, now);
      relations++;
    }
    return relations;
  });
  try {
    const relations = tx();
    errors.sort((a, b) => a.line - b.line);
    return { created, updated, unchanged, skipped, relations, errors };
  } catch (e) {
    deps.fields.invalidate();
    throw e;
  }
}
