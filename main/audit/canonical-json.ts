import { OpsError } from '../../shared/api/errors';

/**
 * One exact text for one JSON value, so that a hash over it can be recomputed
 * years later from the parsed value alone: object keys sorted (by UTF-16 code
 * unit, like Array.prototype.sort), no whitespace, arrays in order, strings and
 * numbers written as JSON.stringify writes them.
 *
 * Values JSON cannot hold are refused rather than silently changed (NaN and
 * Infinity would become null, a Map would become {}), because a silent change
 * would make the stored record differ from what the caller meant to record.
 * The one normalisation is JSON's own: an `undefined` object property is
 * dropped, and an object's `toJSON()` (e.g. a Date) is honoured.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

function refuse(path: string, what: string): never {
  throw new OpsError(
    'bad_input',
    `Cannot record ${what} at ${path} in the audit log: only plain JSON values can be recorded.`,
    {
      path,
    },
  );
}

function write(value: unknown, path: string, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) refuse(path, String(value));
      return JSON.stringify(value);
    case 'undefined':
      return refuse(path, 'undefined');
    case 'bigint':
      return refuse(path, 'a bigint');
    case 'function':
      return refuse(path, 'a function');
    case 'symbol':
      return refuse(path, 'a symbol');
  }
  const obj = value as object;
  if (typeof (obj as { toJSON?: unknown }).toJSON === 'function') {
    return write((obj as { toJSON: () => unknown }).toJSON(), path, seen);
  }
  if (seen.has(obj)) refuse(path, 'a circular reference');
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      return `[${obj.map((v, i) => write(v, `${path}[${i}]`, seen)).join(',')}]`;
    }
    const proto = Object.getPrototypeOf(obj) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      refuse(path, `a ${(obj.constructor as { name?: string } | undefined)?.name ?? 'non-plain'} object`);
    }
    const rec = obj as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(rec).sort()) {
      if (rec[key] === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${write(rec[key], `${path}.${key}`, seen)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(obj);
  }
}
