import { Group } from '@mantine/core';
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
  type Icon,
} from '@tabler/icons-react';
import type { Panel } from '../../../shared/api/monitoring-dashboards';
import type { Annotation, QuerySource, TimeRange } from '../../../shared/api/monitoring-model';
import { PanelView } from '../charts/PanelView';
import { IconAction } from '../monitoring-common/IconAction';
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

/** The edit-mode controls on each panel, in the order they show. */
const controls: { tip: string; icon: Icon; color?: string; action: (id: string) => PanelAction }[] = [
  { tip: 'Edit panel', icon: IconPencil, action: (id) => ({ kind: 'edit', id }) },
  { tip: 'Duplicate', icon: IconCopy, action: (id) => ({ kind: 'duplicate', id }) },
  { tip: 'Move left', icon: IconArrowLeft, action: (id) => ({ kind: 'move', id, dx: -1, dy: 0 }) },
  { tip: 'Move right', icon: IconArrowRight, action: (id) => ({ kind: 'move', id, dx: 1, dy: 0 }) },
  { tip: 'Move up', icon: IconArrowUp, action: (id) => ({ kind: 'move', id, dx: 0, dy: -1 }) },
  { tip: 'Move down', icon: IconArrowDown, action: (id) => ({ kind: 'move', id, dx: 0, dy: 1 }) },
  { tip: 'Narrower', icon: IconViewportNarrow, action: (id) => ({ kind: 'resize', id, dw: -1, dh: 0 }) },
  { tip: 'Wider', icon: IconViewportWide, action: (id) => ({ kind: 'resize', id, dw: 1, dh: 0 }) },
  { tip: 'Shorter', icon: IconArrowsMinimize, action: (id) => ({ kind: 'resize', id, dw: 0, dh: -1 }) },
  { tip: 'Taller', icon: IconArrowsMaximize, action: (id) => ({ kind: 'resize', id, dw: 0, dh: 1 }) },
  { tip: 'Remove panel', icon: IconTrash, color: 'red', action: (id) => ({ kind: 'remove', id }) },
];

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
                {controls.map(({ tip, icon, action, color }) => (
                  <IconAction
                    key={tip}
                    size="sm"
                    icon={icon}
                    tip={tip}
                    color={color}
                    onClick={() => act(action(p.id))}
                  />
                ))}
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
