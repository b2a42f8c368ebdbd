import type { PendingHostKey } from '../../shared/api/ssh';

/** A pending key seen again replaces its earlier entry (more CIs may wait for it now). */
export function upsertPending(list: readonly PendingHostKey[], p: PendingHostKey): PendingHostKey[] {
  const i = list.findIndex((x) => x.id === p.id);
  if (i < 0) return [...list, p];
  const next = [...list];
  next[i] = p;
  return next;
}

/**
 * The selected keys that may be accepted in one go. A changed key is never among
 * them: replacing it is a separate, reasoned action per key.
 */
export function acceptableIds(list: readonly PendingHostKey[], selected: ReadonlySet<string>): string[] {
  return list.filter((p) => selected.has(p.id) && p.reason === 'unknown').map((p) => p.id);
}

export function hostLabel(p: Pick<PendingHostKey, 'host' | 'port'>): string {
  return p.port === 22 ? p.host : `[${p.host}]:${p.port}`;
}
