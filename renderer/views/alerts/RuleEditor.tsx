import { Alert, Divider, Group, Modal, Select, SimpleGrid, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { type ChangeEvent, useEffect, useState } from 'react';
import type { AlertRule } from '../../../shared/api/monitoring-alerts';
import type { Datasource } from '../../../shared/api/monitoring-query';
import { type Comparison, comparison } from '../../../shared/api/monitoring-model';
import { client } from '../../api/client';
import type { CallState } from '../../api/use-call';
import { notifyOk } from '../../shell/notify';
import { ModalActions } from '../monitoring-common/ModalActions';
import { useSubmit } from '../monitoring-common/use-submit';
import { KeyValueRows } from './KeyValueRows';
import { type RuleForm, type RuleFormErrors, emptyRuleForm, formToInput, localSource, ruleToForm } from './rule-form';
import { RulePreview } from './RulePreview';

type TextField = 'name' | 'expr' | 'threshold' | 'for' | 'keepFiringFor' | 'interval';

interface Props {
  /** null = closed; 'new' = a new rule */
  editing: AlertRule | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
  /** the rules tab's read of the datasources, shared rather than read again */
  datasources: CallState<Datasource[]>;
}

export function RuleEditor({ editing, onClose, onSaved, datasources }: Props) {
  const [form, setForm] = useState<RuleForm>(() => emptyRuleForm());
  const [errors, setErrors] = useState<RuleFormErrors>({});
  const { busy, submit } = useSubmit();
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
    await submit(
      async () => {
        const saved = await client.call('monitoring.alerts.rules.save', input);
        notifyOk(`Rule ${saved.name} saved.`);
        onSaved();
        onClose();
      },
      // The server checks the expression on save; what it refuses is nearly always the expression.
      (message) => setErrors({ expr: message }),
    );
  };
  // A text field bound to the form and its error.
  const text = (k: TextField) => ({
    value: form[k],
    error: errors[k],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(k, e.currentTarget.value),
  });

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
          <TextInput label="Name" required data-testid="alert-rule-name" {...text('name')} />
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
          {...text('expr')}
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
            {...text('threshold')}
          />
          <TextInput label="For" description="pending this long first" {...text('for')} />
          <TextInput label="Keep firing for" description="after it clears" {...text('keepFiringFor')} />
          <TextInput label="Interval" description="evaluate every" {...text('interval')} />
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
        <ModalActions
          left={
            <Switch
              label="Enabled"
              data-testid="alert-rule-enabled"
              checked={form.enabled}
              onChange={(e) => set('enabled', e.currentTarget.checked)}
            />
          }
          busy={busy}
          confirmLabel="Save rule"
          confirmTestId="alert-rule-save"
          onConfirm={() => void save()}
          onCancel={onClose}
        />
      </Stack>
    </Modal>
  );
}
