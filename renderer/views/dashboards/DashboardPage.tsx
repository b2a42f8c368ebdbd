import { Alert, Button, Loader, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Dashboard, DashboardBody, Panel } from '../../../shared/api/monitoring-dashboards';
import type { QuerySource, TimeRange } from '../../../shared/api/monitoring-model';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { notifyError, notifyOk } from '../../shell/notify';
import { DashboardSettings } from './DashboardSettings';
import { DashboardToolbar } from './DashboardToolbar';
import { dashboardHash, hostHash } from './dashboards-route';
import { applyLayoutAction, newPanel, upsertPanel, type PanelAction } from './grid';
import { PanelEditor } from './PanelEditor';
import { PanelGrid } from './PanelGrid';
import { back, canGoBack, initialRange, pushRange, zoomTo, type RangeState } from './range-history';
import { SaveCopyModal } from './SaveCopyModal';
import { useAnnotations } from './use-annotations';
import { VariablesBar } from './VariablesBar';
import { ciInfo, useCiVariables } from './use-ci-variables';
import { firstCiId, variableValues, type CiInfo } from './variables';

export type DashboardTarget = { mode: 'saved'; id: string } | { mode: 'new' } | { mode: 'host'; ciId: string };

export function bodyOf(d: DashboardBody): DashboardBody {
  const { title, description, tags, source, variables, panels, range, refreshSec } = d;
  return { title, description, tags, source, variables, panels, range, refreshSec };
}

const blank: Dashboard = {
  id: '',
  builtIn: false,
  title: 'New dashboard',
  description: '',
  tags: [],
  source: null,
  variables: [],
  panels: [],
  range: { from: 'now-1h', to: 'now' },
  refreshSec: 0,
  createdAt: 0,
  updatedAt: 0,
};

interface Loaded {
  dashboard: Dashboard;
  /** the host page's CI, known before any lookup */
  host?: CiInfo;
}

async function load(t: DashboardTarget): Promise<Loaded> {
  if (t.mode === 'new') return { dashboard: structuredClone(blank) };
  if (t.mode === 'saved') return { dashboard: await client.call('monitoring.dashboards.get', { id: t.id }) };
  const [dashboard, ci] = await Promise.all([
    client.call('monitoring.dashboards.host', { ciId: t.ciId }),
    client.call('cmdb.ci.get', { id: t.ciId }),
  ]);
  return { dashboard, host: ciInfo(ci.ci) };
}

/** A dashboard: its panels on the grid, the time range and refresh, variables, annotations, and editing. */
export function DashboardPage({ target }: { target: DashboardTarget }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setLoaded(null);
    setError(null);
    load(target)
      .then((l) => live && setLoaded(l))
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [target]);

  if (error) {
    return (
      <Alert color="red" title="Could not open the dashboard" data-testid="dashboard-error">
        {error}
      </Alert>
    );
  }
  if (!loaded) return <Loader size="sm" data-testid="dashboard-loading" />;
  return <LoadedDashboard key={loaded.dashboard.id || 'new'} loaded={loaded} target={target} />;
}

function LoadedDashboard({ loaded, target }: { loaded: Loaded; target: DashboardTarget }) {
  const [saved, setSaved] = useState<Dashboard>(loaded.dashboard);
  const [draft, setDraft] = useState<DashboardBody>(() => bodyOf(loaded.dashboard));
  const [editing, setEditing] = useState(target.mode === 'new');
  const [range, setRange] = useState<RangeState>(() => initialRange(loaded.dashboard.range));
  const [refreshSec, setRefreshSec] = useState(loaded.dashboard.refreshSec);
  const [refreshKey, setRefreshKey] = useState(0);
  const [editorPanel, setEditorPanel] = useState<Panel | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [copyOpen, setCopyOpen] = useState(false);
  const [copyError, setCopyError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const datasources = useCall('monitoring.datasources.list');

  const hostVar = loaded.host ? loaded.dashboard.variables.find((v) => v.kind === 'ci')?.name : undefined;
  const { cis, setCi } = useCiVariables(
    draft.variables,
    loaded.host && hostVar ? { [hostVar]: loaded.host } : undefined,
  );
  const variables = useMemo(() => variableValues(draft.variables, cis), [draft.variables, cis]);
  const annotations = useAnnotations(range.current, firstCiId(draft.variables, cis), refreshKey);

  const defaultDs =
    datasources.data?.find((d) => d.isDefault) ?? (datasources.data?.length === 1 ? datasources.data[0] : undefined);
  // One object per value: every panel compares it by identity before re-rendering.
  const defaultSource = useMemo<QuerySource>(
    () => draft.source ?? (defaultDs ? { kind: 'prometheus', datasourceId: defaultDs.id } : { kind: 'local' }),
    [draft.source, defaultDs],
  );
  const dirty = JSON.stringify(draft) !== JSON.stringify(bodyOf(saved));
  const builtIn = saved.builtIn;

  const refresh = useCallback(() => setRefreshKey((k) => k + 1), []);
  const onZoom = useCallback((from: number, to: number) => setRange((s) => zoomTo(s, from, to)), []);
  const onAction = (a: PanelAction) => {
    if (a.kind === 'edit') setEditorPanel(draft.panels.find((p) => p.id === a.id) ?? null);
    else setDraft((d) => ({ ...d, panels: applyLayoutAction(d.panels, a) }));
  };

  const onCi = (name: string, ci: CiInfo | null) => {
    // The host page is about one CI: another pick opens that CI's page.
    if (target.mode === 'host' && ci && name === hostVar) {
      location.hash = hostHash(ci.id);
      return;
    }
    setCi(name, ci);
    setDraft((d) => ({
      ...d,
      variables: d.variables.map((v) => (v.name === name ? { ...v, current: ci?.name ?? '' } : v)),
    }));
  };
  const onCustom = (name: string, value: string) =>
    setDraft((d) => ({ ...d, variables: d.variables.map((v) => (v.name === name ? { ...v, current: value } : v)) }));

  const save = async () => {
    setSaving(true);
    try {
      const out = await client.call('monitoring.dashboards.save', { ...draft, ...(saved.id ? { id: saved.id } : {}) });
      notifyOk(`Dashboard ${out.title} saved.`);
      setSaved(out);
      setDraft(bodyOf(out));
      setEditing(false);
      if (!saved.id) location.hash = dashboardHash(out.id);
    } catch (e) {
      notifyError(e, 'Could not save the dashboard');
    } finally {
      setSaving(false);
    }
  };
  const saveCopy = async (title: string) => {
    setSaving(true);
    setCopyError(null);
    try {
      const out = await client.call('monitoring.dashboards.save', {
        ...draft,
        title,
        tags: draft.tags.filter((t) => t !== 'built-in'),
        range: range.current,
        refreshSec,
      });
      notifyOk(`Saved as ${out.title}.`);
      setCopyOpen(false);
      location.hash = dashboardHash(out.id);
    } catch (e) {
      setCopyError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm" data-testid={builtIn ? 'host-dashboard' : 'dashboard-page'} data-dashboard-id={saved.id}>
      <DashboardToolbar
        title={draft.title}
        description={draft.description}
        builtIn={builtIn}
        editing={editing}
        dirty={dirty}
        saving={saving}
        range={range.current}
        canGoBack={canGoBack(range)}
        refreshSec={refreshSec}
        onRange={(r: TimeRange) => setRange((s) => pushRange(s, r))}
        onBack={() => setRange(back)}
        onRefreshSec={setRefreshSec}
        onRefresh={refresh}
        onEdit={() => setEditing(true)}
        onCancel={() => {
          if (!saved.id) {
            location.hash = '#/dashboards';
            return;
          }
          setDraft(bodyOf(saved));
          setEditing(false);
        }}
        onSave={() => void save()}
        onAddPanel={() => setEditorPanel(newPanel(draft.panels))}
        onSettings={() => setSettingsOpen(true)}
        onSaveCopy={() => {
          setCopyError(null);
          setCopyOpen(true);
        }}
      />
      <VariablesBar variables={draft.variables} cis={cis} onCi={onCi} onCustom={onCustom} />
      {draft.panels.length === 0 ? (
        <Stack align="center" py="xl" gap="xs" data-testid="dashboard-empty">
          <Text c="dimmed">This dashboard has no panels yet.</Text>
          {!builtIn && (
            <Button
              size="xs"
              onClick={() => {
                setEditing(true);
                setEditorPanel(newPanel(draft.panels));
              }}
            >
              Add a panel
            </Button>
          )}
        </Stack>
      ) : (
        <PanelGrid
          panels={draft.panels}
          range={range.current}
          variables={variables}
          defaultSource={defaultSource}
          syncId={`dashboard-${saved.id || 'new'}`}
          refreshKey={refreshKey}
          annotations={annotations}
          onZoom={onZoom}
          onAction={editing && !builtIn ? onAction : undefined}
        />
      )}
      <PanelEditor
        panel={editorPanel}
        datasources={datasources.data ?? []}
        defaultSource={defaultSource}
        range={range.current}
        variables={variables}
        onApply={(p) => {
          setDraft((d) => ({ ...d, panels: upsertPanel(d.panels, p) }));
          setEditorPanel(null);
        }}
        onClose={() => setEditorPanel(null)}
      />
      <DashboardSettings
        opened={settingsOpen}
        value={draft}
        datasources={datasources.data ?? []}
        onApply={(s) => {
          setDraft((d) => ({ ...d, ...s }));
          setSettingsOpen(false);
        }}
        onClose={() => setSettingsOpen(false)}
      />
      <SaveCopyModal
        opened={copyOpen}
        initialTitle={builtIn ? draft.title : `${draft.title} (copy)`}
        busy={saving}
        error={copyError}
        onSave={(t) => void saveCopy(t)}
        onClose={() => setCopyOpen(false)}
      />
    </Stack>
  );
}
