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
import type { ComponentType } from 'react';
import { AlertsView } from './alerts/AlertsView';
import { AuditView } from './audit/AuditView';
import { DashboardsView } from './dashboards/DashboardsView';
import { HostLogsView } from './hostlogs/HostLogsView';
import { BatchView } from './batch/BatchView';
import { HostKeysView } from './hostkeys/HostKeysView';
import { ImportView } from './import/ImportView';
import { InventoryRoute } from './inventory/InventoryRoute';
import { JobsView } from './jobs/JobsView';
import { LogsView } from './logs/LogsView';
import { SettingsView } from './settings/SettingsView';
import { TerminalsView } from './terminals/TerminalsView';
import { VaultView } from './vault/VaultView';
import { WorkspaceView } from './workspace/WorkspaceView';

export interface ViewDef {
  /** URL segment (`#/<id>`) and test id suffix (`nav-<id>`, `view-<id>`). */
  id: string;
  label: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  component: ComponentType;
}

/** Every view in the sidebar, in order. A new domain adds one entry here. */
export const views: readonly ViewDef[] = [
  { id: 'audit', label: 'Audit', icon: IconListCheck, component: AuditView },
  // Also draws `#/ci/<id>` (see routeParents in shell/route.ts).
  { id: 'inventory', label: 'Inventory', icon: IconServer2, component: InventoryRoute },
  { id: 'import', label: 'Import', icon: IconFileImport, component: ImportView },
  { id: 'vault', label: 'Vault', icon: IconKey, component: VaultView },
  { id: 'terminals', label: 'Terminals', icon: IconTerminal2, component: TerminalsView },
  { id: 'batch', label: 'Batch run', icon: IconStack2, component: BatchView },
  { id: 'hostkeys', label: 'Known hosts', icon: IconFingerprint, component: HostKeysView },
  // Also draws `#/host/<ciId>`, the built-in host dashboard.
  { id: 'dashboards', label: 'Dashboards', icon: IconChartLine, component: DashboardsView },
  { id: 'alerts', label: 'Alerts', icon: IconAlertTriangle, component: AlertsView },
  { id: 'hostlogs', label: 'Host logs', icon: IconFileSearch, component: HostLogsView },
  { id: 'workspace', label: 'Workspace', icon: IconDatabase, component: WorkspaceView },
  { id: 'jobs', label: 'Jobs', icon: IconActivity, component: JobsView },
  { id: 'logs', label: 'App log', icon: IconFileText, component: LogsView },
  { id: 'settings', label: 'Settings', icon: IconSettings, component: SettingsView },
];

export const defaultView = views[0].id;
export const viewIds = views.map((v) => v.id);
