import { Alert, Badge, Button, CloseButton, Group, Select, Stack, Table, Text, TextInput, Pill } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { CallOutput } from '../../../shared/api/index';
import { client } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { type ChipKind, filterToChips, removeChip } from '../inventory/query-chips';
import { chipKindOptions, useChipEntry, useDebouncedText } from '../inventory/use-filter-entry';
import { type TargetDraft, hasTargets, toSelector } from './targets';

type Preview = CallOutput<'ssh.targets.preview'>;

const kinds = chipKindOptions(['tag', 'environment', 'type', 'status', 'criticality', 'owner', 'field']);

interface Props {
  value: TargetDraft;
  onChange: (d: TargetDraft) => void;
  /** the preview as last answered, for the run's confirmation */
  onPreview: (p: Preview | null) => void;
  note: string | null;
}

/** CMDB search, chips, a group and explicit CIs, with the live count and a sample of who is hit. */
export function TargetPicker({ value, onChange, onPreview, note }: Props) {
  const [text, setText] = useDebouncedText(
    value.filter.text,
    (t) => onChange({ ...value, filter: { ...value.filter, text: t } }),
    200,
  );
  const { kind, setKind, entry, setEntry, entryError, add } = useChipEntry(
    value.filter,
    (filter) => onChange({ ...value, filter }),
    'tag',
  );
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);

  const selectorKey = JSON.stringify(toSelector(value));
  useEffect(() => {
    let live = true;
    if (!hasTargets(value)) {
      setPreview(null);
      onPreview(null);
      setError(null);
      return;
    }
    client
      .call('ssh.targets.preview', { targets: JSON.parse(selectorKey) as ReturnType<typeof toSelector> })
      .then((p) => {
        if (!live) return;
        setPreview(p);
        onPreview(p);
        setError(null);
      })
      .catch((e) => live && (setError(errorMessage(e)), setPreview(null), onPreview(null)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the selector's JSON is the dependency
  }, [selectorKey]);

  const chips = filterToChips(value.filter);
  return (
    <Stack gap="xs">
      <Group align="end" gap="xs">
        <TextInput
          size="xs"
          w={260}
          label="Search CIs"
          placeholder="name, address, description…"
          leftSection={<IconSearch size={14} />}
          data-testid="batch-targets-text"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <Select
          size="xs"
          w={140}
          label="Filter on"
          data={kinds}
          value={kind}
          allowDeselect={false}
          onChange={(v) => v && setKind(v as ChipKind)}
        />
        <TextInput
          size="xs"
          w={170}
          label="Value"
          data-testid="batch-targets-chip-value"
          value={entry}
          error={entryError}
          onChange={(e) => setEntry(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <Button size="xs" variant="light" onClick={() => add()} data-testid="batch-targets-chip-add">
          Add
        </Button>
        <TextInput
          size="xs"
          w={180}
          label="Group (member of)"
          placeholder="group CI name"
          data-testid="batch-targets-group"
          value={value.group}
          onChange={(e) => onChange({ ...value, group: e.currentTarget.value })}
        />
      </Group>
      {(chips.length > 0 || value.ids.length > 0) && (
        <Group gap={6}>
          {chips.map((c) => (
            <Pill
              key={`${c.kind}:${c.value}`}
              withRemoveButton
              data-testid="batch-target-chip"
              onRemove={() => onChange({ ...value, filter: removeChip(value.filter, c) })}
            >
              {c.label}
            </Pill>
          ))}
          {value.ids.length > 0 && (
            <Group gap={2}>
              <Badge variant="light" data-testid="batch-target-ids">
                {value.ids.length} chosen CI{value.ids.length === 1 ? '' : 's'}
              </Badge>
              <CloseButton size="xs" aria-label="Drop the chosen CIs" onClick={() => onChange({ ...value, ids: [] })} />
            </Group>
          )}
        </Group>
      )}
      {note && (
        <Text size="xs" c="orange">
          {note}
        </Text>
      )}
      {error && <Alert color="red">{error}</Alert>}
      <Group gap="lg">
        <Text size="sm">
          <b data-testid="batch-target-count">{preview?.total ?? 0}</b> host{preview?.total === 1 ? '' : 's'}
        </Text>
        <Text size="sm" c={preview && preview.production > 0 ? 'red' : 'dimmed'} fw={preview?.production ? 700 : 400}>
          <span data-testid="batch-production-count">{preview?.production ?? 0}</span> production
        </Text>
        <Text size="sm" c={preview?.notConnectable ? 'orange' : 'dimmed'}>
          <span data-testid="batch-not-connectable-count">{preview?.notConnectable ?? 0}</span> not connectable
        </Text>
        {!hasTargets(value) && (
          <Text size="xs" c="dimmed">
            Nothing chosen yet: search, add a filter, a group, or come from an inventory selection.
          </Text>
        )}
      </Group>
      {preview && preview.sample.length > 0 && (
        <Table withTableBorder fz="xs" data-testid="batch-target-preview">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Host</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Address</Table.Th>
              <Table.Th>Environment</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.sample.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>{s.type}</Table.Td>
                <Table.Td c={s.address ? undefined : 'orange'}>{s.address ?? 'no address'}</Table.Td>
                <Table.Td>{s.environment ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {preview && preview.total > preview.sample.length && (
        <Text size="xs" c="dimmed">
          …and {preview.total - preview.sample.length} more.
        </Text>
      )}
    </Stack>
  );
}
