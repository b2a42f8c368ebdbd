import { useEffect, useMemo, useState } from 'react';
import { DashboardList } from './DashboardList';
import { DashboardPage, type DashboardTarget } from './DashboardPage';
import { DatasourcesPage } from './datasources/DatasourcesPage';
import { parseDashboardsHash } from './dashboards-route';

/**
 * The Dashboards view: the list at `#/dashboards`, one dashboard at
 * `#/dashboards/<id>` (or `new`), the datasources at `#/dashboards/datasources`,
 * and a host CI's built-in dashboard at `#/host/<ciId>`.
 */
export function DashboardsView() {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const sync = () => setHash(location.hash);
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, []);
  const route = parseDashboardsHash(hash);
  const key = JSON.stringify(route);
  // One target object per route, so the page loads once per navigation.
  const target = useMemo<DashboardTarget | null>(() => {
    if (route.page === 'dashboard') return { mode: 'saved', id: route.id };
    if (route.page === 'host') return { mode: 'host', ciId: route.ciId };
    if (route.page === 'new') return { mode: 'new' };
    return null;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  // Every view carries view-<id> (the e2e tests' goTo waits on it), whichever page it shows.
  return (
    <div data-testid="view-dashboards" data-page={route.page}>
      {route.page === 'datasources' ? (
        <DatasourcesPage />
      ) : target ? (
        <DashboardPage key={key} target={target} />
      ) : (
        <DashboardList />
      )}
    </div>
  );
}
