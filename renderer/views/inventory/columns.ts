import type { Ci, FieldDef } from '../../../shared/api/cmdb-model';
import type { Sort, SortKey } from './query-chips';

export interface ColumnDef {
  id: string;
  label: string;
  /** CSS grid track */
  width: string;
  sortKey?: SortKey;
}

export const builtinColumns: readonly ColumnDef[] = [
  { id: 'name', label: 'Name', width: 'minmax(180px, 2fr)', sortKey: 'name' },
  { id: 'type', label: 'Type', width: '120px', sortKey: 'type' },
  { id: 'environment', label: 'Environment', width: '110px', sortKey: 'environment' },
  { id: 'status', label: 'Status', width: '110px', sortKey: 'status' },
  { id: 'criticality', label: 'Criticality', width: '90px', sortKey: 'criticality' },
  { id: 'owner', label: 'Owner', width: '140px', sortKey: 'ownerTeam' },
  { id: 'tags', label: 'Tags', width: 'minmax(120px, 1.5fr)' },
  { id: 'address', label: 'Address', width: '150px' },
  { id: 'updated', label: 'Updated', width: '160px', sortKey: 'updatedAt' },
];

export const defaultColumns: readonly string[] = builtinColumns.map((c) => c.id);
export const fieldColumnPrefix = 'fields.';

export function fieldColumnId(key: string): string {
  return `${fieldColumnPrefix}${key}`;
}

/** The shown columns, in order: known built-ins and any custom field (even one no longer defined). */
export function resolveColumns(ids: readonly string[], fields: readonly FieldDef[]): ColumnDef[] {
  const out: ColumnDef[] = [];
  const seen = new Set<string>();
  for (const id of ['name', ...ids]) {
    if (seen.has(id)) continue;
    const builtin = builtinColumns.find((c) => c.id === id);
    if (builtin) out.push(builtin);
    else if (id.startsWith(fieldColumnPrefix) && id.length > fieldColumnPrefix.length) {
      const key = id.slice(fieldColumnPrefix.length);
      out.push({ id, label: fields.find((f) => f.key === key)?.label ?? key, width: '140px' });
    } else continue;
    seen.add(id);
  }
  return out;
}

/** Every column the chooser offers: the built-ins then one per custom field. */
export function availableColumns(fields: readonly FieldDef[]): { id: string; label: string }[] {
  return [
    ...builtinColumns.map((c) => ({ id: c.id, label: c.label })),
    ...fields.map((f) => ({ id: fieldColumnId(f.key), label: `${f.label} (field)` })),
  ];
}

/** Shows or hides one column; the name column always stays (rows need something to click). */
export function toggleColumn(ids: readonly string[], id: string): string[] {
  if (id === 'name') return [...ids];
  return ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
}

/** From the chooser's multi-select value, keeping the existing order of columns that stay. */
export function setColumns(current: readonly string[], chosen: readonly string[]): string[] {
  const kept = current.filter((id) => chosen.includes(id));
  const added = chosen.filter((id) => !current.includes(id));
  const next = [...kept, ...added];
  return next.includes('name') ? next : ['name', ...next];
}

export function gridTemplate(cols: readonly ColumnDef[]): string {
  return ['32px', ...cols.map((c) => c.width)].join(' ');
}

/** Same column again flips the direction; a new column starts ascending. */
export function nextSort(sort: Sort, key: SortKey): Sort {
  return sort.by === key ? { by: key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { by: key, dir: 'asc' };
}

function shortTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Plain text per cell: rows stay cheap enough to scroll 100k of them. */
export function cellText(ci: Ci, id: string): string {
  switch (id) {
    case 'name':
      return ci.name;
    case 'type':
      return ci.type;
    case 'environment':
      return ci.environment ?? '';
    case 'status':
      return ci.status;
    case 'criticality':
      return ci.criticality ?? '';
    case 'owner':
      return [ci.ownerTeam, ci.ownerPerson].filter(Boolean).join(' / ');
    case 'tags':
      return ci.tags.join(', ');
    case 'address': {
      const c = ci.connection;
      if (!c?.address) return '';
      return c.port && c.port !== 22 ? `${c.address}:${c.port}` : c.address;
    }
    case 'updated':
      return shortTime(ci.updatedAt);
    default: {
      if (!id.startsWith(fieldColumnPrefix)) return '';
      const v = ci.fields[id.slice(fieldColumnPrefix.length)];
      return v === null || v === undefined ? '' : String(v);
    }
  }
}

/** The narrowest the row can be (tracks' minimums, the checkbox and gaps), so wide column sets scroll sideways. */
export function minRowWidth(cols: readonly ColumnDef[], gap = 8, padding = 20): number {
  const min = (w: string) => Number(/(\d+)px/.exec(w)?.[1] ?? 100);
  return padding + 32 + cols.reduce((sum, c) => sum + min(c.width) + gap, 0);
}
