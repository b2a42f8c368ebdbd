import { Button, Table, Text } from '@mantine/core';
import type { Snapshot } from '../../../shared/api/workspace';
import { formatBytes, formatTime } from '../format';

export function SnapshotsTable({ snapshots, onRestore }: { snapshots: Snapshot[]; onRestore: (s: Snapshot) => void }) {
  if (snapshots.length === 0) return <Text c="dimmed">No snapshots yet.</Text>;
  return (
    <Table striped highlightOnHover data-testid="snapshots-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>File</Table.Th>
          <Table.Th>Reason</Table.Th>
          <Table.Th>Label</Table.Th>
          <Table.Th>Size</Table.Th>
          <Table.Th>Created</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {snapshots.map((s) => (
          <Table.Tr key={s.id} data-testid="snapshot-row" data-id={s.id}>
            <Table.Td ff="monospace" fz="xs">
              {s.id}
            </Table.Td>
            <Table.Td>{s.reason}</Table.Td>
            <Table.Td>{s.label ?? '—'}</Table.Td>
            <Table.Td>{formatBytes(s.sizeBytes)}</Table.Td>
            <Table.Td>{formatTime(s.createdAt)}</Table.Td>
            <Table.Td>
              <Button
                size="compact-xs"
                color="red"
                variant="light"
                data-testid="snapshot-restore"
                onClick={() => onRestore(s)}
              >
                Restore
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
