import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { CiRef, Relation, RelationType } from '../../../shared/api/cmdb-model';
import { client } from '../../api/client';
import { notifyError, notifyOk } from '../../shell/notify';
import { relationLabel, relationLines, type RelationLine } from './ci-labels';
import { ciHash } from './ci-route';
import { CiSearchSelect } from './CiSearchSelect';

interface Props {
  ci: CiRef;
  outgoing: Relation[];
  incoming: Relation[];
  types: RelationType[];
  onChanged: () => void;
}

function Lines({
  lines,
  testId,
  empty,
  onRemove,
}: {
  lines: RelationLine[];
  testId: string;
  empty: string;
  onRemove: (l: RelationLine) => void;
}) {
  return (
    <Stack gap={4} data-testid={testId}>
      {lines.length === 0 && (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
      {lines.map((l) => (
        <Group
          key={l.id}
          gap="xs"
          wrap="nowrap"
          data-testid="relation-row"
          data-direction={l.direction}
          data-label={l.label}
          data-other={l.other.name}
        >
          <Text size="sm" c="dimmed" w={130}>
            {l.label}
          </Text>
          <Anchor size="sm" href={ciHash(l.other.id)}>
            {l.other.name}
          </Anchor>
          <Badge size="xs" variant="outline">
            {l.other.type}
          </Badge>
          <Tooltip label="Remove relationship">
            <ActionIcon
              size="sm"
              variant="subtle"
              color="red"
              data-testid="relation-remove"
              onClick={() => onRemove(l)}
            >
              <IconX size={14} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ))}
    </Stack>
  );
}

/** Both ends of every relationship, read from this CI, with add and remove. */
export function RelationsPanel({ ci, outgoing, incoming, types, onChanged }: Props) {
  const [adding, setAdding] = useState(false);
  const [type, setType] = useState<string | null>(null);
  const [target, setTarget] = useState<CiRef | null>(null);
  const [direction, setDirection] = useState<'out' | 'in'>('out');
  const [busy, setBusy] = useState(false);
  const lines = relationLines(outgoing, incoming, types);

  const add = async () => {
    if (!type || !target) return;
    setBusy(true);
    try {
      const [from, to] = direction === 'out' ? [ci.id, target.id] : [target.id, ci.id];
      await client.call('cmdb.relations.add', { from, to, type });
      notifyOk(
        direction === 'out'
          ? `${ci.name} ${relationLabel(type)} ${target.name}`
          : `${target.name} ${relationLabel(type)} ${ci.name}`,
      );
      setAdding(false);
      setTarget(null);
      onChanged();
    } catch (e) {
      notifyError(e, 'Could not add the relationship');
    } finally {
      setBusy(false);
    }
  };

  const remove = async (l: RelationLine) => {
    try {
      await client.call('cmdb.relations.remove', { id: l.id });
      onChanged();
    } catch (e) {
      notifyError(e, 'Could not remove the relationship');
    }
  };

  return (
    <Card withBorder padding="md" data-testid="ci-relations">
      <Group justify="space-between" mb="sm">
        <Text fw={600}>Relationships</Text>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          data-testid="relation-add"
          onClick={() => setAdding(true)}
        >
          Add relationship
        </Button>
      </Group>
      <Stack gap="md">
        <div>
          <Text size="xs" c="dimmed" mb={4}>
            This CI →
          </Text>
          <Lines
            lines={lines.filter((l) => l.direction === 'out')}
            testId="ci-relations-out"
            empty="Relies on nothing recorded."
            onRemove={(l) => void remove(l)}
          />
        </div>
        <div>
          <Text size="xs" c="dimmed" mb={4}>
            → This CI
          </Text>
          <Lines
            lines={lines.filter((l) => l.direction === 'in')}
            testId="ci-relations-in"
            empty="Nothing recorded relies on it."
            onRemove={(l) => void remove(l)}
          />
        </div>
      </Stack>
      <Modal opened={adding} onClose={() => setAdding(false)} title={`Relate ${ci.name}`}>
        <Stack gap="sm">
          <SegmentedControl
            data-testid="relation-direction"
            value={direction}
            onChange={(v) => setDirection(v as 'out' | 'in')}
            data={[
              { value: 'out', label: `${ci.name} → other` },
              { value: 'in', label: `other → ${ci.name}` },
            ]}
          />
          <Select
            label="Relationship"
            data-testid="relation-type"
            data={types.map((t) => ({
              value: t.name,
              label: `${relationLabel(t.name)} (other end: ${t.inverseLabel})`,
            }))}
            value={type}
            onChange={setType}
          />
          <CiSearchSelect
            label="Other CI"
            testId="relation-target"
            exclude={[ci.id]}
            value={target}
            onChange={setTarget}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAdding(false)}>
              Cancel
            </Button>
            <Button
              data-testid="relation-confirm"
              loading={busy}
              disabled={!type || !target}
              onClick={() => void add()}
            >
              Add
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
