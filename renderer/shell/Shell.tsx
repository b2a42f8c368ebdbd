import { AppShell, Center, Loader } from '@mantine/core';
import { Suspense, useEffect, useRef } from 'react';
import { client } from '../api/client';
import { useConnection } from '../api/connection-store';
import { defaultView, viewIds, views } from '../views/registry';
import { startAlertsNotifier } from './alerts-notify';
import { ErrorBoundary } from './ErrorBoundary';
import { HeaderBar } from './HeaderBar';
import { HostKeyReviewDialog } from './hostkey-review-dialog';
import { startJobsFeed } from './jobs-store';
import { startRestoredFeed, useRestored } from './restored-store';
import { Palette } from './Palette';
import { parseRoute } from './route';
import { useRoute } from './route-store';
import { Sidebar } from './Sidebar';
import { StatusBar } from './StatusBar';
import { useSystem } from './system-store';
import { useThemeSetting } from './use-theme-setting';

function useHashRoute() {
  const setView = useRoute((s) => s.setView);
  useEffect(() => {
    const sync = () => setView(parseRoute(location.hash, viewIds, defaultView));
    sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, [setView]);
}

/**
 * Whenever the transport (re)opens: who we are, the theme setting, the live job list, alert notifications
 * and restores (the restored file may hold another theme).
 */
function useOnOpen() {
  const connection = useConnection((s) => s.state);
  const { apply } = useThemeSetting();
  // Through a ref: apply changes identity with the scheme, and re-running this would undo a toggle.
  const applyRef = useRef(apply);
  applyRef.current = apply;
  useEffect(() => {
    if (connection !== 'open') return;
    void useSystem
      .getState()
      .load(client)
      .catch(() => {});
    const loadTheme = () =>
      void client
        .call('settings.get')
        .then((s) => applyRef.current(s['ui.theme']))
        .catch(() => {});
    loadTheme();
    const stopJobs = startJobsFeed(client);
    const stopAlerts = startAlertsNotifier(client);
    const stopRestored = startRestoredFeed(client);
    const offTheme = client.on('workspace.restored', loadTheme);
    return () => {
      stopJobs();
      stopAlerts();
      stopRestored();
      offTheme();
    };
  }, [connection]);
}

/** While a view's chunk is fetched (first visit only; from local disk, so briefly). */
function ViewLoading() {
  return (
    <Center h={200} data-testid="view-loading">
      <Loader size="sm" type="dots" aria-label="Loading view" />
    </Center>
  );
}

export function Shell() {
  useHashRoute();
  useOnOpen();
  const current = useRoute((s) => s.view);
  const view = views.find((v) => v.id === current);
  const restores = useRestored((s) => s.epoch);
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 0 }} footer={{ height: 32 }} padding="md">
      <AppShell.Header>
        <HeaderBar />
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <Sidebar />
      </AppShell.Navbar>
      <AppShell.Main>
        {/* The boundary sits outside Suspense so a chunk that fails to load shows as a sentence. A restore
            remounts the view: whatever it loaded came from the file that was replaced. */}
        <ErrorBoundary key={`${current}#${restores}`}>
          <Suspense fallback={<ViewLoading />}>{view ? <view.component /> : null}</Suspense>
        </ErrorBoundary>
      </AppShell.Main>
      <AppShell.Footer>
        <StatusBar />
      </AppShell.Footer>
      <Palette />
      <HostKeyReviewDialog />
    </AppShell>
  );
}
