import { Alert, Badge, Checkbox, Group, Paper, Radio, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportPreview } from '../../../shared/api/cmdb';

export type ImportMode = 'all-or-nothing' | 'skip-bad-rows';

interface Props {
  preview: ImportPreview;
  mode: ImportMode;
  onMode: (m: ImportMode) => void;
  importKeys: string[];
  onImportKeys: (paths: string[]) => void;
  vaultUnlocked: boolean;
}

function Count({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Paper withBorder p="xs" data-testid={`import-count-${label}`} data-count={value}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Title order={3} c={color}>
        {value.toLocaleString('en-US')}
      </Title>
    </Paper>
  );
}

const actionColor = { create: 'green', update: 'blue', unchanged: 'gray', error: 'red' } as const;

export function PreviewStep({ preview: p, mode, onMode, importKeys, onImportKeys, vaultUnlocked }: Props) {
  const toggleKey = (path: string, on: boolean) =>
    onImportKeys(on ? [...importKeys, path] : importKeys.filter((k) => k !== path));
  return (
    <Stack gap="md">
      <SimpleGrid
        cols={{ base: 3, sm: 6 }}
        data-testid="import-preview-counts"
        data-records={p.records}
        data-create={p.create}
        data-update={p.update}
        data-unchanged={p.unchanged}
        data-errors={p.errors.length}
      >
        <Count label="records" value={p.records} />
        <Count label="create" value={p.create} color="green" />
        <Count label="update" value={p.update} color="blue" />
        <Count label="unchanged" value={p.unchanged} />
        <Count label="relations" value={p.relations} />
        <Count label="errors" value={p.errors.length} color={p.errors.length ? 'red' : undefined} />
      </SimpleGrid>

      {p.errors.length > 0 && (
        <div>
          <Text fw={600} size="sm" mb={4}>
            Rows with errors
          </Text>
          <Table withTableBorder fz="xs" data-testid="import-errors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={80}>Line</Table.Th>
                <Table.Th w={200}>Name</Table.Th>
                <Table.Th>Problem</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.errors.slice(0, 500).map((e, i) => (
                <Table.Tr key={i} data-testid="import-error-row" data-line={e.line}>
                  <Table.Td>{e.line}</Table.Td>
                  <Table.Td>{e.name ?? '—'}</Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {p.errors.length > 500 && <Text size="xs">and {p.errors.length - 500} more</Text>}
        </div>
      )}

      {p.notices.length > 0 && (
        <Alert color="blue" title="Reported, not imported" data-testid="import-notices">
          <Stack gap={2}>
            {p.notices.slice(0, 100).map((n, i) => (
              <Text key={i} size="xs">
                line {n.line}: {n.message}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}

      {p.identityFiles.length > 0 && (
        <div data-testid="import-identity-files">
          <Text fw={600} size="sm">
            Private keys named by IdentityFile
          </Text>
          <Text size="xs" c="dimmed" mb={4}>
            Ticked keys are sealed into the vault and attached to their hosts
            {vaultUnlocked ? '.' : '; the vault will ask to be unlocked.'}
          </Text>
          <Stack gap={4}>
            {p.identityFiles.map((f) => (
              <Checkbox
                key={f.path}
                data-testid="import-key"
                data-path={f.path}
                disabled={!f.exists || f.inVault}
                checked={importKeys.includes(f.path)}
                onChange={(e) => toggleKey(f.path, e.currentTarget.checked)}
                label={
                  <Group gap={6}>
                    <Text size="sm" ff="monospace">
                      {f.path}
                    </Text>
                    <Text size="xs" c="dimmed">
                      for {f.hosts.join(', ')}
                    </Text>
                    {!f.exists && (
                      <Badge size="xs" color="red">
                        not found
                      </Badge>
                    )}
                    {f.inVault && (
                      <Badge size="xs" color="green">
                        already in vault
                      </Badge>
                    )}
                  </Group>
                }
              />
            ))}
          </Stack>
        </div>
      )}

      {p.sample.length > 0 && (
        <div>
          <Text fw={600} size="sm" mb={4}>
            First rows as they would be stored
          </Text>
          <Table withTableBorder fz="xs" striped data-testid="import-sample">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Line</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Environment</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Tags</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.sample.map((s, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{s.line}</Table.Td>
                  <Table.Td>
                    <Badge size="xs" color={actionColor[s.action]}>
                      {s.action}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{s.type}</Table.Td>
                  <Table.Td>{s.name}</Table.Td>
                  <Table.Td>{s.environment ?? ''}</Table.Td>
                  <Table.Td>{s.address ?? ''}</Table.Td>
                  <Table.Td>{s.tags.join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}

      <Radio.Group
        label="When a row has an error"
        value={mode}
        onChange={(v) => onMode(v as ImportMode)}
        data-testid="import-mode"
      >
        <Group mt={6}>
          <Radio
            value="all-or-nothing"
            label="Import nothing (all-or-nothing)"
            data-testid="import-mode-all-or-nothing"
          />
          <Radio
            value="skip-bad-rows"
            label="Skip the bad rows, import the rest"
            data-testid="import-mode-skip-bad-rows"
          />
        </Group>
      </Radio.Group>
    </Stack>
  );
}
