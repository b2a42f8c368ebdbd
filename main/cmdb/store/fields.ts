import { fieldDef, type FieldDef, type FieldValue } from '../../../shared/api/cmdb-model';
import { OpsError } from '../../../shared/api/errors';
import type { Db } from '../../store/migration';

interface DefRow {
  key: string;
  label: string;
  type: FieldDef['type'];
  options: string;
  applies_to: string;
}

const keyPattern = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(s: string): boolean {
  const m = isoDate.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function validUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Custom field definitions, and validation of values against them.
 *
 * A value whose key has no definition is accepted and the definition is
 * created on the spot with the type inferred from the value (number, boolean,
 * otherwise text): imports bring arbitrary host vars, and refusing them would
 * make every inventory fail, while a definition makes the field show up in the
 * column chooser and filters. Later values of that key are then checked
 * against the inferred type.
 */
export class FieldDefs {
  private cache: Map<string, FieldDef> | null = null;
  private readonly selectAll;
  private readonly upsert;

  constructor(
    private readonly db: Db,
    private readonly ciExists: (id: string) => boolean,
  ) {
    this.selectAll = db.prepare<[], DefRow>(
      'SELECT key, label, type, options, applies_to FROM cmdb_field_defs ORDER BY key',
    );
    this.upsert = db.prepare(
      `INSERT INTO cmdb_field_defs (key, label, type, options, applies_to) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET label = excluded.label, type = excluded.type, options = excluded.options, applies_to = excluded.applies_to`,
    );
  }

  list(): FieldDef[] {
    return [...this.map().values()];
  }

  get(key: string): FieldDef | undefined {
    return this.map().get(key);
  }

  define(def: FieldDef): FieldDef {
    const parsed = fieldDef.parse(def);
    if (parsed.type === 'select' && parsed.options.length === 0) {
      throw new OpsError('bad_input', `The select field "${parsed.key}" needs at least one option.`, {
        key: parsed.key,
      });
    }
    this.upsert.run(
      parsed.key,
      parsed.label,
      parsed.type,
      JSON.stringify(parsed.options),
      JSON.stringify(parsed.appliesTo),
    );
    this.invalidate();
    return parsed;
  }

  /** Drops the cache: after a rollback the cached auto-created definitions may no longer exist. */
  invalidate(): void {
    this.cache = null;
  }

  /**
   * Checks `fields` for a CI of `type`; returns the cleaned record (null values
   * removed — null means "unset") or throws bad_input naming the field.
   * `pending` collects definitions to auto-create; the caller writes them
   * with `createInferred` inside its transaction.
   */
  check(type: string, fields: Record<string, FieldValue>, pending?: Map<string, FieldDef>): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = {};
    // Sorted keys: the stored JSON is canonical, so "unchanged" on re-import is a string comparison.
    for (const key of Object.keys(fields).sort()) {
      const value = fields[key]!;
      if (value === null) continue;
      const problem = this.problem(type, key, value, pending);
      if (problem) throw new OpsError('bad_input', problem, { field: key });
      out[key] = value;
    }
    return out;
  }

  /** The reason a value is refused, or null when it is fine. */
  problem(type: string, key: string, value: FieldValue, pending?: Map<string, FieldDef>): string | null {
    if (value === null) return null;
    const def = this.get(key) ?? pending?.get(key);
    if (!def) {
      if (!keyPattern.test(key))
        return `The field key "${key}" is not valid: use letters, digits, _ . - (at most 64, starting with a letter or _).`;
      const inferred: FieldDef['type'] =
        typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';
      pending?.set(key, { key, label: key, type: inferred, options: [], appliesTo: [] });
      return null;
    }
    if (def.appliesTo.length > 0 && !def.appliesTo.includes(type)) {
      return `The field "${key}" applies to ${def.appliesTo.join(', ')}, not to a ${type}.`;
    }
    switch (def.type) {
      case 'text':
        return typeof value === 'string' ? null : `The field "${key}" takes text, not ${JSON.stringify(value)}.`;
      case 'number':
        return typeof value === 'number' && Number.isFinite(value)
          ? null
          : `The field "${key}" takes a number, not ${JSON.stringify(value)}.`;
      case 'boolean':
        return typeof value === 'boolean'
          ? null
          : `The field "${key}" takes true or false, not ${JSON.stringify(value)}.`;
      case 'date':
        return typeof value === 'string' && validDate(value)
          ? null
          : `The field "${key}" takes a date as YYYY-MM-DD, not ${JSON.stringify(value)}.`;
      case 'select':
        return typeof value === 'string' && def.options.includes(value)
          ? null
          : `The field "${key}" takes one of ${def.options.join(', ')}, not ${JSON.stringify(value)}.`;
      case 'url':
        return typeof value === 'string' && validUrl(value)
          ? null
          : `The field "${key}" takes an http(s) URL, not ${JSON.stringify(value)}.`;
      case 'ci-ref':
        return typeof value === 'string' && this.ciExists(value)
          ? null
          : `The field "${key}" must name an existing CI by id; ${JSON.stringify(value)} is not one.`;
    }
  }

  createInferred(pending: Map<string, FieldDef>): void {
    for (const def of pending.values()) {
      if (this.get(def.key)) continue;
      this.upsert.run(def.key, def.label, def.type, '[]', '[]');
    }
    if (pending.size) this.invalidate();
  }

  private map(): Map<string, FieldDef> {
    if (!this.cache) {
      this.cache = new Map(
        this.selectAll.all().map((r) => [
          r.key,
          {
            key: r.key,
            label: r.label,
            type: r.type,
            options: JSON.parse(r.options) as string[],
            appliesTo: JSON.parse(r.applies_to) as string[],
          },
        ]),
      );
    }
    return this.cache;
  }
}
