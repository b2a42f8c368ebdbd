import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import type { AlertInstance } from '../../../shared/api/monitoring-alerts';
import type { Matcher } from '../../../shared/api/monitoring-model';
import { useCall } from '../../api/use-call';
import { ellipsisCell } from '../virtual-row';
import { useAlertBadge } from '../../shell/alerts-notify';
import { alertKey, formatValue, isSilenced, matchersFromLabels, sortAlerts, summaryOf } from './alerts-pure';
import { Ago, LabelChips, SilencedBadge, StateBadge, useNow } from './bits';
import { useTransitionReload } from './use-transition-reload';
import { VirtualTable } from './VirtualTable';

interface Props {
  /** bumped by the view when a silence was made, so silenced marks show at once */
  refreshKey: number;
  onSilence: (matchers: Matcher[]) => void;
}

/** Pending and firing alerts, silenced ones dimmed but listed; live on transitions; only the rows in view are mounted. */
export function FiringTab({ refreshKey, onSilence }: Props) {
  const active = useCall('monitoring.alerts.active');
  const { reload } = active;
  const now = useNow();
  useTransitionReload(reload);
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
        <VirtualTable
          items={rows}
          keyOf={(a: AlertInstance) => alertKey(a)}
          columns={columns}
          header={['State', 'Rule', 'Labels', 'Value', 'Active since', 'Firing since', 'Summary', '']}
          rowProps={(a) => ({
            'data-testid': 'alert-row',
            'data-state': a.state,
            'data-rule': a.ruleName,
            'data-silenced': isSilenced(a),
          })}
          row={(a) => <AlertCells alert={a} now={now} onSilence={onSilence} />}
        />
      )}
    </Stack>
  );
}

const columns = '150px minmax(100px, 1fr) minmax(140px, 2fr) 90px 90px 90px minmax(120px, 2fr) 80px';

function AlertCells({
  alert: a,
  now,
  onSilence,
}: {
  alert: AlertInstance;
  now: number;
  onSilence: Props['onSilence'];
}) {
  const silenced = isSilenced(a);
  const dim = silenced ? { opacity: 0.55 } : undefined;
  return (
    <>
      <Group gap={4} wrap="nowrap">
        <StateBadge state={a.state} />
        {silenced && <SilencedBadge />}
      </Group>
      <Text size="xs" fw={500} style={{ ...ellipsisCell, ...dim }} title={a.ruleName}>
        {a.ruleName}
      </Text>
      <div style={dim}>
        <LabelChips labels={a.labels} oneLine />
      </div>
      <Text size="xs" ff="monospace" style={dim}>
        {formatValue(a.value)}
      </Text>
      <Ago ms={a.activeAt} now={now} />
      <Ago ms={a.firedAt} now={now} />
      <Text size="xs" style={{ ...ellipsisCell, ...dim }} title={summaryOf(a)}>
        {summaryOf(a)}
      </Text>
      <Button
        size="compact-xs"
        variant="light"
        data-testid="alert-silence"
        onClick={() => onSilence(matchersFromLabels(a.labels))}
      >
        Silence…
      </Button>
    </>
  );
}
