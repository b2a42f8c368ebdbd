import {
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AlertRule } from '../../../shared/api/monitoring-alerts';
import { type Comparison, comparison } from '../../../shared/api/monitoring-model';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { notifyOk } from '../../shell/notify';
import { KeyValueRows } from './KeyValueRows';
import { type RuleForm, type RuleFormErrors, emptyRuleForm, formToInput, localSource, ruleToForm } from './rule-form';
import { RulePreview } from './RulePreview';

interface Props {
  /** null = closed; 'new' = a new rule */
  editing: AlertRule | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
}

export function RuleEditor({ editing, onClose, onSaved }: Props) {
  const datasources = useCall('monitoring.datasources.list');
  const [form, setForm] = useState<RuleForm>(() => emptyRuleForm());
  const [errors, setErrors] = useState<RuleFormErrors>({});
  const [busy, setBusy] = useState(false);
  const defaultDs = datasources.data?.find((d) => d.isDefault)?.id;

  useEffect(() => {
    if (editing === null) return;
    setForm(editing === 'new' ? emptyRuleForm(defaultDs ?? localSource) : ruleToForm(editing));
    setErrors({});
    // A new rule starts on the default datasource; the list arriving later must not reset a form being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing]);

  const set = <K extends keyof RuleForm>(k: K, v: RuleForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  const save = async () => {
    const { input, errors: found } = formToInput(form);
    setErrors(found);
    if (!input) return;
    setBusy(true);
    try {
      const saved = await client.call('monitoring.alerts.rules.save', input);
      notifyOk(`Rule ${saved.name} saved.`);
      onSaved();
      onClose();
    } catch (e) {
      // The server checks the expression on save; what it refuses is nearly always the expression.
      setErrors({ expr: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const sourceOptions = [
    { value: localSource, label: 'Local (collected over SSH)' },
    ...(datasources.data ?? []).map((d) => ({ value: d.id, label: `${d.name} (Prometheus)` })),
  ];
  // A rule on a datasource that is gone (or not listed yet) still shows what it points at.
  if (!sourceOptions.some((o) => o.value === form.source))
    sourceOptions.push({ value: form.source, label: form.source });

  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      size="xl"
      title={editing === 'new' ? 'New alert rule' : `Edit ${editing?.name ?? ''}`}
    >
      <Stack gap="sm" data-testid="alert-rule-editor">
        <SimpleGrid cols={2}>
          <TextInput
            label="Name"
            required
            data-testid="alert-rule-name"
            value={form.name}
            error={errors.name}
            onChange={(e) => set('name', e.currentTarget.value)}
          />
          <Select
            label="Source"
            data-testid="alert-rule-source"
            data={sourceOptions}
            value={form.source}
            allowDeselect={false}
            onChange={(v) => v && set('source', v)}
            description={datasources.error ? `Datasources unavailable: ${datasources.error}` : undefined}
          />
        </SimpleGrid>
        <Textarea
          label="Expression"
          required
          autosize
          minRows={2}
          data-testid="alert-rule-expr"
          placeholder='node_filesystem_avail_bytes{mountpoint="/"} / node_filesystem_size_bytes * 100'
          value={form.expr}
          error={errors.expr}
          onChange={(e) => set('expr', e.currentTarget.value)}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <Group align="start" gap="sm" grow>
          <Select
            label="Comparison"
            placeholder="none"
            description="none: the expression is the condition"
            clearable
            data-testid="alert-rule-op"
            data={[...comparison.options]}
            value={form.op}
            onChange={(v) => set('op', (v as Comparison | null) ?? null)}
          />
          <TextInput
            label="Threshold"
            description="each value against"
            inputMode="decimal"
            data-testid="alert-rule-threshold"
            value={form.threshold}
            error={errors.threshold}
            onChange={(e) => set('threshold', e.currentTarget.value)}
          />
          <TextInput
            label="For"
            description="pending this long first"
            value={form.for}
            error={errors.for}
            onChange={(e) => set('for', e.currentTarget.value)}
          />
          <TextInput
            label="Keep firing for"
            description="after it clears"
            value={form.keepFiringFor}
            error={errors.keepFiringFor}
            onChange={(e) => set('keepFiringFor', e.currentTarget.value)}
          />
          <TextInput
            label="Interval"
            description="evaluate every"
            value={form.interval}
            error={errors.interval}
            onChange={(e) => set('interval', e.currentTarget.value)}
          />
        </Group>
        <RulePreview form={form} />
        <Divider />
        <SimpleGrid cols={2}>
          <KeyValueRows
            label="Labels"
            testId="alert-rule-labels"
            rows={form.labels}
            error={errors.labels}
            keyPlaceholder="severity"
            valuePlaceholder="page"
            onChange={(rows) => set('labels', rows)}
          />
          <KeyValueRows
            label="Annotations"
            testId="alert-rule-annotations"
            rows={form.annotations}
            error={errors.annotations}
            keyPlaceholder="summary"
            valuePlaceholder="{{ $labels.instance }} at {{ humanize $value }}"
            onChange={(rows) => set('annotations', rows)}
          />
        </SimpleGrid>
        {Object.keys(errors).length > 0 && !errors.expr && (
          <Alert color="red" p="xs">
            Some fields need fixing before the rule can be saved.
          </Alert>
        )}
        <Group justify="space-between">
          <Switch
            label="Enabled"
            data-testid="alert-rule-enabled"
            checked={form.enabled}
            onChange={(e) => set('enabled', e.currentTarget.checked)}
          />
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button data-testid="alert-rule-save" loading={busy} onClick={() => void save()}>
              Save rule
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
