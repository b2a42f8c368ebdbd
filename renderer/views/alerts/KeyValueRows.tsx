import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { KvRow } from './rule-form';

interface Props {
  label: string;
  rows: KvRow[];
  onChange: (rows: KvRow[]) => void;
  error?: string;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  testId?: string;
}

/** Name/value rows for labels and annotations. */
export function KeyValueRows({ label, rows, onChange, error, keyPlaceholder, valuePlaceholder, testId }: Props) {
  const set = (i: number, patch: Partial<KvRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap={4} data-testid={testId}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          onClick={() => onChange([...rows, { key: '', value: '' }])}
        >
          Add
        </Button>
      </Group>
      {rows.map((r, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <TextInput
            size="xs"
            w={160}
            aria-label={`${label} name`}
            placeholder={keyPlaceholder ?? 'name'}
            value={r.key}
            onChange={(e) => set(i, { key: e.currentTarget.value })}
          />
          <TextInput
            size="xs"
            aria-label={`${label} value`}
            placeholder={valuePlaceholder ?? 'value'}
            value={r.value}
            onChange={(e) => set(i, { value: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Remove ${label.toLowerCase()}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
      ))}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}
