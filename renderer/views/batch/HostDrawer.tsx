import { Alert, Badge, Button, Code, Drawer, Group, ScrollArea, Stack, Text } from '@mantine/core';
import type { HostResult } from '../../../shared/api/ssh';
import { finalStates, formatDuration, stateColor } from './batch-state';

interface Props {
  host: HostResult | null;
  onClose: () => void;
  onCancel: (ciId: string) => void;
}

/** One host of a run: its whole stdout and stderr, growing while it runs. */
export function HostDrawer({ host, onClose, onCancel }: Props) {
  return (
    <Drawer opened={host !== null} onClose={onClose} position="right" size="xl" title={host?.ci.name ?? ''}>
      {host && (
        <Stack gap="sm" data-testid="batch-host-drawer" data-host={host.ci.name}>
          <Group gap="xs">
            <Badge color={stateColor[host.state]}>{host.state}</Badge>
            <Text size="sm">{host.address}</Text>
            {host.exitCode !== null && <Text size="sm">exit {host.exitCode}</Text>}
            {host.signal && <Text size="sm">signal {host.signal}</Text>}
            <Text size="sm">{formatDuration(host.durationMs)}</Text>
            {!finalStates.has(host.state) && (
              <Button size="compact-xs" color="red" variant="light" onClick={() => onCancel(host.ci.id)}>
                Cancel this host
              </Button>
            )}
          </Group>
          {host.error && <Alert color="red">{host.error}</Alert>}
          {host.sha256 && (
            <Text size="xs" ff="monospace">
              sha256 {host.sha256}
            </Text>
          )}
          {host.truncated && (
            <Text size="xs" c="orange">
              Output beyond the size cap was not kept.
            </Text>
          )}
          <Text size="sm" fw={600}>
            stdout
          </Text>
          <ScrollArea.Autosize mah={360}>
            <Code block data-testid="batch-host-stdout">
              {host.stdout || '(nothing)'}
            </Code>
          </ScrollArea.Autosize>
          <Text size="sm" fw={600}>
            stderr
          </Text>
          <ScrollArea.Autosize mah={240}>
            <Code block c="red" data-testid="batch-host-stderr">
              {host.stderr || '(nothing)'}
            </Code>
          </ScrollArea.Autosize>
        </Stack>
      )}
    </Drawer>
  );
}
