import { ciName, criticalities, lifecycleStatuses, tag, type FieldValue } from '../../../shared/api/cmdb-model';
import type { ImportRecord } from './types';

const numeric = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?$/;

/**
 * Text from INI, CSV or ssh_config as a typed field value: true/false become
 * booleans and canonical decimals numbers. Only canonical forms are converted
 * ("007" stays text) so that exporting the value gives back the same text.
 */
export function typedValue(raw: string): FieldValue {
  if (raw === 'true' || raw === 'True') return true;
  if (raw === 'false' || raw === 'False') return false;
  if (numeric.test(raw) && raw !== '-0') {
    const n = Number(raw);
    if (Number.isFinite(n) && String(n) === raw) return n;
  }
  return raw;
}

/** A structured (YAML/JSON) value as a field value; nested data is kept as JSON text. */
export function fieldFromUnknown(v: unknown): FieldValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** A port from text or YAML: the number, or the sentence explaining why not. */
export function parsePort(v: unknown): { port: number } | { problem: string } {
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : null;
  if (text !== null && /^\d{1,5}$/.test(text)) {
    const port = Number(text);
    if (port >= 1 && port <= 65535) return { port };
  }
  return { problem: `port ${JSON.stringify(String(v))} is not a number between 1 and 65535` };
}

const typeSlug = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * What the CMDB would refuse about a record, found here so the preview can point
 * at the line instead of failing the whole run later. Null when acceptable.
 */
export function recordProblem(r: ImportRecord): string | null {
  const name = ciName.safeParse(r.name);
  if (!name.success) return name.error.issues[0]?.message ?? 'invalid name';
  if (!typeSlug.test(r.type))
    return `type "${r.type}": use lowercase letters, digits and dashes, starting with a letter`;
  if (r.status !== undefined && !(lifecycleStatuses as readonly string[]).includes(r.status))
    return `status "${r.status}" is not one of ${lifecycleStatuses.join(', ')}`;
  if (r.criticality != null && !(criticalities as readonly string[]).includes(r.criticality))
    return `criticality "${r.criticality}" is not one of ${criticalities.join(', ')}`;
  for (const t of r.tags ?? []) {
    if (!tag.safeParse(t).success)
      return `tag "${t}" is not valid (tags have no spaces or commas, at most 100 characters)`;
  }
  if ((r.tags?.length ?? 0) > 100) return 'at most 100 tags per CI';
  for (const [k, v] of Object.entries(r.fields ?? {})) {
    if (typeof v === 'string' && v.length > 10_000) return `field "${k}" is longer than 10,000 characters`;
  }
  const c = r.connection;
  if (c?.address && c.address.length > 255) return 'the address is longer than 255 characters';
  if (c?.user && c.user.length > 64) return 'the user name is longer than 64 characters';
  return null;
}

/** Sets a key even when it is "__proto__", which plain assignment would turn into a prototype change. */
export function setField(fields: Record<string, FieldValue>, key: string, value: FieldValue): void {
  Object.defineProperty(fields, key, { value, enumerable: true, writable: true, configurable: true });
}
