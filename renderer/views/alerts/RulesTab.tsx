import { Alert, Badge, Button, Code, Group, Loader, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { AlertRule } from '../../../shared/api/monitoring-alerts';
import { client } from '../../api/client';
import { useCall } from '../../api/use-call';
import { ConfirmModal } from '../dashboards/ConfirmModal';
import { notifyError, notifyOk } from '../../shell/notify';
import { countByRule } from './alerts-pure';
import { Ago, useNow } from './bits';
import { RuleEditor } from './RuleEditor';
import { msToDuration } from './time-format';
import { useTransitionReload } from './use-transition-reload';

export function RulesTab() {
  const rules = useCall('monitoring.alerts.rules.list');
  const active = useCall('monitoring.alerts.active');
  const datasources = useCall('monitoring.datasources.list');
  const { reload: reloadRules } = rules;
  const { reload: reloadActive } = active;
  const now = useNow();
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AlertRule | null>(null);
  const [evaluating, setEvaluating] = useState<string | null>(null);
  useTransitionReload(() => {
    reloadActive();
    reloadRules();
  });
  const counts = useMemo(() => countByRule(active.data ?? []), [active.data]);
  const dsName = (id: string) => datasources.data?.find((d) => d.id === id)?.name ?? id;

  const evaluate = async (ruleIds: string[], key: string) => {
    setEvaluating(key);
    try {
      const r = await client.call('monitoring.alerts.evaluate', { ruleIds });
      notifyOk(
        `Evaluated: ${r.filter((a) => a.state === 'firing').length} firing, ${r.filter((a) => a.state === 'pending').length} pending.`,
      );
    } catch (e) {
      notifyError(e, 'Could not evaluate');
    } finally {
      setEvaluating(null);
      reloadRules();
      reloadActive();
    }
  };
  const remove = async () => {
    if (!deleting) return;
    try {
      await client.call('monitoring.alerts.rules.delete', { id: deleting.id });
      notifyOk(`Rule ${deleting.name} deleted; its alerts are resolved.`);
      reloadRules();
      reloadActive();
    } catch (e) {
      notifyError(e, 'Could not delete the rule');
    }
    setDeleting(null);
  };

  const list = [...(rules.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Stack gap="xs" data-testid="alert-rules">
      <Group gap="xs">
        <Button
          size="xs"
          leftSection={<IconPlus size={14} />}
          data-testid="alert-rule-new"
          onClick={() => setEditing('new')}
        >
          New rule
        </Button>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconPlayerPlay size={14} />}
          loading={evaluating === '*'}
          disabled={!list.length}
          data-testid="alert-rules-evaluate"
          onClick={() => void evaluate([], '*')}
        >
          Evaluate all now
        </Button>
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
                    {msToDuration(r.forMs)} / {msToDuration(r.intervalMs)}
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
                    {r.lastError && (
                      <Tooltip label={r.lastError} multiline w={360}>
                        <Text size="xs" c="red" lineClamp={2} data-testid="alert-rule-error">
                          {r.lastError}
                        </Text>
                      </Tooltip>
                    )}
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
                        loading={evaluating === r.id}
                        onClick={() => void evaluate([r.id], r.id)}
                      >
                        Evaluate now
                      </Button>
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(r)}>
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
      <RuleEditor editing={editing} onClose={() => setEditing(null)} onSaved={reloadRules} />
      <ConfirmModal
        opened={deleting !== null}
        title={`Delete ${deleting?.name ?? ''}?`}
        confirmLabel="Delete"
        confirmTestId="alert-rule-delete-confirm"
        onConfirm={() => void remove()}
        onClose={() => setDeleting(null)}
      >
        <Text size="sm">Its pending and firing alerts are resolved; the history stays.</Text>
      </ConfirmModal>
    </Stack>
  );
}
