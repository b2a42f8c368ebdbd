import { Alert, Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useCall } from '../../api/use-call';
import { formatTime } from '../format';
import { formatValue } from './alerts-pure';
import { Ago, LabelChips, StateBadge, useNow } from './bits';
import { useAlertHistory } from './use-history';
import { VirtualTable } from './VirtualTable';
import { ellipsisCell } from '../virtual-row';

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
        <VirtualTable
          items={history.events}
          keyOf={(e) => e.id}
          columns="150px minmax(100px, 1fr) 190px minmax(140px, 2fr) 90px 70px"
          header={['Time', 'Rule', 'Transition', 'Labels', 'Value', '']}
          rowHeight={40}
          rowProps={(e) => ({ 'data-testid': 'alert-event', 'data-to': e.to })}
          row={(e) => (
            <>
              <div>
                <Text size="xs">{formatTime(e.at)}</Text>
                <Text size="xs" c="dimmed">
                  <Ago ms={e.at} now={now} />
                </Text>
              </div>
              <Text size="xs" fw={500} style={ellipsisCell} title={e.ruleName}>
                {e.ruleName}
              </Text>
              <Group gap={4} wrap="nowrap">
                <StateBadge state={e.from} />
                <IconArrowRight size={12} />
                <StateBadge state={e.to} />
              </Group>
              <LabelChips labels={e.labels} oneLine />
              <Text size="xs" ff="monospace">
                {formatValue(e.value)}
              </Text>
              <div>
                {e.silenced && (
                  <Badge size="xs" variant="outline" color="gray">
                    silenced
                  </Badge>
                )}
              </div>
            </>
          )}
        />
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
