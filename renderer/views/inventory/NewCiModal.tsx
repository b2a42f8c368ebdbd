import {
  Autocomplete,
  Button,
  Divider,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { builtinCiTypes, connectableTypes, criticalities, lifecycleStatuses } from '../../../shared/api/cmdb-model';
import { client } from '../../api/client';
import { notifyError, notifyOk } from '../../shell/notify';
import { ConnectionFields, type ConnectionDraft, connectionInput, emptyConnection } from '../ci/ConnectionFields';
import { openCi } from '../ci/ci-route';
import type { Criticality, LifecycleStatus } from './query-chips';

interface Props {
  opened: boolean;
  onClose: () => void;
  suggestions: { types: string[]; environments: string[]; teams: string[]; tags: string[] };
}

interface Draft {
  type: string;
  name: string;
  description: string;
  environment: string;
  status: LifecycleStatus;
  criticality: Criticality | null;
  ownerTeam: string;
  ownerPerson: string;
  tags: string[];
}

const blank: Draft = {
  type: 'host',
  name: '',
  description: '',
  environment: '',
  status: 'active',
  criticality: null,
  ownerTeam: '',
  ownerPerson: '',
  tags: [],
};

export function NewCiModal({ opened, onClose, suggestions }: Props) {
  const [d, setD] = useState<Draft>(blank);
  const [conn, setConn] = useState<ConnectionDraft>(emptyConnection);
  const [busy, setBusy] = useState(false);
  const connectable = connectableTypes.includes(d.type);
  const types = [...new Set([...builtinCiTypes, ...suggestions.types])];

  const create = async () => {
    setBusy(true);
    try {
      const ci = await client.call('cmdb.ci.create', {
        type: d.type.trim(),
        name: d.name,
        description: d.description,
        environment: d.environment.trim() || null,
        status: d.status,
        criticality: d.criticality,
        ownerTeam: d.ownerTeam.trim() || null,
        ownerPerson: d.ownerPerson.trim() || null,
        tags: d.tags,
        connection: connectable ? connectionInput(conn) : null,
      });
      notifyOk(`${ci.name} created.`);
      setD(blank);
      setConn(emptyConnection);
      onClose();
      openCi(ci.id);
    } catch (e) {
      notifyError(e, 'Could not create the CI');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New configuration item" size="lg">
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          <Autocomplete
            label="Type"
            data-testid="new-ci-type"
            data={types}
            value={d.type}
            onChange={(type) => setD({ ...d, type })}
          />
          <TextInput
            label="Name"
            required
            data-testid="new-ci-name"
            value={d.name}
            onChange={(e) => setD({ ...d, name: e.currentTarget.value })}
          />
          <Autocomplete
            label="Environment"
            data-testid="new-ci-environment"
            data={suggestions.environments}
            value={d.environment}
            onChange={(environment) => setD({ ...d, environment })}
          />
          <Select
            label="Status"
            data={[...lifecycleStatuses]}
            allowDeselect={false}
            value={d.status}
            onChange={(v) => v && setD({ ...d, status: v as LifecycleStatus })}
          />
          <Select
            label="Criticality"
            clearable
            data={[...criticalities]}
            value={d.criticality}
            onChange={(v) => setD({ ...d, criticality: (v as Criticality | null) ?? null })}
          />
          <Autocomplete
            label="Owner team"
            data={suggestions.teams}
            value={d.ownerTeam}
            onChange={(ownerTeam) => setD({ ...d, ownerTeam })}
          />
          <TextInput
            label="Owner person"
            value={d.ownerPerson}
            onChange={(e) => setD({ ...d, ownerPerson: e.currentTarget.value })}
          />
          <TagsInput
            label="Tags"
            data-testid="new-ci-tags"
            data={suggestions.tags}
            splitChars={[',', ' ']}
            value={d.tags}
            onChange={(tags) => setD({ ...d, tags })}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={d.description}
          onChange={(e) => setD({ ...d, description: e.currentTarget.value })}
        />
        {connectable && (
          <>
            <Divider label="Connection" labelPosition="left" />
            <ConnectionFields value={conn} onChange={setConn} />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            data-testid="new-ci-submit"
            loading={busy}
            disabled={!d.name.trim() || !d.type.trim()}
            onClick={() => void create()}
          >
            Create
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
