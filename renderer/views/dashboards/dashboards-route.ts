/**
 * The dashboards view's sub-routes: the list at `#/dashboards`, a saved
 * dashboard at `#/dashboards/<id>`, an unsaved new one at `#/dashboards/new`,
 * the datasource manager at `#/dashboards/datasources`, and a host CI's
 * built-in dashboard at `#/host/<ciId>` (see routeParents in shell/route.ts).
 * Saved dashboard ids are UUIDs, so the two words cannot collide with one.
 */
export type DashboardsRoute =
  | { page: 'list' }
  | { page: 'new' }
  | { page: 'datasources' }
  | { page: 'dashboard'; id: string }
  | { page: 'host'; ciId: string };

export const listHash = '#/dashboards';
export const newHash = '#/dashboards/new';
export const datasourcesHash = '#/dashboards/datasources';

export function dashboardHash(id: string): string {
  return `#/dashboards/${encodeURIComponent(id)}`;
}

export function hostHash(ciId: string): string {
  return `#/host/${encodeURIComponent(ciId)}`;
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export function parseDashboardsHash(hash: string): DashboardsRoute {
  const host = /^#\/host\/([^/?#]+)/i.exec(hash);
  if (host) {
    const ciId = decode(host[1]!);
    return ciId ? { page: 'host', ciId } : { page: 'list' };
  }
  const m = /^#\/dashboards\/([^/?#]+)/i.exec(hash);
  if (!m) return { page: 'list' };
  const seg = decode(m[1]!);
  if (!seg) return { page: 'list' };
  if (seg === 'new') return { page: 'new' };
  if (seg === 'datasources') return { page: 'datasources' };
  // A host dashboard's own id opens the host page, so a copied link keeps working.
  if (seg.startsWith('host:') && seg.length > 5) return { page: 'host', ciId: seg.slice(5) };
  return { page: 'dashboard', id: seg };
}
