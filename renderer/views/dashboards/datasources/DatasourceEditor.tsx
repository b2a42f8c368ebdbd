import {
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { connectableTypes } from '../../../../shared/api/cmdb-model';
import type { Datasource } from '../../../../shared/api/monitoring-query';
import { client } from '../../../api/client';
import { useCall } from '../../../api/use-call';
import { CiSearchSelect } from '../../ci/CiSearchSelect';
import { ModalActions } from '../../monitoring-common/ModalActions';
import { useSubmit } from '../../monitoring-common/use-submit';
import { emptyForm, formFromDatasource, formProblems, inputFromForm, type DatasourceForm } from './datasource-form';

interface Props {
  /** null = closed; 'new' = a new datasource */
  editing: Datasource | 'new' | null;
  isFirst: boolean;
  onSaved(d: Datasource): void;
  onClose(): void;
}

/** A vault secret by its metadata only; the secret itself never reaches this page. */
function VaultSecretSelect({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange(id: string | null): void;
  error?: string;
}) {
  const list = useCall('vault.secrets.list', {});
  const secrets = list.data?.secrets ?? [];
  return (
    <Select
      label="Credential from the vault"
      placeholder={list.error ? 'vault unavailable' : 'pick a secret'}
      searchable
      clearable
      data-testid="datasource-secret"
      data={secrets.map((s) => ({ value: s.id, label: `${s.name} (${s.kind})` }))}
      value={value}
      onChange={onChange}
      error={error ?? list.error ?? undefined}
    />
  );
}

export function DatasourceEditor({ editing, isFirst, onSaved, onClose }: Props) {
  const [form, setForm] = useState<DatasourceForm>(() => emptyForm(isFirst));
  const [shown, setShown] = useState<Partial<Record<keyof DatasourceForm, string>>>({});
  const { busy, error, setError, submit } = useSubmit();

  useEffect(() => {
    if (editing === null) return;
    setShown({});
    setError(null);
    if (editing === 'new') {
      setForm(emptyForm(isFirst));
      return;
    }
    setForm(formFromDatasource(editing, null));
    // The list holds the tunnel's id only: fetch its name for the picker.
    if (editing.tunnelVia) {
      client
        .call('cmdb.ci.get', { id: editing.tunnelVia })
        .then((r) => setForm((f) => ({ ...f, tunnelVia: { id: r.ci.id, name: r.ci.name, type: r.ci.type } })))
        .catch(() => {});
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing]);

  const set = <K extends keyof DatasourceForm>(k: K, v: DatasourceForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const save = async () => {
    const problems = formProblems(form);
    setShown(problems);
    if (Object.keys(problems).length) return;
    await submit(async () => onSaved(await client.call('monitoring.datasources.save', inputFromForm(form))));
  };

  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      size="lg"
      title={editing === 'new' ? 'New Prometheus datasource' : 'Edit datasource'}
    >
      <Stack gap="xs" data-testid="datasource-editor">
        <TextInput
          label="Name"
          value={form.name}
          error={shown.name}
          data-testid="datasource-name"
          onChange={(e) => set('name', e.currentTarget.value)}
        />
        <TextInput
          label="URL"
          description={form.tunnelVia ? 'As seen from the tunnel host' : undefined}
          value={form.url}
          error={shown.url}
          data-testid="datasource-url"
          onChange={(e) => set('url', e.currentTarget.value)}
        />
        <Text size="sm" fw={500}>
          Authentication
        </Text>
        <SegmentedControl
          data={[
            { value: 'none', label: 'None' },
            { value: 'bearer', label: 'Bearer token' },
            { value: 'basic', label: 'Basic' },
          ]}
          value={form.authKind}
          data-testid="datasource-auth"
          onChange={(v) => set('authKind', v as DatasourceForm['authKind'])}
        />
        {form.authKind === 'basic' && (
          <TextInput
            label="User name"
            value={form.username}
            error={shown.username}
            onChange={(e) => set('username', e.currentTarget.value)}
          />
        )}
        {form.authKind !== 'none' && (
          <VaultSecretSelect value={form.secretId} onChange={(id) => set('secretId', id)} error={shown.secretId} />
        )}
        <CiSearchSelect
          label="Reach it through an SSH tunnel via (optional)"
          placeholder="Direct connection"
          types={connectableTypes}
          value={form.tunnelVia}
          testId="datasource-tunnel"
          onChange={(ci) => set('tunnelVia', ci)}
        />
        <Textarea
          label="CA certificate (PEM, optional)"
          autosize
          minRows={2}
          maxRows={6}
          value={form.caPem}
          error={shown.caPem}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11 } }}
          onChange={(e) => set('caPem', e.currentTarget.value)}
        />
        <Group grow>
          <NumberInput
            label="Timeout (s)"
            min={0.5}
            max={300}
            value={form.timeoutSec}
            error={shown.timeoutSec}
            onChange={(v) => set('timeoutSec', Number(v) || 0)}
          />
          <Switch
            mt="lg"
            label="Default datasource"
            checked={form.isDefault}
            data-testid="datasource-default"
            onChange={(e) => set('isDefault', e.currentTarget.checked)}
          />
        </Group>
        <ModalActions
          error={error}
          errorTestId="datasource-error"
          busy={busy}
          confirmLabel="Save"
          confirmTestId="datasource-save"
          onConfirm={() => void save()}
          onCancel={onClose}
        />
      </Stack>
    </Modal>
  );
}
