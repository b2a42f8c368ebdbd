import type { HistoryEntry } from '../../../shared/api/cmdb-model';

export interface DiffLine {
  /** dotted path: `environment`, `connection.address`, `fields.rack` */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before: string;
  after: string;
  /** lists (tags): what was added and removed, e.g. "+web −old" */
  note?: string;
}

/** Bookkeeping every change touches; showing them would bury the real change. */
const bookkeeping = new Set(['updatedAt', 'createdAt', 'version', 'id']);
const order = [
  'name',
  'type',
  'status',
  'environment',
  'criticality',
  'ownerTeam',
  'ownerPerson',
  'description',
  'tags',
];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface RelationSummary {
  type: string;
  from: { name: string };
  to: { name: string };
}

/** A relate/unrelate entry carries `{ relation: { type, from, to } }`: one sentence, not six paths. */
function isRelation(v: unknown): v is RelationSummary {
  if (!isPlainObject(v) || typeof v.type !== 'string') return false;
  const end = (x: unknown) => isPlainObject(x) && typeof x.name === 'string';
  return end(v.from) && end(v.to);
}

/** Nested objects become dotted paths; arrays, scalars and relations are leaves. */
export function flatten(obj: Record<string, unknown> | null, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!obj) return out;
  for (const [k, v] of Object.entries(obj)) {
    if (!prefix && bookkeeping.has(k)) continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (isPlainObject(v) && !isRelation(v) && Object.keys(v).length > 0)
      for (const [p, x] of flatten(v, path)) out.set(p, x);
    else out.set(path, v);
  }
  return out;
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v))
    return v.length ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ') : '—';
  if (isRelation(v)) return `${v.from.name} ${v.type.replace(/_/g, ' ')} ${v.to.name}`;
  if (typeof v === 'object') return Object.keys(v).length ? JSON.stringify(v) : '—';
  return String(v);
}

function isEmpty(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    v === '' ||
    (Array.isArray(v) && v.length === 0) ||
    (isPlainObject(v) && Object.keys(v).length === 0)
  );
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) || (isEmpty(a) && isEmpty(b));
}

function listNote(before: unknown, after: unknown): string | undefined {
  if (!Array.isArray(before) && !Array.isArray(after)) return undefined;
  const b = (Array.isArray(before) ? before : []).map(String);
  const a = (Array.isArray(after) ? after : []).map(String);
  const added = a.filter((x) => !b.includes(x)).map((x) => `+${x}`);
  const removed = b.filter((x) => !a.includes(x)).map((x) => `−${x}`);
  const parts = [...added, ...removed];
  return parts.length ? parts.join(' ') : undefined;
}

function rank(path: string): number {
  const top = path.split('.')[0]!;
  const i = order.indexOf(top);
  return i === -1 ? order.length + (top === 'connection' ? 0 : top === 'fields' ? 1 : 2) : i;
}

/** The readable diff of one change: one line per field that differs, `field: old → new`. */
export function diffJson(before: Record<string, unknown> | null, after: Record<string, unknown> | null): DiffLine[] {
  const b = flatten(before);
  const a = flatten(after);
  const paths = [...new Set([...b.keys(), ...a.keys()])];
  const lines: DiffLine[] = [];
  for (const path of paths) {
    const x = b.get(path);
    const y = a.get(path);
    if (same(x, y)) continue;
    const kind = isEmpty(x) ? 'added' : isEmpty(y) ? 'removed' : 'changed';
    const line: DiffLine = { path, kind, before: formatValue(x), after: formatValue(y) };
    const note = listNote(x, y);
    if (note) line.note = note;
    lines.push(line);
  }
  return lines.sort((p, q) => rank(p.path) - rank(q.path) || p.path.localeCompare(q.path));
}

export function diffLineText(l: DiffLine): string {
  return `${l.path}: ${l.before} → ${l.after}`;
}

const opWords: Record<HistoryEntry['op'], string> = {
  create: 'created',
  update: 'changed',
  delete: 'deleted',
  relate: 'related',
  unrelate: 'unrelated',
};

/** One line above the diff: "alice changed 3 fields". */
export function summarizeEntry(e: HistoryEntry, lines: DiffLine[]): string {
  if (e.op === 'update') return `${e.actor} changed ${lines.length} field${lines.length === 1 ? '' : 's'}`;
  return `${e.actor} ${opWords[e.op]} ${e.op === 'relate' || e.op === 'unrelate' ? 'a relationship' : e.ciName}`;
}
