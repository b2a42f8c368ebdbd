/** Sub-routes drawn by another view: `#/ci/<id>` is part of the inventory. */
export const routeParents: Readonly<Record<string, string>> = { ci: 'inventory', host: 'dashboards' };

/** `#/audit` → 'audit'; anything unknown falls back so a stale link still opens the app. */
export function parseRoute(hash: string, known: readonly string[], fallback: string): string {
  const m = /^#\/([a-z0-9-]+)/i.exec(hash);
  const raw = m?.[1]?.toLowerCase();
  const id = raw && Object.hasOwn(routeParents, raw) ? routeParents[raw] : raw;
  return id && known.includes(id) ? id : fallback;
}

export function routeHash(id: string): string {
  return `#/${id}`;
}
