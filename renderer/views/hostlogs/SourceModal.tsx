import { Group, Modal, NumberInput, SegmentedControl, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CiRef } from '../../../shared/api/cmdb-model';
import type { LogSource } from '../../../shared/api/monitoring-logs';
import { client } from '../../api/client';
import { notifyOk } from '../../shell/notify';
import { CiSearchSelect } from '../ci/CiSearchSelect';
import { ModalActions } from '../monitoring-common/ModalActions';
import { useSubmit } from '../monitoring-common/use-submit';

interface Draft {
  ci: CiRef | null;
  kind: 'journal' | 'file';
  path: string;
  units: string[];
  intervalSec: number | string;
  enabled: boolean;
}

const fresh: Draft = { ci: null, kind: 'journal', path: '', units: [], intervalSec: 30, enabled: true };

/** Add or edit a log source: which host, the journal (optionally some units) or a file, how often. */
export function SourceModal({
  editing,
  onClose,
  onSaved,
}: {
  editing: LogSource | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [d, setD] = useState<Draft>(fresh);
  const { busy, error, setError, submit } = useSubmit();
  useEffect(() => {
    if (editing === null) return;
    setD(
      editing === 'new'
        ? fresh
        : {
            ci: editing.ci,
            kind: editing.kind,
            path: editing.path ?? '',
            units: editing.units,
            intervalSec: editing.intervalSec,
            enabled: editing.enabled,
          },
    );
    setError(null);
  }, [editing, setError]);

  const problem = !d.ci
    ? 'Pick the host to pull from.'
    : d.kind === 'file' && !d.path.trim().startsWith('/')
      ? 'Give the absolute path of the file (starting with /).'
      : null;

  const save = async () => {
    if (problem || !d.ci) return setError(problem);
    const ci = d.ci;
    await submit(async () => {
      const s = await client.call('monitoring.logs.sources.save', {
        ...(editing && editing !== 'new' ? { id: editing.id } : {}),
        ciId: ci.id,
        kind: d.kind,
        path: d.kind === 'file' ? d.path.trim() : null,
        units: d.kind === 'journal' ? d.units : [],
        intervalSec: Number(d.intervalSec) || 30,
        enabled: d.enabled,
      });
      notifyOk(`Pulling ${s.kind === 'file' ? s.path : 'the journal'} from ${s.ci.name}.`);
      onSaved();
      onClose();
    });
  };

  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={editing === 'new' ? 'Add a log source' : 'Edit log source'}
    >
      <Stack gap="sm" data-testid="hostlogs-source-editor">
        <CiSearchSelect
          label="Host"
          types={['host', 'vm']}
          value={d.ci}
          onChange={(ci) => setD({ ...d, ci })}
          testId="hostlogs-source-host"
        />
        <SegmentedControl
          data={[
            { value: 'journal', label: 'systemd journal' },
            { value: 'file', label: 'File' },
          ]}
          value={d.kind}
          onChange={(v) => setD({ ...d, kind: v as Draft['kind'] })}
        />
        {d.kind === 'file' ? (
          <TextInput
            label="Path"
            placeholder="/var/log/nginx/error.log"
            data-testid="hostlogs-source-path"
            value={d.path}
            onChange={(e) => setD({ ...d, path: e.currentTarget.value })}
          />
        ) : (
          <TagsInput
            label="Units"
            description="Only these units; none pulls the whole journal"
            placeholder="nginx.service"
            value={d.units}
            onChange={(units) => setD({ ...d, units })}
          />
        )}
        <Group grow align="end">
          <NumberInput
            label="Every (seconds)"
            min={2}
            max={86_400}
            value={d.intervalSec}
            onChange={(v) => setD({ ...d, intervalSec: v })}
          />
          <Switch
            label="Enabled"
            checked={d.enabled}
            onChange={(e) => setD({ ...d, enabled: e.currentTarget.checked })}
          />
        </Group>
        <Text size="xs" c="dimmed">
          Lines are read over the host&apos;s SSH connection, from where the last pull stopped.
        </Text>
        <ModalActions
          error={error}
          busy={busy}
          confirmLabel="Save"
          confirmTestId="hostlogs-source-save"
          onConfirm={() => void save()}
          onCancel={onClose}
        />
      </Stack>
    </Modal>
  );
}
