import { Alert, Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useCall } from '../../api/use-call';
import { formatBytes, formatTime } from '../format';
import { RecordingPlayer } from './RecordingPlayer';

/** Recorded sessions, newest as the server orders them, each playable. */
export function RecordingsPanel() {
  const list = useCall('ssh.recordings.list');
  const [playing, setPlaying] = useState<{ id: string; title: string } | null>(null);
  const rows = list.data?.recordings ?? [];
  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">
          Sessions opened with “Record this session”.
        </Text>
        <Button size="xs" variant="subtle" onClick={list.reload}>
          Refresh
        </Button>
      </Group>
      {list.error && <Alert color="red">{list.error}</Alert>}
      <Table striped highlightOnHover data-testid="recordings-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Host</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th>Ended</Table.Th>
            <Table.Th>Size</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} data-testid="recording-row" data-id={r.id}>
              <Table.Td>{r.ci.name}</Table.Td>
              <Table.Td>{r.actor}</Table.Td>
              <Table.Td>{formatTime(r.startedAt)}</Table.Td>
              <Table.Td>{r.endedAt ? formatTime(r.endedAt) : 'still open'}</Table.Td>
              <Table.Td>
                {formatBytes(r.bytes)}{' '}
                {r.capped && (
                  <Badge
                    size="xs"
                    color="orange"
                    title="The recording reached its size cap; later output was not kept."
                  >
                    capped
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="light" onClick={() => setPlaying({ id: r.id, title: r.ci.name })}>
                  Play
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && !list.loading && !list.error && (
        <Text c="dimmed" size="sm" p="md">
          No recordings yet.
        </Text>
      )}
      <RecordingPlayer id={playing?.id ?? null} title={playing?.title ?? ''} onClose={() => setPlaying(null)} />
    </>
  );
}
