import { Box } from '@mantine/core';
import { useMemo } from 'react';
import { openCi } from './ci-route';
import type { RelationType } from '../../../shared/api/cmdb-model';
import { type GraphIn, layoutGraph, truncate } from './graph-layout';

interface Props {
  graph: GraphIn;
  /** ids drawn as impacted (the blast radius) */
  highlight?: ReadonlySet<string>;
  /** orient the columns by how failure travels along each type */
  relationTypes?: readonly RelationType[];
}

/** Upstream on the left, the CI in the middle, downstream on the right; click a node to open it. */
export function GraphCanvas({ graph, highlight, relationTypes }: Props) {
  const layout = useMemo(() => {
    const impact = new Map((relationTypes ?? []).map((t) => [t.name, t.impact]));
    return layoutGraph(graph, {}, (type) => impact.get(type));
  }, [graph, relationTypes]);
  const { nodeWidth: w, nodeHeight: h } = layout;
  return (
    <Box
      style={{ overflow: 'auto', border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}
      data-testid="ci-graph"
    >
      <svg width={layout.width} height={layout.height} role="img" aria-label={`Relationships of ${graph.root.name}`}>
        <defs>
          <marker
            id="ci-graph-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--mantine-color-dimmed)" />
          </marker>
        </defs>
        {layout.edges.map((e) => (
          <g key={e.id} data-testid="graph-edge" data-from={e.from} data-to={e.to}>
            <path
              d={e.path}
              fill="none"
              stroke="var(--mantine-color-dimmed)"
              strokeWidth={1.2}
              markerEnd="url(#ci-graph-arrow)"
            />
            <text x={e.mx} y={e.my - 4} fontSize={10} textAnchor="middle" fill="var(--mantine-color-dimmed)">
              {e.type.replace(/_/g, ' ')}
            </text>
          </g>
        ))}
        {layout.nodes.map((n) => {
          const root = n.id === graph.root.id;
          const hit = highlight?.has(n.id) ?? false;
          return (
            <g
              key={n.id}
              data-testid="graph-node"
              data-id={n.id}
              data-name={n.name}
              data-layer={n.layer}
              data-impacted={hit || undefined}
              transform={`translate(${n.x}, ${n.y})`}
              style={{ cursor: root ? 'default' : 'pointer' }}
              onClick={() => !root && openCi(n.id)}
            >
              <title>{`${n.name} (${n.type})`}</title>
              <rect
                width={w}
                height={h}
                rx={5}
                fill={
                  root
                    ? 'var(--mantine-primary-color-light)'
                    : hit
                      ? 'var(--mantine-color-red-light)'
                      : 'var(--mantine-color-body)'
                }
                stroke={
                  root
                    ? 'var(--mantine-primary-color-filled)'
                    : hit
                      ? 'var(--mantine-color-red-6)'
                      : 'var(--mantine-color-default-border)'
                }
                strokeWidth={root || hit ? 2 : 1}
              />
              <text x={8} y={14} fontSize={12} fontWeight={600} fill="var(--mantine-color-text)">
                {truncate(n.name, 24)}
              </text>
              <text x={8} y={27} fontSize={10} fill="var(--mantine-color-dimmed)">
                {n.type}
              </text>
            </g>
          );
        })}
      </svg>
    </Box>
  );
}
