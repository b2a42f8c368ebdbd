import { randomUUID } from 'node:crypto';
import { ciInput, connectableTypes, type Ci, type FieldDef } from '../../shared/api/cmdb-model';
import { cleanCiInput } from './fast-input';
import type { ImportOptions } from './import-types';
import { buildCi, inputOf, sameContent, typeLabel, type ParsedCiInput } from './ci-rules';
import type { ImportRecord, ParseResult, RowProblem } from './import/types';
import type { CiStore } from './store/ci-store';
import type { FieldDefs } from './store/fields';

export interface PlannedRow {
  line: number;
  record: ImportRecord;
  action: 'create' | 'update' | 'unchanged' | 'error';
  /** the CI as it would be stored (absent for error rows) */
  ci: Ci | null;
  before: Ci | null;
  error: string | null;
}

export interface ImportPlan {
  rows: PlannedRow[];
  relations: { type: string; fromId: string; toId: string }[];
  errors: RowProblem[];
  notices: RowProblem[];
  /** field definitions the import would create (unknown keys, type inferred) */
  pendingFields: Map<string, FieldDef>;
}

export interface PlanDeps {
  cis: CiStore;
  fields: FieldDefs;
  relationTypes: ReadonlySet<string>;
  relationExists(type: string, fromId: string, toId: string): boolean;
  now: number;
  /** importKeys: the secret to attach for an IdentityFile path, when that key is being imported */
  credentialFor?: (identityFile: string) => string | null;
  /** whether a vault secret id exists here (a JSON export may name secrets this vault lacks) */
  secretExists?: (id: string) => boolean;
}

const key = (type: string, name: string) => `${type}\u0000${name}`;

function zodMessage(err: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const i = err.issues[0]!;
  return i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message;
}

/** The record laid over what is stored: attributes the format does not carry keep their stored value; fields merge by key. */
function mergedInput(
  r: ImportRecord,
  base: ParsedCiInput | null,
  defaults: ImportOptions['defaults'],
): Record<string, unknown> {
  const out: Record<string, unknown> = base ? { ...base } : {};
  out.type = r.type;
  out.name = r.name;
  const set = (k: string, v: unknown) => {
    if (v !== undefined) out[k] = v;
  };
  set('description', r.description);
  set('ownerTeam', r.ownerTeam);
  set('ownerPerson', r.ownerPerson);
  set('environment', r.environment);
  set('status', r.status);
  set('criticality', r.criticality);
  set('tags', r.tags);
  if (!base) {
    if (out.environment == null && defaults.environment) out.environment = defaults.environment;
    if (out.ownerTeam == null && defaults.ownerTeam) out.ownerTeam = defaults.ownerTeam;
    if (out.status === undefined && defaults.status) out.status = defaults.status;
  }
  if (r.fields) out.fields = { ...(base?.fields ?? {}), ...r.fields };
  const c = r.connection;
  if (c) {
    const prev = base?.connection ?? {};
    const conn: Record<string, unknown> = { ...prev };
    if (c.address !== undefined) conn.address = c.address;
    if (c.port !== undefined) conn.port = c.port;
    if (c.user !== undefined) conn.user = c.user;
    if (c.credentialId !== undefined) conn.credentialId = c.credentialId;
    out.connection = conn;
  }
  return out;
}

/**
 * Decides, without writing, what an import would do with each record: create,
 * update in place (matched by id for the JSON round trip, else by type and
 * name), leave unchanged, or refuse with a reason. Jump hosts and relations
 * are resolved by name afterwards, against the valid records of the file and
 * the inventory, repeating until no refusal cascades any further.
 */
export async function planImport(
  parsed: ParseResult,
  options: ImportOptions,
  deps: PlanDeps,
  /** called every `tickEvery` records: report progress, yield to the event loop, throw if cancelled */
  tick?: (done: number, total: number) => Promise<void>,
  tickEvery?: number,
): Promise<ImportPlan> {
  const pendingFields = new Map<string, FieldDef>();
  const rows: PlannedRow[] = [];
  const notices: RowProblem[] = [];
  const firstLine = new Map<string, number>();
  const total = parsed.records.length;
  // About every 1% (at least every 100 records), so progress moves and a cancel is seen promptly.
  const every = tickEvery ?? Math.max(100, Math.ceil(total / 100));
  const findExisting = existingFinder(deps.cis, total);
  for (const r of parsed.records) {
    if (tick && rows.length % every === 0 && rows.length > 0) await tick(rows.length, total);
    const row: PlannedRow = { line: r.line, record: r, action: 'error', ci: null, before: null, error: null };
    rows.push(row);
    const fail = (msg: string) => {
      row.error = msg;
    };
    const k = key(r.type, r.name);
    const seen = firstLine.get(k);
    if (seen !== undefined) {
      fail(`${r.name} is listed twice (first at line ${seen})`);
      continue;
    }
    firstLine.set(k, r.line);
    const byId = r.id ? deps.cis.get(r.id) : null;
    const byName = findExisting(r.type, r.name);
    if (byId && byName && byName.id !== byId.id) {
      fail(`a ${typeLabel(r.type)} named ${r.name} already exists (with another id)`);
      continue;
    }
    const before = byId ?? byName;
    const merged = mergedInput(r, before ? inputOf(before) : null, options.defaults);
    let input = cleanCiInput(merged);
    if (!input) {
      const parsedInput = ciInput.safeParse(merged);
      if (!parsedInput.success) {
        fail(zodMessage(parsedInput.error));
        continue;
      }
      input = parsedInput.data;
    }
    const conn = input.connection;
    const identity = r.connection?.identityFile ?? null;
    let carried = conn?.credentialId ?? null;
    if (carried && r.connection?.credentialId === carried && deps.secretExists && !deps.secretExists(carried)) {
      notices.push({
        line: r.line,
        name: r.name,
        message: `${r.name}: its credential ${carried} is not in this vault; import the vault export too, or attach a credential again`,
      });
      carried = before?.connection?.credentialId ?? null;
    }
    const credential = (identity && deps.credentialFor?.(identity)) || carried || null;
    const hasConn =
      (conn && Object.values(conn).some((v) => v !== null && v !== undefined)) || credential || r.connection?.jumpHost;
    if (hasConn && !connectableTypes.includes(input.type)) {
      fail(`a ${typeLabel(input.type)} cannot carry connection attributes; only ${connectableTypes.join(', ')} can`);
      continue;
    }
    let fieldProblem: string | null = null;
    const fields: Ci['fields'] = {};
    for (const fk of Object.keys(input.fields).sort()) {
      const v = input.fields[fk]!;
      if (v === null) continue;
      fieldProblem = deps.fields.problem(input.type, fk, v, pendingFields);
      if (fieldProblem) break;
      fields[fk] = v;
    }
    if (fieldProblem) {
      fail(fieldProblem);
      continue;
    }
    row.before = before;
    const base = {
      id: before?.id ?? r.id ?? randomUUID(),
      createdAt: before?.createdAt ?? deps.now,
      version: before ? before.version + 1 : 1,
    };
    row.ci = buildCi(
      input,
      base,
      deps.now,
      fields,
      hasConn
        ? {
            address: conn?.address ?? null,
            port: conn?.port ?? null,
            user: conn?.user ?? null,
            credentialId: credential,
            jumpHostId: conn?.jumpHostId ?? null,
          }
        : null,
    );
  }
  resolveReferences(rows, deps);
  const relations = new Map<string, { type: string; fromId: string; toId: string }>();
  for (const row of rows) {
    if (row.error || !row.ci) {
      row.action = 'error';
      row.ci = null;
      continue;
    }
    const b = row.before;
    row.action = !b ? 'create' : sameContent(b, row.ci) ? 'unchanged' : 'update';
    for (const rel of (row as RowWithRefs).rels ?? []) {
      const k = `${rel.type}\u0000${rel.fromId}\u0000${rel.toId}`;
      if (!relations.has(k) && !deps.relationExists(rel.type, rel.fromId, rel.toId)) relations.set(k, rel);
    }
  }
  const errors: RowProblem[] = [
    ...parsed.errors,
    ...rows.filter((r) => r.error).map((r) => ({ line: r.line, message: r.error!, name: r.record.name })),
  ].sort((a, b) => a.line - b.line);
  return { rows, relations: [...relations.values()], errors, notices: [...parsed.notices, ...notices], pendingFields };
}

/**
 * (type, name) → stored CI. A large file loads every key once (one scan beats
 * 100k index probes); a small one probes per record.
 */
function existingFinder(cis: CiStore, records: number): (type: string, name: string) => Ci | null {
  if (records < 2000) return (type, name) => cis.findByTypeName(type, name);
  const ids = cis.idsByTypeName();
  return (type, name) => {
    const id = ids.get(key(type, name));
    return id === undefined ? null : cis.get(id);
  };
}

type RowWithRefs = PlannedRow & { rels?: { type: string; fromId: string; toId: string }[] };

function resolveReferences(rows: PlannedRow[], deps: PlanDeps): void {
  // Only rows naming a jump host or relations can be refused here; most files have few.
  const withRefs = (rows as RowWithRefs[]).filter((r) => r.record.connection?.jumpHost || r.record.relations?.length);
  if (!withRefs.length) return;
  for (let pass = 0; pass < withRefs.length + 1; pass++) {
    const valid = new Map<string, PlannedRow[]>();
    for (const row of rows) {
      if (row.error || !row.ci) continue;
      const list = valid.get(row.ci.name) ?? [];
      list.push(row);
      valid.set(row.ci.name, list);
    }
    const candidates = (name: string, type?: (t: string) => boolean): { id: string; name: string }[] => {
      const inFile = (valid.get(name) ?? []).map((r) => r.ci!).filter((c) => !type || type(c.type));
      if (inFile.length) return inFile;
      return deps.cis.findByName(name).filter((c) => !type || type(c.type));
    };
    let newErrors = 0;
    const jumps = new Map<string, string | null>();
    for (const row of withRefs) {
      if (row.error || !row.ci) continue;
      const r = row.record;
      const ci = row.ci;
      const jumpName = r.connection?.jumpHost;
      if (jumpName) {
        const found = candidates(jumpName, (t) => connectableTypes.includes(t));
        if (found.length !== 1) {
          row.error = found.length
            ? `jump host ${jumpName} is ambiguous (several CIs have that name)`
            : `jump host ${jumpName} is neither in this file nor in the inventory`;
          newErrors++;
          continue;
        }
        if (found[0]!.id === ci.id) {
          row.error = `${ci.name} cannot be its own jump host`;
          newErrors++;
          continue;
        }
        ci.connection = { ...ci.connection!, jumpHostId: found[0]!.id };
      }
      if (ci.connection) jumps.set(ci.id, ci.connection.jumpHostId);
      row.rels = [];
      for (const rel of r.relations ?? []) {
        if (!deps.relationTypes.has(rel.type)) {
          row.error = `there is no relationship type "${rel.type}"`;
          break;
        }
        const found = candidates(rel.to, rel.toType ? (t) => t === rel.toType : undefined);
        if (found.length !== 1) {
          row.error = found.length
            ? `${rel.type} ${rel.to} is ambiguous (several CIs have that name; give its type)`
            : `${rel.type} ${rel.to}: no CI of that name in this file or the inventory`;
          break;
        }
        row.rels.push({ type: rel.type, fromId: ci.id, toId: found[0]!.id });
      }
      if (row.error) newErrors++;
    }
    newErrors += markJumpCycles(rows, jumps, deps.cis);
    if (newErrors === 0) return;
  }
}

/** Follows each jump chain through the file's new values and the stored ones; rows on a loop are refused. */
function markJumpCycles(rows: PlannedRow[], jumps: Map<string, string | null>, cis: CiStore): number {
  const next = (id: string) => (jumps.has(id) ? jumps.get(id)! : cis.jumpHostOf(id));
  let n = 0;
  for (const row of rows) {
    if (row.error || !row.ci?.connection?.jumpHostId) continue;
    const seen = new Set<string>([row.ci.id]);
    let at: string | null = row.ci.connection.jumpHostId;
    while (at) {
      if (at === row.ci.id) {
        row.error = `jump hosts of ${row.ci.name} loop back to it; jump host chains cannot form a cycle`;
        n++;
        break;
      }
      if (seen.has(at)) break;
      seen.add(at);
      at = next(at);
    }
  }
  return n;
}
