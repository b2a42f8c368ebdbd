import { Alert, Badge, Button, Code, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { AlertRule } from '../../../shared/api/monitoring-alerts';
import { client } from '../../api/client';
import { useCall } from '../../api/use-call';
import { DeleteConfirm } from '../monitoring-common/DeleteConfirm';
import { ErrorLine } from '../monitoring-common/ErrorLine';
import { notifyOk } from '../../shell/notify';
import { ToolbarButton } from '../monitoring-common/ToolbarButton';
import { useConfirmedDelete, useRowAction } from '../monitoring-common/use-row-actions';
import { countByRule } from './alerts-pure';
import { Ago, useNow } from './bits';
import { RuleEditor } from './RuleEditor';
import { durationText } from '../charts/time';
import { useTransitionReload } from './use-transition-reload';

export function RulesTab() {
  const rules = useCall('monitoring.alerts.rules.list');
  const active = useCall('monitoring.alerts.active');
  const datasources = useCall('monitoring.datasources.list');
  const { reload: reloadRules } = rules;
  const { reload: reloadActive } = active;
  const now = useNow();
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);
  useTransitionReload(() => {
    reloadActive();
    reloadRules();
  });
  const counts = useMemo(() => countByRule(active.data ?? []), [active.data]);
  const dsName = (id: string) => datasources.data?.find((d) => d.id === id)?.name ?? id;

  const evaluation = useRowAction('Could not evaluate', () => {
    reloadRules();
    reloadActive();
  });
  const evaluate = (ruleIds: string[], key: string) =>
    evaluation.run(key, async () => {
      const r = await client.call('monitoring.alerts.evaluate', { ruleIds });
      notifyOk(
        `Evaluated: ${r.filter((a) => a.state === 'firing').length} firing, ${r.filter((a) => a.state === 'pending').length} pending.`,
      );
    });
  const del = useConfirmedDelete({
    remove: (r: AlertRule) => client.call('monitoring.alerts.rules.delete', { id: r.id }),
    done: (r) => `Rule ${r.name} deleted; its alerts are resolved.`,
    failed: 'Could not delete the rule',
    reload: () => {
      reloadRules();
      reloadActive();
    },
  });

  const list = [...(rules.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Stack gap="xs" data-testid="alert-rules">
      <Group gap="xs">
        <ToolbarButton icon={IconPlus} testId="alert-rule-new" onClick={() => setEditing('new')}>
          New rule
        </ToolbarButton>
        <ToolbarButton
          variant="default"
          icon={IconPlayerPlay}
          loading={evaluation.running === '*'}
          disabled={!list.length}
          testId="alert-rules-evaluate"
          onClick={() => void evaluate([], '*')}
        >
          Evaluate all now
        </ToolbarButton>
      </Group>
      {rules.error && (
        <Alert color="red" title="Could not read the alert rules">
          {rules.error}
        </Alert>
      )}
      {rules.loading && !rules.data && <Loader size="sm" />}
      {rules.data && list.length === 0 && (
        <Text size="sm" c="dimmed">
          No alert rules yet.
        </Text>
      )}
      {list.length > 0 && (
        <Table fz="xs" verticalSpacing={6} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rule</Table.Th>
              <Table.Th>Source</Table.Th>
              <Table.Th>Condition</Table.Th>
              <Table.Th>For / every</Table.Th>
              <Table.Th>Now</Table.Th>
              <Table.Th>Last evaluation</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((r) => {
              const c = counts[r.id] ?? { pending: 0, firing: 0 };
              return (
                <Table.Tr
                  key={r.id}
                  data-testid="alert-rule-row"
                  data-rule={r.name}
                  style={r.enabled ? undefined : { opacity: 0.6 }}
                >
                  <Table.Td fw={500}>
                    {r.name}
                    {!r.enabled && (
                      <Badge ml={6} size="xs" color="gray" variant="outline">
                        disabled
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{r.source.kind === 'local' ? 'Local' : dsName(r.source.datasourceId)}</Table.Td>
                  <Table.Td maw={380}>
                    <Code fz="xs" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                      {r.expr}
                      {r.op !== null && r.threshold !== null ? ` ${r.op} ${r.threshold}` : ''}
                    </Code>
                  </Table.Td>
                  <Table.Td>
                    {durationText(r.forMs)} / {durationText(r.intervalMs)}
                  </Table.Td>
                  <Table.Td>
                    <Group
                      gap={4}
                      wrap="nowrap"
                      data-testid="alert-rule-counts"
                      data-firing={c.firing}
                      data-pending={c.pending}
                    >
                      {c.firing > 0 && (
                        <Badge size="sm" color="red">
                          {c.firing} firing
                        </Badge>
                      )}
                      {c.pending > 0 && (
                        <Badge size="sm" color="yellow">
                          {c.pending} pending
                        </Badge>
                      )}
                      {!c.firing && !c.pending && (
                        <Text size="xs" c="dimmed">
                          inactive
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Ago ms={r.lastEvalAt} now={now} />
                    {r.lastEvalMs !== null && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({Math.round(r.lastEvalMs)} ms)
                      </Text>
                    )}
                    <ErrorLine error={r.lastError} lines={2} testId="alert-rule-error" />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="light"
                        data-testid="alert-rule-edit"
                        onClick={() => setEditing(r)}
                      >
                        Edit
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="default"
                        loading={evaluation.running === r.id}
                        onClick={() => void evaluate([r.id], r.id)}
                      >
                        Evaluate now
                      </Button>
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => del.ask(r)}>
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <RuleEditor editing={editing} onClose={() => setEditing(null)} onSaved={reloadRules} datasources={datasources} />
      <DeleteConfirm del={del} title={`Delete ${del.deleting?.name ?? ''}?`} confirmTestId="alert-rule-delete-confirm">
        <Text size="sm">Its pending and firing alerts are resolved; the history stays.</Text>
      </DeleteConfirm>
    </Stack>
  );
}
