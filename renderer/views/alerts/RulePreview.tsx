import { Alert, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import type { InstantSample } from '../../../shared/api/monitoring-query';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { formatValue } from './alerts-pure';
import { LabelChips } from './bits';
import { type RuleForm, parseThreshold, previewActive, sourceOf } from './rule-form';

interface Result {
  samples: InstantSample[];
  warnings: string[];
}

const shownRows = 50;

/** Runs the expression now and shows which series the rule would make active, with the rule's comparison. */
export function RulePreview({ form }: { form: RuleForm }) {
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const r = await client.call('monitoring.query.instant', { source: sourceOf(form), expr: form.expr.trim() });
      setResult(r);
      setError(null);
    } catch (e) {
      setResult(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const th = parseThreshold(form.threshold).value;
  const active = result ? previewActive(result.samples, form.op, th) : [];
  return (
    <Stack gap={6} data-testid="alert-rule-preview">
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlayerPlay size={14} />}
          loading={busy}
          disabled={!form.expr.trim()}
          data-testid="alert-rule-preview-run"
          onClick={() => void run()}
        >
          Preview
        </Button>
        {result && (
          <Text size="xs" data-testid="alert-rule-preview-count" data-active={active.length}>
            {active.length} of {result.samples.length} series would be active now
            {form.op && th !== null ? ` (value ${form.op} ${th})` : ''}.
          </Text>
        )}
      </Group>
      {error && (
        <Alert color="red" p="xs" title="The query failed">
          {error}
        </Alert>
      )}
      {result?.warnings.map((w, i) => (
        <Text key={i} size="xs" c="orange">
          {w}
        </Text>
      ))}
      {active.length > 0 && (
        <Table fz="xs" verticalSpacing={2}>
          <Table.Tbody>
            {active.slice(0, shownRows).map((s, i) => (
              <Table.Tr key={i} data-testid="alert-rule-preview-row">
                <Table.Td>
                  <LabelChips labels={s.labels} />
                </Table.Td>
                <Table.Td ff="monospace" ta="right">
                  {formatValue(s.value)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {active.length > shownRows && (
        <Text size="xs" c="dimmed">
          …and {active.length - shownRows} more.
        </Text>
      )}
    </Stack>
  );
}
