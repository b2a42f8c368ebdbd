import { Alert, Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useCall } from '../../api/use-call';
import { formatTime } from '../format';
import { formatValue } from './alerts-pure';
import { Ago, LabelChips, StateBadge, useNow } from './bits';
import { useAlertHistory } from './use-history';

export function HistoryTab() {
  const [ruleId, setRuleId] = useState<string | null>(null);
  const rules = useCall('monitoring.alerts.rules.list');
  const history = useAlertHistory(ruleId);
  const now = useNow();
  return (
    <Stack gap="xs" data-testid="alerts-history">
      <Group>
        <Select
          size="xs"
          w={280}
          label="Rule"
          placeholder="All rules"
          clearable
          searchable
          data-testid="alerts-history-rule"
          data={(rules.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          value={ruleId}
          onChange={setRuleId}
        />
      </Group>
      {history.error && (
        <Alert color="red" title="Could not read the alert history">
          {history.error}
        </Alert>
      )}
      {!history.loading && !history.error && history.events.length === 0 && (
        <Text size="sm" c="dimmed">
          No transitions yet.
        </Text>
      )}
      {history.events.length > 0 && (
        <Table fz="xs" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Rule</Table.Th>
              <Table.Th>Transition</Table.Th>
              <Table.Th>Labels</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.events.map((e) => (
              <Table.Tr key={e.id} data-testid="alert-event" data-to={e.to}>
                <Table.Td>
                  <Text size="xs">{formatTime(e.at)}</Text>
                  <Text size="xs" c="dimmed">
                    <Ago ms={e.at} now={now} />
                  </Text>
                </Table.Td>
                <Table.Td fw={500}>{e.ruleName}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <StateBadge state={e.from} />
                    <IconArrowRight size={12} />
                    <StateBadge state={e.to} />
                  </Group>
                </Table.Td>
                <Table.Td>
                  <LabelChips labels={e.labels} />
                </Table.Td>
                <Table.Td ff="monospace">{formatValue(e.value)}</Table.Td>
                <Table.Td>
                  {e.silenced && (
                    <Badge size="xs" variant="outline" color="gray">
                      silenced
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {history.hasMore && (
        <Button
          size="xs"
          variant="default"
          data-testid="alerts-history-more"
          loading={history.loading}
          onClick={history.loadMore}
        >
          Load more
        </Button>
      )}
    </Stack>
  );
}
