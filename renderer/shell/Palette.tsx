import { Spotlight, type SpotlightActionData } from '@mantine/spotlight';
import {
  IconCamera,
  IconFingerprint,
  IconLock,
  IconPalette,
  IconSearch,
  IconShieldCheck,
  IconStack2,
  IconTerminal2,
} from '@tabler/icons-react';
import { useHostKeyReview } from './hostkey-review-store';
import { client } from '../api/client';
import { views } from '../views/registry';
import { notifyError, notifyOk } from './notify';
import { useRoute } from './route-store';
import { useThemeSetting } from './use-theme-setting';
import { useVault } from './vault-store';

async function takeSnapshot() {
  try {
    const s = await client.call('workspace.snapshots.take', {});
    notifyOk(`Snapshot ${s.id} written.`, 'Snapshot taken');
  } catch (e) {
    notifyError(e, 'Snapshot failed');
  }
}

async function verifyChain() {
  try {
    const r = await client.call('audit.verify');
    if (r.ok) notifyOk(`Audit chain intact: ${r.entries} entries`);
    else
      notifyError(
        new Error(`Audit chain broken at entry ${r.firstBad.seq}: ${r.firstBad.reason}`),
        'Audit chain broken',
      );
  } catch (e) {
    notifyError(e);
  }
}

async function lockVault() {
  try {
    useVault.getState().setStatus(await client.call('vault.lock'));
    notifyOk('Vault locked.');
  } catch (e) {
    notifyError(e, 'Could not lock the vault');
  }
}

/** Ctrl/Cmd+K: every view and the everyday actions. */
export function Palette() {
  const navigate = useRoute((s) => s.navigate);
  const { toggle } = useThemeSetting();
  const actions: SpotlightActionData[] = [
    ...views.map((v) => ({
      id: `go-${v.id}`,
      label: `Go to ${v.label}`,
      group: 'Views',
      leftSection: <v.icon size={18} />,
      onClick: () => navigate(v.id),
    })),
    {
      id: 'snapshot',
      label: 'Take snapshot',
      group: 'Actions',
      leftSection: <IconCamera size={18} />,
      onClick: () => void takeSnapshot(),
    },
    {
      id: 'verify',
      label: 'Verify audit chain',
      group: 'Actions',
      leftSection: <IconShieldCheck size={18} />,
      onClick: () => void verifyChain(),
    },
    {
      id: 'vault-lock',
      label: 'Lock vault',
      group: 'Actions',
      leftSection: <IconLock size={18} />,
      onClick: () => void lockVault(),
    },
    {
      id: 'terminal-to',
      label: 'Open terminal to…',
      group: 'Actions',
      leftSection: <IconTerminal2 size={18} />,
      onClick: () => (location.hash = '#/terminals?new=1'),
    },
    {
      id: 'batch-new',
      label: 'New batch run',
      group: 'Actions',
      leftSection: <IconStack2 size={18} />,
      onClick: () => navigate('batch'),
    },
    {
      id: 'hostkeys-review',
      label: 'Review host keys',
      group: 'Actions',
      leftSection: <IconFingerprint size={18} />,
      onClick: () =>
        useHostKeyReview.getState().pending.length > 0
          ? useHostKeyReview.getState().setOpen(true)
          : navigate('hostkeys'),
    },
    {
      id: 'theme',
      label: 'Toggle theme',
      group: 'Actions',
      leftSection: <IconPalette size={18} />,
      onClick: () => void toggle(),
    },
  ];
  return (
    <Spotlight
      actions={actions}
      shortcut={['mod + K']}
      nothingFound="No matching command"
      highlightQuery
      searchProps={
        {
          leftSection: <IconSearch size={18} />,
          placeholder: 'Type a command…',
          'data-testid': 'palette-search',
        } as Spotlight.Search.Props
      }
    />
  );
}
