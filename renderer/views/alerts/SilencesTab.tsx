import { Alert, Badge, Button, Code, Group, Loader, Stack, Switch, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Silence } from '../../../shared/api/monitoring-alerts';
import { client } from '../../api/client';
import { useCall } from '../../api/use-call';
import { ConfirmModal } from '../monitoring-common/ConfirmModal';
import { notifyError, notifyOk } from '../../shell/notify';
import { Ago, useNow } from './bits';
import { matcherText } from './silence-form';

const stateColor: Record<Silence['state'], string> = { active: 'blue', pending: 'yellow', expired: 'gray' };
const stateOrder: Record<Silence['state'], number> = { active: 0, pending: 1, expired: 2 };

interface Props {
  refreshKey: number;
  onNew: () => void;
  /** a silence ended: the firing list and the badge may change */
  onChanged: () => void;
}

export function SilencesTab({ refreshKey, onNew, onChanged }: Props) {
  const list = useCall('monitoring.silences.list');
  const { reload } = list;
  const now = useNow();
  const [showExpired, setShowExpired] = useState(false);
  const [expiring, setExpiring] = useState<Silence | null>(null);
  useEffect(() => {
    if (refreshKey) reload();
  }, [refreshKey, reload]);

  const all = [...(list.data ?? [])].sort(
    (a, b) => stateOrder[a.state] - stateOrder[b.state] || b.createdAt - a.createdAt,
  );
  const expiredCount = all.filter((s) => s.state === 'expired').length;
  const rows = showExpired ? all : all.filter((s) => s.state !== 'expired');

  const expire = async () => {
    if (!expiring) return;
    try {
      await client.call('monitoring.silences.expire', { id: expiring.id });
      notifyOk('The silence has ended.');
      reload();
      onChanged();
    } catch (e) {
      notifyError(e, 'Could not expire the silence');
    }
    setExpiring(null);
  };

  return (
    <Stack gap="xs" data-testid="silences">
      <Group justify="space-between">
        <Button size="xs" leftSection={<IconPlus size={14} />} data-testid="silence-new" onClick={onNew}>
          New silence
        </Button>
        <Switch
          size="xs"
          label={`Show expired (${expiredCount})`}
          checked={showExpired}
          onChange={(e) => setShowExpired(e.currentTarget.checked)}
        />
      </Group>
      {list.error && (
        <Alert color="red" title="Could not read the silences">
          {list.error}
        </Alert>
      )}
      {list.loading && !list.data && <Loader size="sm" />}
      {list.data && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No {showExpired ? '' : 'active or pending '}silences.
        </Text>
      )}
      {rows.length > 0 && (
        <Table fz="xs" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>State</Table.Th>
              <Table.Th>Matchers</Table.Th>
              <Table.Th>Starts</Table.Th>
              <Table.Th>Ends</Table.Th>
              <Table.Th>Comment</Table.Th>
              <Table.Th>Created by</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.id} data-testid="silence-row" data-state={s.state}>
                <Table.Td>
                  <Badge size="sm" variant="light" color={stateColor[s.state]}>
                    {s.state}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {s.matchers.map((m, i) => (
                      <Code key={i} fz="xs">
                        {matcherText(m)}
                      </Code>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Ago ms={s.startsAt} now={now} />
                </Table.Td>
                <Table.Td>
                  <Ago ms={s.endsAt} now={now} />
                </Table.Td>
                <Table.Td maw={320}>
                  <Text size="xs" lineClamp={2}>
                    {s.comment}
                  </Text>
                </Table.Td>
                <Table.Td>{s.createdBy}</Table.Td>
                <Table.Td>
                  {s.state !== 'expired' && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      color="orange"
                      data-testid="silence-expire"
                      onClick={() => setExpiring(s)}
                    >
                      Expire
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmModal
        opened={expiring !== null}
        title="End this silence now?"
        confirmLabel="Expire"
        color="orange"
        confirmTestId="silence-expire-confirm"
        onConfirm={() => void expire()}
        onClose={() => setExpiring(null)}
      >
        <Text size="sm">Matching alerts that are firing will notify again.</Text>
        <Group gap={4}>
          {expiring?.matchers.map((m, i) => (
            <Code key={i}>{matcherText(m)}</Code>
          ))}
        </Group>
      </ConfirmModal>
    </Stack>
  );
}
