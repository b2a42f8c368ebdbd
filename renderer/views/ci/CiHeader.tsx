import { Anchor, Badge, Group, Stack, Text, Title } from '@mantine/core';
import type { Ci } from '../../../shared/api/cmdb-model';

const statusColor: Record<Ci['status'], string> = {
  planned: 'gray',
  staged: 'cyan',
  active: 'green',
  maintenance: 'yellow',
  decommissioning: 'orange',
  retired: 'dark',
};
const criticalityColor = { low: 'gray', medium: 'blue', high: 'orange', critical: 'red' } as const;

export function CiHeader({ ci }: { ci: Ci }) {
  return (
    <Stack gap={4}>
      <Anchor size="sm" href="#/inventory">
        ← Inventory
      </Anchor>
      <Group gap="sm" align="center">
        <Title order={3} data-testid="ci-name">
          {ci.name}
        </Title>
        <Badge variant="outline" data-testid="ci-type">
          {ci.type}
        </Badge>
        <Badge color={statusColor[ci.status]} data-testid="ci-status">
          {ci.status}
        </Badge>
        {ci.criticality && <Badge color={criticalityColor[ci.criticality]}>{ci.criticality}</Badge>}
        {ci.environment && (
          <Badge variant="light" color="grape" data-testid="ci-environment">
            {ci.environment}
          </Badge>
        )}
      </Group>
      <Group gap={4} data-testid="ci-tags">
        {ci.tags.map((t) => (
          <Badge key={t} size="sm" variant="dot">
            {t}
          </Badge>
        ))}
        {ci.tags.length === 0 && (
          <Text size="xs" c="dimmed">
            no tags
          </Text>
        )}
      </Group>
    </Stack>
  );
}
