import {
  IconActivity,
  IconAlertTriangle,
  IconChartLine,
  IconFileSearch,
  IconFingerprint,
  IconStack2,
  IconTerminal2,
  IconDatabase,
  IconFileImport,
  IconFileText,
  IconKey,
  IconListCheck,
  IconServer2,
  IconSettings,
} from '@tabler/icons-react';
import { lazy, type ComponentType } from 'react';

export interface ViewDef {
  /** URL segment (`#/<id>`) and test id suffix (`nav-<id>`, `view-<id>`). */
  id: string;
  label: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** Lazy: rendering it fetches the view's chunk, so render it inside <Suspense>. */
  component: ComponentType;
  /** Fetches the view's chunk without rendering it (warm-up, tests). */
  load: () => Promise<ComponentType>;
}

/**
 * Each view is its own chunk, fetched the first time it is shown, so the first
 * paint pays only for the shell and the view it opens on (recharts and xterm
 * are large and most sessions never open both).
 *
 * A failed fetch almost always means the build changed under an open page (the
 * web mode after `npm run build`: chunk names carry content hashes), so the
 * error says to reload rather than showing a bare "Failed to fetch".
 */
export function lazyView(
  label: string,
  importer: () => Promise<ComponentType>,
): Pick<ViewDef, 'label' | 'component' | 'load'> {
  const load = () =>
    importer().catch((cause: unknown) => {
      throw new Error(
        `The ${label} view could not be loaded; Opsroom may have been rebuilt since this window opened. Reload the window (Ctrl+R) to get the current version.`,
        { cause },
      );
    });
  return { label, load, component: lazy(() => load().then((c) => ({ default: c }))) };
}

/** Every view in the sidebar, in order. A new domain adds one entry here. */
export const views: readonly ViewDef[] = [
  {
    id: 'audit',
    icon: IconListCheck,
    ...lazyView('Audit', () => import('./audit/AuditView').then((m) => m.AuditView)),
  },
  // Also draws `#/ci/<id>` (see routeParents in shell/route.ts).
  {
    id: 'inventory',
    icon: IconServer2,
    ...lazyView('Inventory', () => import('./inventory/InventoryRoute').then((m) => m.InventoryRoute)),
  },
  {
    id: 'import',
    icon: IconFileImport,
    ...lazyView('Import', () => import('./import/ImportView').then((m) => m.ImportView)),
  },
  { id: 'vault', icon: IconKey, ...lazyView('Vault', () => import('./vault/VaultView').then((m) => m.VaultView)) },
  {
    id: 'terminals',
    icon: IconTerminal2,
    ...lazyView('Terminals', () => import('./terminals/TerminalsView').then((m) => m.TerminalsView)),
  },
  {
    id: 'batch',
    icon: IconStack2,
    ...lazyView('Batch run', () => import('./batch/BatchView').then((m) => m.BatchView)),
  },
  {
    id: 'hostkeys',
    icon: IconFingerprint,
    ...lazyView('Known hosts', () => import('./hostkeys/HostKeysView').then((m) => m.HostKeysView)),
  },
  // Also draws `#/host/<ciId>`, the built-in host dashboard.
  {
    id: 'dashboards',
    icon: IconChartLine,
    ...lazyView('Dashboards', () => import('./dashboards/DashboardsView').then((m) => m.DashboardsView)),
  },
  {
    id: 'alerts',
    icon: IconAlertTriangle,
    ...lazyView('Alerts', () => import('./alerts/AlertsView').then((m) => m.AlertsView)),
  },
  {
    id: 'hostlogs',
    icon: IconFileSearch,
    ...lazyView('Host logs', () => import('./hostlogs/HostLogsView').then((m) => m.HostLogsView)),
  },
  {
    id: 'workspace',
    icon: IconDatabase,
    ...lazyView('Workspace', () => import('./workspace/WorkspaceView').then((m) => m.WorkspaceView)),
  },
  { id: 'jobs', icon: IconActivity, ...lazyView('Jobs', () => import('./jobs/JobsView').then((m) => m.JobsView)) },
  { id: 'logs', icon: IconFileText, ...lazyView('App log', () => import('./logs/LogsView').then((m) => m.LogsView)) },
  {
    id: 'settings',
    icon: IconSettings,
    ...lazyView('Settings', () => import('./settings/SettingsView').then((m) => m.SettingsView)),
  },
];

export const defaultView = views[0].id;
export const viewIds = views.map((v) => v.id);
