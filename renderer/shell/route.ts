/** `#/audit` → 'audit'; anything unknown falls back so a stale link still opens the app. */
export function parseRoute(hash: string, known: readonly string[], fallback: string): string {
  const m = /^#\/([a-z0-9-]+)/i.exec(hash);
  const id = m?.[1]?.toLowerCase();
  return id && known.includes(id) ? id : fallback;
}

export function routeHash(id: string): string {
  return `#/${id}`;
}
