import { Accordion, Badge, Code, Group, Text } from '@mantine/core';
import type { z } from 'zod';
import type { outputGroup } from '../../../shared/api/ssh';
import { firstLine, stateColor } from './batch-state';

type Group_ = z.infer<typeof outputGroup>;

/** Identical outputs folded together: "12 hosts: Linux web-1 6.1…", opened for the full text and hosts. */
export function OutputGroups({ groups }: { groups: Group_[] }) {
  if (groups.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Groups appear when hosts finish.
      </Text>
    );
  return (
    <Accordion multiple variant="separated">
      {groups.map((g, i) => (
        <Accordion.Item key={i} value={String(i)} data-testid="batch-group" data-hosts={g.hosts.length}>
          <Accordion.Control>
            <Group gap="xs" wrap="nowrap">
              <Badge color={stateColor[g.state]}>{g.state}</Badge>
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {g.hosts.length} host{g.hosts.length === 1 ? '' : 's'}:
              </Text>
              <Text size="sm" ff="monospace" truncate="end">
                {firstLine({ stdout: g.stdout, stderr: g.stderr, error: null }) || '(no output)'}
              </Text>
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Text size="xs" c="dimmed" mb={4}>
              exit {g.exitCode ?? '—'} · {g.hosts.map((h) => h.name).join(', ')}
            </Text>
            <Code block>{g.stdout || '(no stdout)'}</Code>
            {g.stderr && (
              <Code block c="red" mt={4}>
                {g.stderr}
              </Code>
            )}
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
