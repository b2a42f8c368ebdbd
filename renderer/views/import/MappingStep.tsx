import { Alert, Button, Group, ScrollArea, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { CallOutput } from '../../../shared/api/index';
import { customFieldTarget, type Mapping, mappingProblems, setColumnTarget, targetOptions } from './mapping-state';

type Inspect = CallOutput<'cmdb.import.inspect'>;

interface Props {
  inspect: Inspect;
  mapping: Mapping;
  onMapping: (m: Mapping) => void;
}

/** One select per CSV column, above the first rows so the person can see what each column holds. */
export function MappingStep({ inspect, mapping, onMapping }: Props) {
  const [fieldKey, setFieldKey] = useState('');
  const [fieldColumn, setFieldColumn] = useState<string | null>(null);
  const options = targetOptions(inspect.targets, mapping);
  const problems = mappingProblems(mapping);
  const addField = () => {
    const t = customFieldTarget(fieldKey);
    if (!t || !fieldColumn) return;
    onMapping(setColumnTarget(mapping, fieldColumn, t));
    setFieldKey('');
  };
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Delimiter “{inspect.delimiter === '\t' ? 'tab' : inspect.delimiter}”, {inspect.columns.length} columns.
      </Text>
      <ScrollArea type="auto">
        <Table withTableBorder withColumnBorders striped fz="xs" data-testid="import-mapping">
          <Table.Thead>
            <Table.Tr>
              {inspect.columns.map((c) => (
                <Table.Th key={c} miw={150}>
                  <Stack gap={4}>
                    <Text size="xs" fw={700}>
                      {c}
                    </Text>
                    <Select
                      size="xs"
                      data-testid="import-mapping-select"
                      data-column={c}
                      searchable
                      allowDeselect={false}
                      data={options}
                      value={mapping[c] ?? 'ignore'}
                      onChange={(v) => v && onMapping(setColumnTarget(mapping, c, v))}
                    />
                  </Stack>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {inspect.rows.map((r, i) => (
              <Table.Tr key={i}>
                {inspect.columns.map((c, j) => (
                  <Table.Td key={c} style={{ whiteSpace: 'nowrap' }}>
                    {r[j] ?? ''}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Group align="end" gap="xs">
        <Select
          size="xs"
          label="Map column"
          data={inspect.columns}
          value={fieldColumn}
          onChange={setFieldColumn}
          w={180}
        />
        <TextInput
          size="xs"
          label="to a custom field"
          placeholder="rack"
          value={fieldKey}
          onChange={(e) => setFieldKey(e.currentTarget.value)}
          error={fieldKey && !customFieldTarget(fieldKey) ? 'letters, digits, _ . -' : undefined}
        />
        <Button size="xs" variant="light" disabled={!fieldColumn || !customFieldTarget(fieldKey)} onClick={addField}>
          Map
        </Button>
      </Group>
      {problems.map((p) => (
        <Alert key={p} color="yellow" data-testid="import-mapping-problem">
          {p}
        </Alert>
      ))}
    </Stack>
  );
}
