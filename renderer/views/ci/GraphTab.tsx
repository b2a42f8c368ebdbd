import { Alert, Group, Loader, SegmentedControl, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { RelationType } from '../../../shared/api/cmdb-model';
import { useCall } from '../../api/use-call';
import { GraphCanvas } from './GraphCanvas';

interface Props {
  id: string;
  highlight?: ReadonlySet<string>;
  /** bumps when relationships change */
  tick: number;
  relationTypes: readonly RelationType[];
}

export function GraphTab({ id, highlight, tick, relationTypes }: Props) {
  const [depth, setDepth] = useState('2');
  const [direction, setDirection] = useState<'both' | 'upstream' | 'downstream'>('both');
  const graph = useCall('cmdb.graph', { id, depth: Number(depth), direction, limit: 500 });
  const { reload } = graph;
  useEffect(() => {
    if (tick > 0) reload();
  }, [tick, reload]);
  return (
    <>
      <Group gap="md" mb="sm">
        <Group gap={6}>
          <Text size="sm">Depth</Text>
          <SegmentedControl
            size="xs"
            data-testid="graph-depth"
            value={depth}
            onChange={setDepth}
            data={['1', '2', '3', '4', '6', '10']}
          />
        </Group>
        <SegmentedControl
          size="xs"
          value={direction}
          onChange={(v) => setDirection(v as typeof direction)}
          data={[
            { value: 'both', label: 'Both ways' },
            { value: 'upstream', label: 'Upstream' },
            { value: 'downstream', label: 'Downstream' },
          ]}
        />
        {graph.loading && <Loader size="xs" />}
        {highlight && highlight.size > 0 && (
          <Text size="xs" c="red">
            {highlight.size} impacted CIs outlined in red
          </Text>
        )}
      </Group>
      {graph.error && <Alert color="red">{graph.error}</Alert>}
      {graph.data?.truncated && (
        <Alert color="yellow" mb="sm">
          The graph is larger than shown; lower the depth or open a neighbour.
        </Alert>
      )}
      {graph.data && <GraphCanvas graph={graph.data} highlight={highlight} relationTypes={relationTypes} />}
    </>
  );
}
