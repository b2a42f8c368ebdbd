import { Alert, Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconPencil, IconPlugConnected, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { CallOutput } from '../../../../shared/api/index';
import type { Datasource } from '../../../../shared/api/monitoring-query';
import { client } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useCall } from '../../../api/use-call';
import { notifyOk } from '../../../shell/notify';
import { listHash } from '../dashboards-route';
import { DatasourceEditor } from './DatasourceEditor';
import { DeleteConfirm } from '../../monitoring-common/DeleteConfirm';
import { IconAction } from '../../monitoring-common/IconAction';
import { ToolbarButton } from '../../monitoring-common/ToolbarButton';
import { useConfirmedDelete } from '../../monitoring-common/use-row-actions';

type Health = CallOutput<'monitoring.datasources.test'>;

const authLabel = (d: Datasource) =>
  d.auth.kind === 'none' ? 'none' : d.auth.kind === 'bearer' ? 'bearer token' : `basic (${d.auth.username})`;

/** Prometheus datasources: add, edit, test (through the tunnel, with the credential), delete. */
export function DatasourcesPage() {
  const list = useCall('monitoring.datasources.list');
  const [editing, setEditing] = useState<Datasource | 'new' | null>(null);
  const [health, setHealth] = useState<Record<string, Health | { error: string } | 'testing'>>({});
  const rows = list.data ?? [];

  const test = async (d: Datasource) => {
    setHealth((h) => ({ ...h, [d.id]: 'testing' }));
    try {
      const r = await client.call('monitoring.datasources.test', { id: d.id });
      setHealth((h) => ({ ...h, [d.id]: r }));
    } catch (e) {
      setHealth((h) => ({ ...h, [d.id]: { error: errorMessage(e) } }));
    }
  };
  const del = useConfirmedDelete({
    remove: (d: Datasource) => client.call('monitoring.datasources.delete', { id: d.id }),
    done: (d) => `Datasource ${d.name} deleted.`,
    failed: 'Could not delete the datasource',
    reload: list.reload,
  });

  return (
    <Stack gap="sm" data-testid="datasources-page">
      <Anchor size="xs" href={listHash}>
        ← Dashboards
      </Anchor>
      <Group justify="space-between">
        <Title order={3}>Prometheus datasources</Title>
        <ToolbarButton icon={IconPlus} onClick={() => setEditing('new')} testId="datasource-new">
          Add datasource
        </ToolbarButton>
      </Group>
      {list.error && <Alert color="red">{list.error}</Alert>}
      {!list.loading && !list.error && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No datasources yet. Panels can still use the series the SSH collector keeps in this workspace (Local).
        </Text>
      )}
      {rows.length > 0 && (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>URL</Table.Th>
              <Table.Th>Auth</Table.Th>
              <Table.Th>Health</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => {
              const h = health[d.id];
              return (
                <Table.Tr key={d.id} data-testid={`datasource-row-${d.name}`}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm">{d.name}</Text>
                      {d.isDefault && (
                        <Badge size="xs" variant="light">
                          default
                        </Badge>
                      )}
                      {d.tunnelVia && (
                        <Badge size="xs" variant="outline">
                          tunnel
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {d.url}
                    </Text>
                  </Table.Td>
                  <Table.Td>{authLabel(d)}</Table.Td>
                  <Table.Td data-testid={`datasource-health-${d.name}`}>
                    {h === undefined ? (
                      <Text size="xs" c="dimmed">
                        not tested
                      </Text>
                    ) : h === 'testing' ? (
                      <Text size="xs">testing…</Text>
                    ) : 'error' in h ? (
                      <Text size="xs" c="red">
                        {h.error}
                      </Text>
                    ) : (
                      <Text size="xs" c={h.ok ? 'green' : 'red'}>
                        {h.ok ? `ok · Prometheus ${h.version ?? '?'} · ${Math.round(h.latencyMs ?? 0)} ms` : h.message}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <IconAction
                        icon={IconPlugConnected}
                        tip="Test"
                        label={`Test ${d.name}`}
                        testId="datasource-test"
                        onClick={() => void test(d)}
                      />
                      <IconAction
                        icon={IconPencil}
                        tip="Edit"
                        label={`Edit ${d.name}`}
                        testId="datasource-edit"
                        onClick={() => setEditing(d)}
                      />
                      <IconAction
                        icon={IconTrash}
                        tip="Delete"
                        color="red"
                        label={`Delete ${d.name}`}
                        testId="datasource-delete"
                        onClick={() => del.ask(d)}
                      />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <DatasourceEditor
        editing={editing}
        isFirst={rows.length === 0}
        onSaved={(d) => {
          notifyOk(`Datasource ${d.name} saved.`);
          setEditing(null);
          list.reload();
        }}
        onClose={() => setEditing(null)}
      />
      <DeleteConfirm
        del={del}
        title="Delete the datasource?"
        cancelLabel="Keep it"
        confirmTestId="datasource-delete-yes"
      >
        <Text size="sm">
          Panels and alert rules that use {del.deleting?.name} will show an error naming it until they are pointed
          elsewhere.
        </Text>
      </DeleteConfirm>
    </Stack>
  );
}
