import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useCall } from '../../api/use-call';
import { groupByDepth } from './blast';
import { relationLabel } from './ci-labels';
import { ciHash } from './ci-route';

interface Props {
  id: string;
  tick: number;
  onResult: (ids: ReadonlySet<string>) => void;
  onShowGraph: () => void;
}

export function BlastTab({ id, tick, onResult, onShowGraph }: Props) {
  const blast = useCall('cmdb.blastRadius', { id });
  const { reload, data } = blast;
  useEffect(() => {
    if (tick > 0) reload();
  }, [tick, reload]);
  useEffect(() => {
    if (data) onResult(new Set(data.impacted.map((x) => x.id)));
  }, [data, onResult]);

  return (
    <Stack gap="sm">
      {blast.error && <Alert color="red">{blast.error}</Alert>}
      {blast.loading && !data && <Loader size="sm" />}
      {data && (
        <>
          <Group justify="space-between">
            <Group gap="xs" align="baseline">
              <Title order={2} data-testid="blast-count" data-count={data.total}>
                {data.total.toLocaleString('en-US')}
              </Title>
              <Text c="dimmed">
                CIs may be impacted if {data.root.name} fails{data.truncated ? ' (list truncated)' : ''}.
              </Text>
            </Group>
            <Button size="xs" variant="light" onClick={onShowGraph}>
              Show on graph
            </Button>
          </Group>
          {groupByDepth(data).map((g) => (
            <div key={g.depth} data-testid="blast-depth" data-depth={g.depth}>
              <Text size="sm" fw={600} mb={4}>
                {g.depth} hop{g.depth === 1 ? '' : 's'} away ({g.items.length})
              </Text>
              <Group gap={6}>
                {g.items.slice(0, 500).map((x) => (
                  <Badge
                    key={x.id}
                    variant="light"
                    color="red"
                    style={{ textTransform: 'none' }}
                    data-testid="blast-item"
                  >
                    <Anchor href={ciHash(x.id)} size="xs" c="inherit">
                      {x.name}
                    </Anchor>
                    <Text span size="xs" c="dimmed">
                      {' '}
                      via {relationLabel(x.via)}
                    </Text>
                  </Badge>
                ))}
                {g.items.length > 500 && <Text size="xs">and {g.items.length - 500} more</Text>}
              </Group>
            </div>
          ))}
        </>
      )}
    </Stack>
  );
}
