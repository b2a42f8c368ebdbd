import { Code, Drawer, Group, Stack, Text } from '@mantine/core';
import type { AuditEntry } from '../../../shared/api/audit';
import { OutcomeBadge } from './OutcomeBadge';

export function AuditDetailsDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  return (
    <Drawer
      opened={entry !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={entry ? `Audit entry ${entry.seq}` : ''}
    >
      {entry && (
        <Stack gap="xs" data-testid="audit-details">
          <Group gap="xs">
            <Text fw={600}>{entry.action}</Text>
            <OutcomeBadge outcome={entry.outcome} />
          </Group>
          <Text size="sm">
            {new Date(entry.time).toLocaleString()} · {entry.actor} · {entry.target}
          </Text>
          {entry.ref !== null && <Text size="sm">Completes entry {entry.ref}</Text>}
          <Code block data-testid="audit-details-json">
            {JSON.stringify(entry.details, null, 2)}
          </Code>
          <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            hash {entry.hash}
          </Text>
        </Stack>
      )}
    </Drawer>
  );
}
