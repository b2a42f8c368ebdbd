import { Button, Group, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconTag, IconTagOff, IconTrash } from '@tabler/icons-react';
import type { BulkKind } from './BulkModal';

interface Props {
  count: number;
  allMatching: boolean;
  onAction: (k: BulkKind) => void;
  onClear: () => void;
}

export function BulkBar({ count, allMatching, onAction, onClear }: Props) {
  if (count === 0) return null;
  return (
    <Group gap="xs" data-testid="bulk-bar" data-count={count}>
      <Text size="sm" fw={500}>
        {count.toLocaleString('en-US')} selected{allMatching ? ' (all matching)' : ''}
      </Text>
      <Button
        size="compact-sm"
        variant="light"
        leftSection={<IconTag size={14} />}
        data-testid="bulk-tag"
        onClick={() => onAction('addTags')}
      >
        Tag
      </Button>
      <Button
        size="compact-sm"
        variant="light"
        leftSection={<IconTagOff size={14} />}
        data-testid="bulk-untag"
        onClick={() => onAction('removeTags')}
      >
        Untag
      </Button>
      <Menu position="bottom-start">
        <Menu.Target>
          <Button size="compact-sm" variant="light" rightSection={<IconChevronDown size={14} />} data-testid="bulk-set">
            Set
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onAction('setEnvironment')}>Environment…</Menu.Item>
          <Menu.Item onClick={() => onAction('setStatus')}>Status…</Menu.Item>
          <Menu.Item onClick={() => onAction('setCriticality')}>Criticality…</Menu.Item>
          <Menu.Item onClick={() => onAction('setOwner')}>Owner…</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Button
        size="compact-sm"
        variant="light"
        color="red"
        leftSection={<IconTrash size={14} />}
        data-testid="bulk-delete"
        onClick={() => onAction('delete')}
      >
        Delete
      </Button>
      <Button size="compact-sm" variant="subtle" onClick={onClear}>
        Clear selection
      </Button>
    </Group>
  );
}
