import { Alert, Badge, Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useEffect } from 'react';
import { client } from '../../api/client';
import { useCall } from '../../api/use-call';
import { PendingHostKeys } from '../../shell/hostkey-review-list';
import { useHostKeyReview } from '../../shell/hostkey-review-store';
import { ImportExport } from './ImportExport';
import { KnownHostsTable } from './KnownHostsTable';

/** The workspace's known host keys, the keys waiting for a decision, and known_hosts import/export. */
export function HostKeysView() {
  const list = useCall('ssh.hostkeys.list', {});
  const pending = useHostKeyReview((s) => s.pending);
  const { reload } = list;

  useEffect(() => {
    void useHostKeyReview
      .getState()
      .reload()
      .catch(() => {});
  }, []);
  // Decisions made in the dialog or here change the known list too.
  useEffect(() => useHostKeyReview.subscribe((s, prev) => s.pending !== prev.pending && reload()), [reload]);
  useEffect(() => client.on('ssh.hostkeys.pending', () => reload()), [reload]);

  return (
    <Stack data-testid="view-hostkeys" gap="md">
      <Group justify="space-between">
        <Title order={3}>Known hosts</Title>
        <Button size="xs" variant="subtle" onClick={reload}>
          Refresh
        </Button>
      </Group>
      <Paper withBorder p="sm">
        <Title order={5} mb="xs">
          Waiting for review{' '}
          {pending.length > 0 && (
            <Badge color="yellow" size="sm">
              {pending.length}
            </Badge>
          )}
        </Title>
        <PendingHostKeys pending={pending} />
      </Paper>
      <ImportExport onImported={reload} />
      {list.error && <Alert color="red">{list.error}</Alert>}
      <KnownHostsTable known={list.data?.known ?? []} onChanged={reload} />
    </Stack>
  );
}
