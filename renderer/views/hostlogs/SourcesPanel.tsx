import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { LogSource } from '../../../shared/api/monitoring-logs';
import { client } from '../../api/client';
import { notifyError, notifyOk } from '../../shell/notify';
import { Ago, useNow } from '../alerts/bits';
import { DeleteConfirm } from '../monitoring-common/DeleteConfirm';
import { ErrorLine } from '../monitoring-common/ErrorLine';
import { ToolbarButton } from '../monitoring-common/ToolbarButton';
import { useConfirmedDelete, useRowAction } from '../monitoring-common/use-row-actions';
import { SourceModal } from './SourceModal';

interface Props {
  sources: LogSource[] | undefined;
  error: string | null;
  reload: () => void;
}

/** Where lines come from: per host, the journal or a file, with the last pull and its error. */
export function SourcesPanel({ sources, error, reload }: Props) {
  const now = useNow();
  const [editing, setEditing] = useState<LogSource | 'new' | null>(null);

  const pulling = useRowAction('Could not pull', reload);
  const pull = (ids: string[], key: string) =>
    pulling.run(key, async () => {
      const r = await client.call('monitoring.logs.pull', { sourceIds: ids });
      const failed = r.filter((s) => s.lastError);
      if (failed.length) notifyError(failed[0].lastError, `${failed.length} of ${r.length} sources failed to pull`);
      else notifyOk(`Pulled ${r.length} source${r.length === 1 ? '' : 's'}.`);
    });
  const del = useConfirmedDelete({
    remove: (s: LogSource) => client.call('monitoring.logs.sources.delete', { id: s.id }),
    done: () => 'Source removed; its stored lines stay until retention removes them.',
    failed: 'Could not remove the source',
    reload,
  });

  return (
    <Stack gap="xs" data-testid="hostlogs-sources">
      <Group gap="xs">
        <ToolbarButton icon={IconPlus} testId="hostlogs-source-add" onClick={() => setEditing('new')}>
          Add source
        </ToolbarButton>
        <ToolbarButton
          variant="default"
          icon={IconDownload}
          loading={pulling.running === '*'}
          disabled={!sources?.length}
          testId="hostlogs-pull-all"
          onClick={() => void pull([], '*')}
        >
          Pull all now
        </ToolbarButton>
      </Group>
      {error && (
        <Alert color="red" title="Could not read the log sources">
          {error}
        </Alert>
      )}
      {sources && sources.length === 0 && (
        <Text size="sm" c="dimmed">
          No log sources yet: add a host&apos;s journal or a log file to pull.
        </Text>
      )}
      {sources && sources.length > 0 && (
        <Table fz="xs" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Host</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Every</Table.Th>
              <Table.Th>Lines</Table.Th>
              <Table.Th>Last pull</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sources.map((s) => (
              <Table.Tr key={s.id} data-testid="hostlogs-source-row" style={s.enabled ? undefined : { opacity: 0.6 }}>
                <Table.Td fw={500}>
                  {s.ci.name}
                  {!s.enabled && (
                    <Badge ml={6} size="xs" variant="outline" color="gray">
                      paused
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ff="monospace">
                  {s.kind === 'file' ? s.path : `journal${s.units.length ? `: ${s.units.join(', ')}` : ''}`}
                </Table.Td>
                <Table.Td>{s.intervalSec}s</Table.Td>
                <Table.Td>{s.lines.toLocaleString()}</Table.Td>
                <Table.Td>
                  {s.lastPullAt === null ? <Text size="xs">never</Text> : <Ago ms={s.lastPullAt} now={now} />}
                  <ErrorLine error={s.lastError} lines={1} testId="hostlogs-source-error" />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="light"
                      loading={pulling.running === s.id}
                      data-testid="hostlogs-source-pull"
                      onClick={() => void pull([s.id], s.id)}
                    >
                      Pull now
                    </Button>
                    <Button size="compact-xs" variant="default" onClick={() => setEditing(s)}>
                      Edit
                    </Button>
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => del.ask(s)}>
                      Remove
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <SourceModal editing={editing} onClose={() => setEditing(null)} onSaved={reload} />
      <DeleteConfirm
        del={del}
        title="Stop pulling this source?"
        confirmLabel="Remove"
        confirmTestId="hostlogs-source-delete-confirm"
      >
        <Text size="sm">
          {del.deleting?.ci.name}: {del.deleting?.kind === 'file' ? del.deleting.path : 'journal'}. Lines already stored
          stay searchable until retention removes them.
        </Text>
      </DeleteConfirm>
    </Stack>
  );
}
