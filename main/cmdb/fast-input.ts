import { criticalities, lifecycleStatuses } from '../../shared/api/cmdb-model';
import type { ParsedCiInput } from './ci-rules';

const slugRe = /^[a-z][a-z0-9-]{0,39}$/;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const controlRe = /[\u0000-\u001f\u007f]/;
const tagBad = /[\s,]/;
const statuses: ReadonlySet<string> = new Set(lifecycleStatuses);
const crits: ReadonlySet<string> = new Set(criticalities);
const inputKeys = new Set([
  'type',
  'name',
  'description',
  'ownerTeam',
  'ownerPerson',
  'environment',
  'status',
  'criticality',
  'tags',
  'fields',
  'connection',
]);
const connKeys = new Set(['address', 'port', 'user', 'credentialId', 'jumpHostId']);

const trimmed = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max && v === v.trim();
const optText = (v: unknown, max: number) => v === undefined || v === null || trimmed(v, max);

/**
 * ciInput.parse for input that is already clean (trimmed, lower-case
 * environment, valid enums…): returns the parsed value, or null when anything
 * would need zod — a transform, a default it cannot fill trivially, or an
 * error to describe. An import of 100k rows spends most rows here; whenever
 * this returns a value it equals what ciInput.parse returns (a property test
 * holds the two together).
 */
export function cleanCiInput(o: Record<string, unknown>): ParsedCiInput | null {
  for (const k in o) if (!inputKeys.has(k)) return null;
  const {
    type,
    name,
    description = '',
    ownerTeam = null,
    ownerPerson = null,
    environment = null,
    status = 'active',
    criticality = null,
    tags = [],
    fields = {},
    connection = null,
  } = o;
  if (typeof type !== 'string' || !slugRe.test(type)) return null;
  if (!trimmed(name, 255) || name.length === 0 || controlRe.test(name)) return null;
  if (typeof description !== 'string' || description.length > 10_000) return null;
  if (!optText(ownerTeam, 100) || !optText(ownerPerson, 100)) return null;
  if (!optText(environment, 50) || (typeof environment === 'string' && environment !== environment.toLowerCase()))
    return null;
  if (typeof status !== 'string' || !statuses.has(status)) return null;
  if (criticality !== null && (typeof criticality !== 'string' || !crits.has(criticality))) return null;
  if (!Array.isArray(tags) || tags.length > 100) return null;
  for (const t of tags) if (!trimmed(t, 100) || t.length === 0 || tagBad.test(t)) return null;
  if (
    typeof fields !== 'object' ||
    fields === null ||
    Array.isArray(fields) ||
    Object.getPrototypeOf(fields) !== Object.prototype
  )
    return null;
  for (const v of Object.values(fields)) {
    if (v === null || typeof v === 'boolean') continue;
    if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string' || v.length > 10_000) return null;
  }
  if (connection !== null) {
    if (typeof connection !== 'object' || Array.isArray(connection)) return null;
    const c = connection as Record<string, unknown>;
    for (const k in c) if (!connKeys.has(k)) return null;
    if (!optText(c.address, 255) || !optText(c.user, 64)) return null;
    if (
      c.port !== undefined &&
      c.port !== null &&
      !(Number.isInteger(c.port) && (c.port as number) >= 1 && (c.port as number) <= 65535)
    )
      return null;
    for (const k of ['credentialId', 'jumpHostId'] as const)
      if (c[k] !== undefined && c[k] !== null && typeof c[k] !== 'string') return null;
  }
  return {
    type,
    name,
    description,
    ownerTeam: ownerTeam as string | null,
    ownerPerson: ownerPerson as string | null,
    environment: environment as string | null,
    status: status as ParsedCiInput['status'],
    criticality: criticality as ParsedCiInput['criticality'],
    tags: tags as string[],
    fields: fields as ParsedCiInput['fields'],
    connection: connection as ParsedCiInput['connection'],
  };
}
