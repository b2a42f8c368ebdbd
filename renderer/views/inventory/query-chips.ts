import type { CallInput } from '../../../shared/api/index';
import type { CiQuery, FieldValue } from '../../../shared/api/cmdb-model';
import { criticalities, lifecycleStatuses } from '../../../shared/api/cmdb-model';

export type LifecycleStatus = (typeof lifecycleStatuses)[number];
export type Criticality = (typeof criticalities)[number];
export type FieldOp = 'eq' | 'neq' | 'contains' | 'gt' | 'lt' | 'exists';
export interface FieldFilter {
  key: string;
  op: FieldOp;
  value?: FieldValue;
}

/** The inventory's filter: CiQuery with every list present, so chips and equality are simple. */
export interface Filter {
  text: string;
  types: string[];
  environments: string[];
  statuses: LifecycleStatus[];
  criticalities: Criticality[];
  tags: string[];
  ownerTeam?: string;
  ownerPerson?: string;
  fields: FieldFilter[];
}

export type SortKey = 'name' | 'type' | 'environment' | 'status' | 'criticality' | 'updatedAt' | 'ownerTeam';
export interface Sort {
  by: SortKey;
  dir: 'asc' | 'desc';
}

export const emptyFilter: Filter = {
  text: '',
  types: [],
  environments: [],
  statuses: [],
  criticalities: [],
  tags: [],
  fields: [],
};
export const defaultSort: Sort = { by: 'name', dir: 'asc' };

export type ChipKind = 'type' | 'environment' | 'status' | 'criticality' | 'tag' | 'owner' | 'person' | 'field';

/** What the "Filter on" choice reads for each kind. */
export const chipKindLabels: Record<ChipKind, string> = {
  type: 'Type',
  environment: 'Environment',
  status: 'Status',
  criticality: 'Criticality',
  tag: 'Tag',
  owner: 'Owner team',
  person: 'Owner person',
  field: 'Field (key=value)',
};

export interface Chip {
  kind: ChipKind;
  /** the raw value (for fields: the index in `fields`) */
  value: string;
  label: string;
}

const listOf = {
  type: 'types',
  environment: 'environments',
  status: 'statuses',
  criticality: 'criticalities',
  tag: 'tags',
} as const;

const opText: Record<FieldOp, string> = { eq: '=', neq: '≠', contains: '~', gt: '>', lt: '<', exists: ' is set' };

export function fieldChipLabel(f: FieldFilter): string {
  return f.op === 'exists' ? `${f.key} is set` : `${f.key} ${opText[f.op]} ${String(f.value)}`;
}

export function filterToChips(f: Filter): Chip[] {
  const chips: Chip[] = [];
  for (const kind of Object.keys(listOf) as (keyof typeof listOf)[]) {
    for (const v of f[listOf[kind]]) chips.push({ kind, value: v, label: `${kind}: ${v}` });
  }
  if (f.ownerTeam) chips.push({ kind: 'owner', value: f.ownerTeam, label: `owner: ${f.ownerTeam}` });
  if (f.ownerPerson) chips.push({ kind: 'person', value: f.ownerPerson, label: `person: ${f.ownerPerson}` });
  f.fields.forEach((ff, i) => chips.push({ kind: 'field', value: String(i), label: fieldChipLabel(ff) }));
  return chips;
}

export function removeChip(f: Filter, chip: Chip): Filter {
  if (chip.kind === 'owner') return { ...f, ownerTeam: undefined };
  if (chip.kind === 'person') return { ...f, ownerPerson: undefined };
  if (chip.kind === 'field') return { ...f, fields: f.fields.filter((_, i) => String(i) !== chip.value) };
  const key = listOf[chip.kind];
  return { ...f, [key]: (f[key] as string[]).filter((v) => v !== chip.value) };
}

/** Adds one chip; a list kind keeps each value once, owner/person replace the previous value. */
export function addChip(f: Filter, kind: Exclude<ChipKind, 'field'>, value: string): Filter {
  const v = value.trim();
  if (!v) return f;
  if (kind === 'owner') return { ...f, ownerTeam: v };
  if (kind === 'person') return { ...f, ownerPerson: v };
  if (kind === 'status' && !(lifecycleStatuses as readonly string[]).includes(v)) return f;
  if (kind === 'criticality' && !(criticalities as readonly string[]).includes(v)) return f;
  const key = listOf[kind];
  const list = f[key] as string[];
  return list.includes(v) ? f : { ...f, [key]: [...list, v] };
}

export function addFieldFilter(f: Filter, ff: FieldFilter): Filter {
  const same = (a: FieldFilter) => a.key === ff.key && a.op === ff.op && a.value === ff.value;
  return f.fields.some(same) ? f : { ...f, fields: [...f.fields, ff] };
}

function coerce(raw: string): FieldValue {
  const s = raw.trim();
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s !== '' && /^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return s;
}

/**
 * Reads what a person types into the field box: `key=value`, `key!=value`,
 * `key~text` (contains), `key>n`, `key<n`, `key?` (is set). Null when it is none of them.
 */
export function parseFieldFilter(input: string): FieldFilter | null {
  const s = input.trim();
  const exists = /^([A-Za-z_][A-Za-z0-9_.-]{0,63})\s*\?$/.exec(s);
  if (exists) return { key: exists[1]!, op: 'exists' };
  const m = /^([A-Za-z_][A-Za-z0-9_.-]{0,63})\s*(!=|=|~|>|<)\s*(.*)$/.exec(s);
  if (!m) return null;
  const op = ({ '=': 'eq', '!=': 'neq', '~': 'contains', '>': 'gt', '<': 'lt' } as const)[
    m[2] as '=' | '!=' | '~' | '>' | '<'
  ];
  const value = op === 'contains' ? m[3]!.trim() : coerce(m[3]!);
  if ((op === 'gt' || op === 'lt') && typeof value !== 'number') return null;
  if (value === '' && op !== 'eq' && op !== 'neq') return null;
  return { key: m[1]!, op, value };
}

export function filterToQuery(f: Filter): CiQuery {
  const q: CiQuery = {
    text: f.text.trim(),
    types: f.types,
    environments: f.environments,
    statuses: f.statuses,
    criticalities: f.criticalities,
    tags: f.tags,
    fields: f.fields,
  };
  if (f.ownerTeam) q.ownerTeam = f.ownerTeam;
  if (f.ownerPerson) q.ownerPerson = f.ownerPerson;
  return q;
}

/** From a saved view's query (which may omit lists) back to a full filter. */
export function queryToFilter(q: CiQuery): Filter {
  return {
    text: q.text ?? '',
    types: [...(q.types ?? [])],
    environments: [...(q.environments ?? [])],
    statuses: [...(q.statuses ?? [])],
    criticalities: [...(q.criticalities ?? [])],
    tags: [...(q.tags ?? [])],
    ownerTeam: q.ownerTeam || undefined,
    ownerPerson: q.ownerPerson || undefined,
    fields: (q.fields ?? []).map((x) => ({ ...x })),
  };
}

export function searchInput(f: Filter, sort: Sort, offset: number, limit: number): CallInput<'cmdb.search'> {
  return { query: filterToQuery(f), sort, offset, limit };
}

/** A stable key: the table's row cache is valid for exactly one (filter, sort). */
export function queryKey(f: Filter, sort: Sort): string {
  return JSON.stringify([filterToQuery(f), sort]);
}

export function isSortKey(s: string): s is SortKey {
  return ['name', 'type', 'environment', 'status', 'criticality', 'updatedAt', 'ownerTeam'].includes(s);
}
