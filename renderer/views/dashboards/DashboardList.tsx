import { Alert, Anchor, Badge, Button, Checkbox, FileButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconDatabase, IconDownload, IconFileImport, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { notifyError, notifyOk } from '../../shell/notify';
import { downloadText } from '../batch/download';
import { CiSearchSelect } from '../ci/CiSearchSelect';
import { formatTime } from '../format';
import { IconAction } from '../monitoring-common/IconAction';
import { ToolbarButton } from '../monitoring-common/ToolbarButton';
import { useConfirmedDelete } from '../monitoring-common/use-row-actions';
import { DeleteConfirm } from '../monitoring-common/DeleteConfirm';
import { dashboardHash, datasourcesHash, hostHash, newHash } from './dashboards-route';

/** Saved dashboards: open, create, import a file, export, delete; the way to the datasources and host pages. */
export function DashboardList() {
  const list = useCall('monitoring.dashboards.list');
  const [overwrite, setOverwrite] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  const importFile = async (file: File | null) => {
    if (!file) return;
    setImportError(null);
    setImporting(true);
    try {
      const json = await file.text();
      const d = await client.call('monitoring.dashboards.import', { json, overwrite });
      notifyOk(`Imported ${d.title}.`);
      list.reload();
    } catch (e) {
      // The message names the first bad place in the file; nothing was changed.
      setImportError(`${file.name}: ${errorMessage(e)}`);
    } finally {
      setImporting(false);
    }
  };
  const exportOne = async (id: string) => {
    try {
      const out = await client.call('monitoring.dashboards.export', { id });
      downloadText(out.fileName, out.json, 'application/json');
    } catch (e) {
      notifyError(e, 'Could not export the dashboard');
    }
  };
  const del = useConfirmedDelete({
    remove: (d: { id: string; title: string }) => client.call('monitoring.dashboards.delete', { id: d.id }),
    done: (d) => `Dashboard ${d.title} deleted.`,
    failed: 'Could not delete the dashboard',
    reload: list.reload,
  });

  const rows = list.data ?? [];
  return (
    <Stack gap="sm" data-testid="dashboards-list">
      <Group justify="space-between">
        <Title order={3}>Dashboards</Title>
        <Group gap="xs">
          <ToolbarButton icon={IconPlus} href={newHash} testId="dashboards-new">
            New dashboard
          </ToolbarButton>
          <FileButton onChange={(f) => void importFile(f)} accept="application/json,.json">
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant="default"
                loading={importing}
                leftSection={<IconFileImport size={14} />}
                data-testid="dashboards-import"
              >
                Import…
              </Button>
            )}
          </FileButton>
          <Checkbox
            size="xs"
            label="replace one with the same title"
            checked={overwrite}
            onChange={(e) => setOverwrite(e.currentTarget.checked)}
            data-testid="dashboards-import-overwrite"
          />
          <ToolbarButton variant="default" icon={IconDatabase} href={datasourcesHash} testId="datasources">
            Datasources
          </ToolbarButton>
        </Group>
      </Group>
      {importError && (
        <Alert
          color="red"
          title="Nothing was imported"
          withCloseButton
          onClose={() => setImportError(null)}
          data-testid="dashboards-import-error"
        >
          {importError}
        </Alert>
      )}
      <Group gap="xs" align="flex-end">
        <div style={{ width: 320 }}>
          <CiSearchSelect
            label="Host dashboard"
            placeholder="Open the built-in dashboard of a host…"
            types={['host', 'vm']}
            value={null}
            testId="dashboards-open-host"
            onChange={(ci) => ci && (location.hash = hostHash(ci.id))}
          />
        </div>
      </Group>
      {list.error && <Alert color="red">{list.error}</Alert>}
      {!list.loading && rows.length === 0 && !list.error && (
        <Text c="dimmed" size="sm" data-testid="dashboards-empty">
          No saved dashboards yet. Create one, import a file, or open a host dashboard and save it as a copy.
        </Text>
      )}
      {rows.length > 0 && (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Title</Table.Th>
              <Table.Th>Tags</Table.Th>
              <Table.Th>Panels</Table.Th>
              <Table.Th>Updated</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr key={d.id} data-testid={`dashboard-row-${d.id}`}>
                <Table.Td>
                  <Anchor href={dashboardHash(d.id)} data-testid="dashboard-open">
                    {d.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {d.tags.map((t) => (
                      <Badge key={t} size="xs" variant="dot">
                        {t}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{d.panels}</Table.Td>
                <Table.Td>{formatTime(d.updatedAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <IconAction
                      icon={IconDownload}
                      tip="Export as JSON"
                      label={`Export ${d.title}`}
                      testId="dashboard-export"
                      onClick={() => void exportOne(d.id)}
                    />
                    <IconAction
                      icon={IconTrash}
                      tip="Delete"
                      color="red"
                      label={`Delete ${d.title}`}
                      testId="dashboard-delete"
                      onClick={() => del.ask({ id: d.id, title: d.title })}
                    />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <DeleteConfirm
        del={del}
        title="Delete the dashboard?"
        cancelLabel="Keep it"
        testId="dashboard-delete-confirm"
        confirmTestId="dashboard-delete-yes"
      >
        <Text size="sm">
          {del.deleting?.title} will be deleted from this workspace. Export it first to keep a copy.
        </Text>
      </DeleteConfirm>
    </Stack>
  );
}
