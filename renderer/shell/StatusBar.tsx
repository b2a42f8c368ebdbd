import { Badge, Group, Progress, Text, UnstyledButton } from '@mantine/core';
import { useConnection } from '../api/connection-store';
import { useJobs } from './jobs-store';
import { useRoute } from './route-store';
import { useSystem } from './system-store';
import { VaultStatusIndicator } from './vault-status-indicator';

const connectionColor = { connecting: 'yellow', open: 'green', closed: 'red', unauthorised: 'red' } as const;

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() || p;
}

export function StatusBar() {
  const info = useSystem((s) => s.info);
  const connection = useConnection((s) => s.state);
  const byId = useJobs((s) => s.byId);
  const navigate = useRoute((s) => s.navigate);
  const running = Object.values(byId).filter((j) => j.state === 'running' || j.state === 'queued');
  const first = running[0];
  const pct = first?.progress.total ? Math.min(100, (100 * first.progress.done) / first.progress.total) : 0;

  return (
    <Group h="100%" px="md" justify="space-between" gap="md" wrap="nowrap">
      <Group gap="xs" wrap="nowrap">
        <Text size="xs" data-testid="status-workspace" title={info?.workspacePath}>
          {info ? baseName(info.workspacePath) : '…'}
        </Text>
        {info?.readOnly && (
          <Badge size="xs" color="orange" data-testid="status-readonly">
            read-only
          </Badge>
        )}
        {info?.demo && (
          <Badge size="xs" color="grape" data-testid="status-demo">
            demo
          </Badge>
        )}
      </Group>
      <Group gap="md" wrap="nowrap">
        <VaultStatusIndicator />
        <UnstyledButton data-testid="status-jobs" data-running={running.length} onClick={() => navigate('jobs')}>
          <Group gap={6} wrap="nowrap">
            <Text size="xs">{running.length ? `${running.length} running` : 'No jobs running'}</Text>
            {first && <Progress w={80} size="sm" value={pct} animated={first.progress.total === null} />}
          </Group>
        </UnstyledButton>
        <Badge
          size="xs"
          variant="dot"
          color={connectionColor[connection]}
          data-testid="status-connection"
          data-state={connection}
        >
          {connection}
        </Badge>
      </Group>
    </Group>
  );
}
