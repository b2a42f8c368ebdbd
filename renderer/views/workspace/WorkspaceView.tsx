import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconCamera } from '@tabler/icons-react';
import { useState } from 'react';
import type { Snapshot } from '../../../shared/api/workspace';
import { useCall } from '../../api/use-call';
import { CheckPanel } from './CheckPanel';
import { RestoreModal } from './RestoreModal';
import { SnapshotsTable } from './SnapshotsTable';
import { TakeSnapshotModal } from './TakeSnapshotModal';
import { WorkspaceInfoCard } from './WorkspaceInfoCard';

export function WorkspaceView() {
  const info = useCall('workspace.info');
  const snaps = useCall('workspace.snapshots.list');
  const [taking, setTaking] = useState(false);
  const [restoring, setRestoring] = useState<Snapshot | null>(null);
  const refresh = () => {
    info.reload();
    snaps.reload();
  };
  return (
    <Stack data-testid="view-workspace">
      <Title order={3}>Workspace</Title>
      <WorkspaceInfoCard info={info.data} error={info.error} />
      <CheckPanel />
      <Group justify="space-between">
        <Group gap="xs" align="baseline">
          <Title order={4}>Snapshots</Title>
          {snaps.data && (
            <Text size="sm" c="dimmed">
              keeping the newest {snaps.data.keep}
            </Text>
          )}
        </Group>
        <Button
          data-testid="workspace-take-snapshot"
          leftSection={<IconCamera size={16} />}
          onClick={() => setTaking(true)}
        >
          Take snapshot
        </Button>
      </Group>
      {snaps.error && <Text c="red">{snaps.error}</Text>}
      <SnapshotsTable snapshots={snaps.data?.snapshots ?? []} onRestore={setRestoring} />
      <TakeSnapshotModal opened={taking} onClose={() => setTaking(false)} onDone={refresh} />
      <RestoreModal snapshot={restoring} onClose={() => setRestoring(null)} onDone={refresh} />
    </Stack>
  );
}
