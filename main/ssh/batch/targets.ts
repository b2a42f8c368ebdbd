import { connectableTypes, type Ci, type CiQuery, type Relation } from '../../../shared/api/cmdb-model';
import { OpsError } from '../../../shared/api/errors';
import type { TargetSelector } from '../../../shared/api/ssh';

/** What batch runs need from the CMDB (CmdbService fits). */
export interface BatchCmdb {
  search: { all(query: CiQuery | undefined): Ci[] };
  cis: { get(id: string): Ci | null; findByName(name: string): Ci[] };
  relations: { ofCi(id: string): { outgoing: Relation[]; incoming: Relation[] } };
}

export interface TargetPreview {
  total: number;
  production: number;
  notConnectable: number;
  sample: { id: string; name: string; type: string; address: string | null; environment: string | null }[];
}

const sampleSize = 200;

export const isProduction = (ci: Ci): boolean => {
  const env = ci.environment?.trim().toLowerCase();
  return env === 'prod' || env === 'production';
};

export const isConnectable = (ci: Ci): boolean =>
  connectableTypes.includes(ci.type) && Boolean(ci.connection?.address?.trim());

/**
 * The union of everything the selector names (a query, ids, each tag, a
 * group's members), each CI once, in a stable order (name, then id) so a run's
 * host list and its retry read the same way every time.
 */
export function resolveTargets(cmdb: BatchCmdb, raw: TargetSelector): Ci[] {
  const sel = { ids: raw.ids ?? [], tags: raw.tags ?? [], query: raw.query, group: raw.group };
  const found = new Map<string, Ci>();
  const add = (c: Ci) => {
    if (!found.has(c.id)) found.set(c.id, c);
  };
  if (sel.query) for (const c of cmdb.search.all(sel.query)) add(c);
  const missing: string[] = [];
  for (const id of sel.ids) {
    const c = found.get(id) ?? cmdb.cis.get(id);
    if (c) add(c);
    else missing.push(id);
  }
  if (missing.length) {
    throw new OpsError(
      'not_found',
      `${missing.length === 1 ? `The CI "${missing[0]}" does not` : `${missing.length} of the chosen CIs do not`} exist any more; pick the targets again.`,
      { missing: missing.slice(0, 50) },
    );
  }
  for (const t of new Set(sel.tags)) for (const c of cmdb.search.all({ tags: [t] })) add(c);
  if (sel.group !== undefined) for (const c of groupMembers(cmdb, sel.group)) add(c);
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
}

/** CIs related `member_of` the group CI of that name (a group CI is preferred when the name is shared). */
function groupMembers(cmdb: BatchCmdb, name: string): Ci[] {
  const named = cmdb.cis.findByName(name);
  const group = named.find((c) => c.type === 'group') ?? (named.length === 1 ? named[0] : undefined);
  if (!group) {
    throw new OpsError(
      'not_found',
      named.length
        ? `Several CIs are named "${name}" and none is a group; name the group CI.`
        : `There is no group named "${name}".`,
      { group: name },
    );
  }
  const out: Ci[] = [];
  for (const r of cmdb.relations.ofCi(group.id).incoming) {
    if (r.type !== 'member_of') continue;
    const c = cmdb.cis.get(r.from.id);
    if (c) out.push(c);
  }
  return out;
}

export function preview(cis: readonly Ci[]): TargetPreview {
  let production = 0;
  let notConnectable = 0;
  for (const c of cis) {
    if (isProduction(c)) production++;
    if (!isConnectable(c)) notConnectable++;
  }
  return {
    total: cis.length,
    production,
    notConnectable,
    sample: cis.slice(0, sampleSize).map((c) => ({
      id: c.id,
      name: c.name,
      type: c.type,
      address: c.connection?.address ?? null,
      environment: c.environment,
    })),
  };
}
