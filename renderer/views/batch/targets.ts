import type { TargetSelector } from '../../../shared/api/ssh';
import { type Filter, emptyFilter, filterToQuery, queryToFilter } from '../inventory/query-chips';
import type { Selection } from '../inventory/selection';

export interface TargetDraft {
  filter: Filter;
  group: string;
  /** explicit CI ids (from the inventory's selection) */
  ids: string[];
}

export const emptyTargets: TargetDraft = { filter: emptyFilter, group: '', ids: [] };

export function isFilterEmpty(f: Filter): boolean {
  return (
    !f.text.trim() &&
    !f.types.length &&
    !f.environments.length &&
    !f.statuses.length &&
    !f.criticalities.length &&
    !f.tags.length &&
    !f.fields.length &&
    !f.ownerTeam &&
    !f.ownerPerson
  );
}

/**
 * The selector sent to the server. An empty search is left out rather than sent:
 * an empty query matches every CI, and "nothing chosen yet" must never mean "the whole fleet".
 */
export function toSelector(d: TargetDraft): TargetSelector {
  const s: TargetSelector = { ids: d.ids, tags: [] };
  if (!isFilterEmpty(d.filter)) s.query = filterToQuery(d.filter);
  if (d.group.trim()) s.group = d.group.trim();
  return s;
}

export function hasTargets(d: TargetDraft): boolean {
  return d.ids.length > 0 || Boolean(d.group.trim()) || !isFilterEmpty(d.filter);
}

/**
 * The inventory's selection as targets: ticked rows become ids; "all matching"
 * becomes the inventory's query, since its exclusions cannot be sent as a selector
 * (the count tells how many were excluded, for the person to judge).
 */
export function fromInventorySelection(selection: Selection, filter: Filter): { draft: TargetDraft; excluded: number } {
  if (selection.mode === 'some') return { draft: { ...emptyTargets, ids: [...selection.ids] }, excluded: 0 };
  return { draft: { ...emptyTargets, filter: queryToFilter(filterToQuery(filter)) }, excluded: selection.ids.size };
}

/** `#/batch?ids=a,b` and `#/batch?selection=inventory` (links from the inventory and a CI page). */
export function readBatchHash(hash: string): { ids: string[]; fromInventory: boolean; command: string | null } {
  const q = new URLSearchParams(hash.split('?')[1] ?? '');
  const ids = (q.get('ids') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { ids, fromInventory: q.get('selection') === 'inventory', command: q.get('command') };
}
