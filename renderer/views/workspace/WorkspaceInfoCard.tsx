import { Alert, Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import type { WorkspaceInfo } from '../../../shared/api/workspace';
import { formatBytes, formatTime } from '../format';

function Field({ label, value, testid }: { label: string; value: string; testid?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" data-testid={testid} style={{ wordBreak: 'break-all' }}>
        {value}
      </Text>
    </div>
  );
}

export function WorkspaceInfoCard({ info, error }: { info?: WorkspaceInfo; error: string | null }) {
  if (error) return <Alert color="red">{error}</Alert>;
  if (!info) return <Skeleton h={90} />;
  return (
    <Paper withBorder p="md" data-testid="workspace-info">
      <SimpleGrid cols={{ base: 2, md: 3 }}>
        <Field label="Path" value={info.path} testid="workspace-path" />
        <Field label="Size" value={formatBytes(info.sizeBytes)} />
        <Field label="WAL size" value={formatBytes(info.walBytes)} />
        <Field label="Schema version" value={`${info.schemaVersion} (app ${info.appSchemaVersion})`} />
        <Field label="Created" value={formatTime(info.createdAt)} />
        <Field label="Last snapshot" value={formatTime(info.lastSnapshotAt)} testid="workspace-last-snapshot" />
      </SimpleGrid>
    </Paper>
  );
}
