import type { AuditEntry } from '../../../shared/api/audit';
import type { CallInput } from '../../../shared/api/index';

export type AuditOutcome = AuditEntry['outcome'];

/** What the filter bar holds; from/to are `datetime-local` strings in the viewer's time zone. */
export interface AuditFilter {
  action?: string;
  target?: string;
  actor?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}
export type AuditFilterKey = keyof AuditFilter;

export interface FilterChip {
  key: AuditFilterKey;
  label: string;
}

const chipNames: Record<AuditFilterKey, string> = {
  action: 'action starts with',
  target: 'target contains',
  actor: 'actor',
  outcome: 'outcome',
  from: 'from',
  to: 'to',
};
const order: AuditFilterKey[] = ['action', 'target', 'actor', 'outcome', 'from', 'to'];

/** Drops empty fields and trims text so an all-blank bar means "no filter". */
export function cleanFilter(f: AuditFilter): AuditFilter {
  const out: AuditFilter = {};
  for (const k of order) {
    const v = f[k]?.trim();
    if (v) (out as Record<string, string>)[k] = v;
  }
  return out;
}

export function filterToChips(f: AuditFilter): FilterChip[] {
  const c = cleanFilter(f);
  return order.filter((k) => c[k] !== undefined).map((k) => ({ key: k, label: `${chipNames[k]}: ${c[k]}` }));
}

export function removeFilterKey(f: AuditFilter, key: AuditFilterKey): AuditFilter {
  const next = { ...f };
  delete next[key];
  return cleanFilter(next);
}

/** A local `datetime-local` value as epoch ms, or undefined when it is not a time. */
export function localTimeToMs(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const ms = new Date(v).getTime();
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

export function filterToListInput(f: AuditFilter, before?: number, limit = 500): CallInput<'audit.list'> {
  const c = cleanFilter(f);
  const input: NonNullable<CallInput<'audit.list'>> = { limit };
  if (before !== undefined) input.before = before;
  if (c.action) input.action = c.action;
  if (c.target) input.target = c.target;
  if (c.actor) input.actor = c.actor;
  if (c.outcome) input.outcome = c.outcome;
  const from = localTimeToMs(c.from);
  const to = localTimeToMs(c.to);
  if (from !== undefined) input.from = from;
  if (to !== undefined) input.to = to;
  return input;
}

/** Same rules as the server's audit.list, for entries that arrive live. */
export function entryMatchesFilter(e: AuditEntry, f: AuditFilter): boolean {
  const c = cleanFilter(f);
  // SQLite's LIKE ignores ASCII case, so these do too.
  if (c.action && !e.action.toLowerCase().startsWith(c.action.toLowerCase())) return false;
  if (c.target && !e.target.toLowerCase().includes(c.target.toLowerCase())) return false;
  if (c.actor && e.actor !== c.actor) return false;
  if (c.outcome && e.outcome !== c.outcome) return false;
  const from = localTimeToMs(c.from);
  const to = localTimeToMs(c.to);
  if (from !== undefined && e.time < from) return false;
  if (to !== undefined && e.time > to) return false;
  return true;
}
