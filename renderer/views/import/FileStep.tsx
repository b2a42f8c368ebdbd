import { Button, FileButton, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { importFormats, type ImportFormat } from '../../../shared/api/cmdb';
import { lifecycleStatuses } from '../../../shared/api/cmdb-model';
import { formatBytes } from '../format';
import { formatLabels } from './format-guess';

export interface Defaults {
  environment: string;
  ownerTeam: string;
  status: (typeof lifecycleStatuses)[number] | null;
}

interface Props {
  file: { name: string; size: number } | null;
  format: ImportFormat | null;
  defaults: Defaults;
  reading: boolean;
  onFile: (f: File | null) => void;
  onFormat: (f: ImportFormat | null) => void;
  onDefaults: (d: Defaults) => void;
}

export function FileStep({ file, format, defaults, reading, onFile, onFormat, onDefaults }: Props) {
  return (
    <Stack gap="md" maw={720}>
      <Group>
        <FileButton
          onChange={onFile}
          accept=".ini,.cfg,.yml,.yaml,.csv,.tsv,.json,.conf,text/*,application/json"
          inputProps={{ 'data-testid': 'import-file' } as React.ComponentProps<'input'>}
        >
          {(props) => (
            <Button {...props} leftSection={<IconUpload size={16} />} loading={reading} variant="light">
              Choose file…
            </Button>
          )}
        </FileButton>
        <Text size="sm" data-testid="import-file-name">
          {file ? `${file.name} (${formatBytes(file.size)})` : 'No file chosen. The file is read here, in this window.'}
        </Text>
      </Group>
      <Select
        label="Format"
        description="Guessed from the file name; change it if the guess is wrong."
        data-testid="import-format"
        data={importFormats.map((f) => ({ value: f, label: formatLabels[f] }))}
        value={format}
        onChange={(v) => onFormat(v as ImportFormat | null)}
        w={320}
      />
      <Text size="sm" fw={600}>
        Defaults for CIs that do not set them
      </Text>
      <SimpleGrid cols={3} spacing="sm">
        <TextInput
          label="Environment"
          placeholder="e.g. prod"
          data-testid="import-default-environment"
          value={defaults.environment}
          onChange={(e) => onDefaults({ ...defaults, environment: e.currentTarget.value })}
        />
        <TextInput
          label="Owner team"
          value={defaults.ownerTeam}
          onChange={(e) => onDefaults({ ...defaults, ownerTeam: e.currentTarget.value })}
        />
        <Select
          label="Status"
          clearable
          data={[...lifecycleStatuses]}
          value={defaults.status}
          onChange={(v) => onDefaults({ ...defaults, status: v as Defaults['status'] })}
        />
      </SimpleGrid>
    </Stack>
  );
}
