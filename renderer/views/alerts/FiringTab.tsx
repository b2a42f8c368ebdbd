import { Alert, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import type { AlertInstance } from '../../../shared/api/monitoring-alerts';
import type { Matcher } from '../../../shared/api/monitoring-model';
import { client } from '../../api/client';
import { useCall } from '../../api/use-call';
import { useAlertBadge } from '../../shell/alerts-notify';
import { alertKey, formatValue, isSilenced, matchersFromLabels, sortAlerts, summaryOf } from './alerts-pure';
import { Ago, LabelChips, SilencedBadge, StateBadge, useNow } from './bits';

interface Props {
  /** bumped by the view when a silence was made, so silenced marks show at once */
  refreshKey: number;
  onSilence: (matchers: Matcher[]) => void;
}

/** Pending and firing alerts, silenced ones dimmed but listed; live on every transition. */
export function FiringTab({ refreshKey, onSilence }: Props) {
  const active = useCall('monitoring.alerts.active');
  const { reload } = active;
  const now = useNow();
  useEffect(() => client.on('monitoring.alerts.transition', () => reload()), [reload]);
  useEffect(() => {
    if (refreshKey) reload();
  }, [refreshKey, reload]);
  // The badge follows what this table shows (a silence changes both without a transition).
  useEffect(() => {
    if (active.data) useAlertBadge.getState().replace(active.data);
  }, [active.data]);
  const rows = useMemo(() => sortAlerts(active.data ?? []), [active.data]);

  return (
    <Stack gap="xs" data-testid="alerts-firing">
      {active.error && (
        <Alert color="red" title="Could not read the active alerts" data-testid="alerts-firing-error">
          {active.error}
        </Alert>
      )}
      {active.loading && !active.data && <Loader size="sm" />}
      {active.data && rows.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="alerts-none">
          Nothing is pending or firing.
        </Text>
      )}
      {rows.length > 0 && (
        <Table fz="xs" verticalSpacing={6} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={170}>State</Table.Th>
              <Table.Th>Rule</Table.Th>
              <Table.Th>Labels</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>Active since</Table.Th>
              <Table.Th>Firing since</Table.Th>
              <Table.Th>Summary</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((a) => (
              <AlertRow key={alertKey(a)} alert={a} now={now} onSilence={onSilence} />
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function AlertRow({ alert: a, now, onSilence }: { alert: AlertInstance; now: number; onSilence: Props['onSilence'] }) {
  const silenced = isSilenced(a);
  return (
    <Table.Tr
      data-testid="alert-row"
      data-state={a.state}
      data-rule={a.ruleName}
      data-silenced={silenced}
      style={silenced ? { opacity: 0.55 } : undefined}
    >
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <StateBadge state={a.state} />
          {silenced && <SilencedBadge />}
        </Group>
      </Table.Td>
      <Table.Td fw={500}>{a.ruleName}</Table.Td>
      <Table.Td>
        <LabelChips labels={a.labels} />
      </Table.Td>
      <Table.Td ff="monospace">{formatValue(a.value)}</Table.Td>
      <Table.Td>
        <Ago ms={a.activeAt} now={now} />
      </Table.Td>
      <Table.Td>
        <Ago ms={a.firedAt} now={now} />
      </Table.Td>
      <Table.Td maw={360}>
        <Text size="xs" lineClamp={2}>
          {summaryOf(a)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Button
          size="compact-xs"
          variant="light"
          data-testid="alert-silence"
          onClick={() => onSilence(matchersFromLabels(a.labels))}
        >
          Silence…
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
