import { Alert, Badge, Button, Group, Table, Text } from '@mantine/core';
import { useEffect } from 'react';
import type { HostState } from '../../../shared/api/ssh';
import { useCall } from '../../api/use-call';
import { formatTime } from '../format';
import { stateColor } from './batch-state';

/** Earlier runs, newest first; a click opens one in the run panel. */
export function RunHistory({ onOpen, tick }: { onOpen: (runId: string) => void; tick: number }) {
  const list = useCall('ssh.batch.list', { limit: 100 });
  const { reload } = list;
  useEffect(() => reload(), [tick, reload]);
  const runs = list.data?.runs ?? [];
  return (
    <>
      <Group justify="flex-end">
        <Button size="xs" variant="subtle" onClick={reload}>
          Refresh
        </Button>
      </Group>
      {list.error && <Alert color="red">{list.error}</Alert>}
      <Table highlightOnHover fz="xs" data-testid="batch-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Command</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Hosts</Table.Th>
            <Table.Th>Outcome</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((r) => (
            <Table.Tr
              key={r.id}
              data-testid="batch-history-row"
              data-id={r.id}
              style={{ cursor: 'pointer' }}
              onClick={() => onOpen(r.id)}
            >
              <Table.Td>{formatTime(r.createdAt)}</Table.Td>
              <Table.Td>{r.kind}</Table.Td>
              <Table.Td ff="monospace" maw={320} style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {r.command}
              </Table.Td>
              <Table.Td>{r.actor}</Table.Td>
              <Table.Td>{r.total}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {(Object.entries(r.counts) as [HostState, number][])
                    .filter(([, n]) => n > 0)
                    .map(([s, n]) => (
                      <Badge key={s} size="xs" color={stateColor[s]}>
                        {s} {n}
                      </Badge>
                    ))}
                  {!r.finishedAt && (
                    <Badge size="xs" variant="outline">
                      running
                    </Badge>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {runs.length === 0 && !list.loading && (
        <Text size="sm" c="dimmed" p="md">
          No runs yet.
        </Text>
      )}
    </>
  );
}
