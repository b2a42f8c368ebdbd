import { ActionIcon, Group, Tooltip } from '@mantine/core';
import {
  IconArrowDown,
  IconArrowLeft,
  IconArrowRight,
  IconArrowUp,
  IconArrowsMaximize,
  IconArrowsMinimize,
  IconCopy,
  IconPencil,
  IconTrash,
  IconViewportNarrow,
  IconViewportWide,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Panel } from '../../../shared/api/monitoring-dashboards';
import type { Annotation, QuerySource, TimeRange } from '../../../shared/api/monitoring-model';
import { PanelView } from '../charts/PanelView';
import { cellStyle, columns, inReadingOrder, rowPx, type PanelAction } from './grid';

interface Props {
  panels: readonly Panel[];
  range: TimeRange;
  variables: Record<string, string>;
  defaultSource: QuerySource | null;
  syncId: string;
  refreshKey: number;
  annotations: Annotation[];
  onZoom(from: number, to: number): void;
  /** set in edit mode: the controls on each panel */
  onAction?: (a: PanelAction) => void;
}

const gapPx = 8;
const controlsPx = 30;

function Control({
  label,
  onClick,
  children,
  color,
}: {
  label: string;
  onClick(): void;
  children: ReactNode;
  color?: string;
}) {
  return (
    <Tooltip label={label} withinPortal>
      <ActionIcon size="sm" variant="subtle" color={color} aria-label={label} onClick={onClick}>
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

/** The dashboard's panels on a 24-column grid, every chart sharing one crosshair. */
export function PanelGrid({
  panels,
  range,
  variables,
  defaultSource,
  syncId,
  refreshKey,
  annotations,
  onZoom,
  onAction,
}: Props) {
  return (
    <div
      data-testid="dashboard-grid"
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
        gridAutoRows: `${rowPx}px`,
        gap: gapPx,
      }}
    >
      {inReadingOrder(panels).map((p) => {
        const frame = p.grid.h * rowPx + (p.grid.h - 1) * gapPx;
        const act = (a: PanelAction) => onAction?.(a);
        return (
          <div key={p.id} style={{ ...cellStyle(p.grid), minWidth: 0 }} data-testid={`grid-cell-${p.id}`}>
            {onAction && (
              <Group gap={0} h={controlsPx} wrap="nowrap" justify="flex-end" data-testid={`panel-controls-${p.id}`}>
                <Control label="Edit panel" onClick={() => act({ kind: 'edit', id: p.id })}>
                  <IconPencil size={14} />
                </Control>
                <Control label="Duplicate" onClick={() => act({ kind: 'duplicate', id: p.id })}>
                  <IconCopy size={14} />
                </Control>
                <Control label="Move left" onClick={() => act({ kind: 'move', id: p.id, dx: -1, dy: 0 })}>
                  <IconArrowLeft size={14} />
                </Control>
                <Control label="Move right" onClick={() => act({ kind: 'move', id: p.id, dx: 1, dy: 0 })}>
                  <IconArrowRight size={14} />
                </Control>
                <Control label="Move up" onClick={() => act({ kind: 'move', id: p.id, dx: 0, dy: -1 })}>
                  <IconArrowUp size={14} />
                </Control>
                <Control label="Move down" onClick={() => act({ kind: 'move', id: p.id, dx: 0, dy: 1 })}>
                  <IconArrowDown size={14} />
                </Control>
                <Control label="Narrower" onClick={() => act({ kind: 'resize', id: p.id, dw: -1, dh: 0 })}>
                  <IconViewportNarrow size={14} />
                </Control>
                <Control label="Wider" onClick={() => act({ kind: 'resize', id: p.id, dw: 1, dh: 0 })}>
                  <IconViewportWide size={14} />
                </Control>
                <Control label="Shorter" onClick={() => act({ kind: 'resize', id: p.id, dw: 0, dh: -1 })}>
                  <IconArrowsMinimize size={14} />
                </Control>
                <Control label="Taller" onClick={() => act({ kind: 'resize', id: p.id, dw: 0, dh: 1 })}>
                  <IconArrowsMaximize size={14} />
                </Control>
                <Control label="Remove panel" color="red" onClick={() => act({ kind: 'remove', id: p.id })}>
                  <IconTrash size={14} />
                </Control>
              </Group>
            )}
            <PanelView
              panel={p}
              range={range}
              variables={variables}
              defaultSource={defaultSource}
              syncId={syncId}
              refreshKey={refreshKey}
              annotations={annotations}
              onZoom={onZoom}
              height={Math.max(60, frame - (onAction ? controlsPx : 0))}
            />
          </div>
        );
      })}
    </div>
  );
}
