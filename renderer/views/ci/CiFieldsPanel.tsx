import {
  Alert,
  Autocomplete,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import type { Ci, FieldDef } from '../../../shared/api/cmdb-model';
import { builtinCiTypes, criticalities, lifecycleStatuses } from '../../../shared/api/cmdb-model';
import { type CiDraft, draftFromCi, fieldsFor, patchFromDraft } from './ci-edit';
import { FieldEditor } from './FieldEditor';
import { useCiSave } from './use-ci-save';

interface Props {
  ci: Ci;
  fieldDefs: FieldDef[];
  onSaved: (ci: Ci) => void;
  onReload: () => void;
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {value || '—'}
      </Text>
    </div>
  );
}

export function CiFieldsPanel({ ci, fieldDefs, onSaved, onReload }: Props) {
  const [draft, setDraft] = useState<CiDraft | null>(null);
  const { save, busy, conflict, clearConflict } = useCiSave(ci, (next) => {
    setDraft(null);
    onSaved(next);
  });
  const custom = fieldsFor(ci, fieldDefs);
  const d = draft;

  return (
    <Card withBorder padding="md" data-testid="ci-fields">
      <Group justify="space-between" mb="sm">
        <Text fw={600}>Attributes</Text>
        {d ? (
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setDraft(null)}>
              Cancel
            </Button>
            <Button size="xs" data-testid="ci-save" loading={busy} onClick={() => void save(patchFromDraft(ci, d))}>
              Save
            </Button>
          </Group>
        ) : (
          <Button size="xs" variant="light" data-testid="ci-edit" onClick={() => setDraft(draftFromCi(ci))}>
            Edit
          </Button>
        )}
      </Group>
      {conflict && (
        <Alert color="orange" mb="sm" data-testid="ci-conflict">
          <Group justify="space-between">
            <Text size="sm">{conflict}</Text>
            <Button
              size="xs"
              variant="white"
              onClick={() => {
                clearConflict();
                setDraft(null);
                onReload();
              }}
            >
              Reload
            </Button>
          </Group>
        </Alert>
      )}
      {d ? (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              size="xs"
              label="Name"
              data-testid="ci-edit-name"
              value={d.name}
              onChange={(e) => setDraft({ ...d, name: e.currentTarget.value })}
            />
            <Autocomplete
              size="xs"
              label="Type"
              data={[...builtinCiTypes]}
              value={d.type}
              onChange={(type) => setDraft({ ...d, type })}
            />
            <TextInput
              size="xs"
              label="Environment"
              data-testid="ci-edit-environment"
              value={d.environment}
              onChange={(e) => setDraft({ ...d, environment: e.currentTarget.value })}
            />
            <Select
              size="xs"
              label="Status"
              data-testid="ci-edit-status"
              data={[...lifecycleStatuses]}
              allowDeselect={false}
              value={d.status}
              onChange={(v) => v && setDraft({ ...d, status: v as Ci['status'] })}
            />
            <Select
              size="xs"
              label="Criticality"
              clearable
              data={[...criticalities]}
              value={d.criticality}
              onChange={(v) => setDraft({ ...d, criticality: (v as Ci['criticality']) ?? null })}
            />
            <TextInput
              size="xs"
              label="Owner team"
              value={d.ownerTeam}
              onChange={(e) => setDraft({ ...d, ownerTeam: e.currentTarget.value })}
            />
            <TextInput
              size="xs"
              label="Owner person"
              value={d.ownerPerson}
              onChange={(e) => setDraft({ ...d, ownerPerson: e.currentTarget.value })}
            />
            <TagsInput
              size="xs"
              label="Tags"
              data-testid="ci-edit-tags"
              splitChars={[',', ' ']}
              value={d.tags}
              onChange={(tags) => setDraft({ ...d, tags })}
            />
            {custom.map((f) => (
              <FieldEditor
                key={f.key}
                fieldKey={f.key}
                def={f.def}
                value={d.fields[f.key]}
                onChange={(v) => setDraft({ ...d, fields: { ...d.fields, [f.key]: v } })}
              />
            ))}
          </SimpleGrid>
          <Textarea
            size="xs"
            label="Description"
            autosize
            minRows={2}
            value={d.description}
            onChange={(e) => setDraft({ ...d, description: e.currentTarget.value })}
          />
        </Stack>
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Row label="Owner team" value={ci.ownerTeam ?? ''} />
            <Row label="Owner person" value={ci.ownerPerson ?? ''} />
            <Row label="Environment" value={ci.environment ?? ''} />
            <Row label="Criticality" value={ci.criticality ?? ''} />
            <Row label="Created" value={new Date(ci.createdAt).toLocaleString()} />
            <Row label="Updated" value={new Date(ci.updatedAt).toLocaleString()} />
            <Row label="Version" value={String(ci.version)} />
            {custom.map((f) => (
              <Row
                key={f.key}
                label={f.def?.label ?? f.key}
                value={ci.fields[f.key] == null ? '' : String(ci.fields[f.key])}
              />
            ))}
          </SimpleGrid>
          {ci.description && <Row label="Description" value={ci.description} />}
        </Stack>
      )}
    </Card>
  );
}
