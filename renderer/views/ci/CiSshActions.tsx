import { Button, Group } from '@mantine/core';
import { IconChartLine, IconStack2, IconTerminal2 } from '@tabler/icons-react';
import type { Ci } from '../../../shared/api/cmdb-model';

/** Shortcuts from a host CI: a terminal to it, a batch run targeting it alone, its built-in metrics dashboard. */
export function CiSshActions({ ci }: { ci: Pick<Ci, 'id' | 'name'> }) {
  const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
  return (
    <Group gap="xs">
      <Button
        size="xs"
        variant="light"
        leftSection={<IconTerminal2 size={14} />}
        data-testid="ci-open-terminal"
        onClick={() => (location.hash = `#/terminals?${q({ ci: ci.id, name: ci.name })}`)}
      >
        Open terminal
      </Button>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconStack2 size={14} />}
        data-testid="ci-run-command"
        onClick={() => (location.hash = `#/batch?${q({ ids: ci.id })}`)}
      >
        Run command…
      </Button>
      <Button
        size="xs"
        variant="light"
        leftSection={<IconChartLine size={14} />}
        data-testid="ci-open-metrics"
        onClick={() => (location.hash = `#/host/${encodeURIComponent(ci.id)}`)}
      >
        Metrics
      </Button>
    </Group>
  );
}
