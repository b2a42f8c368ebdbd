import { Table } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef } from 'react';
import type { SeriesData, Unit } from '../../../shared/api/monitoring-model';
import { seriesStats } from './legend-stats';
import { seriesColor } from './thresholds';
import { formatValue } from './units';

interface Props {
  panelId: string;
  series: readonly SeriesData[];
  hidden: ReadonlySet<number>;
  unit: Unit;
  decimals: number | null;
  maxHeight: number;
  /** toggle: ctrl/cmd was held */
  onClick(index: number, toggle: boolean): void;
}

/** One legend row's height, px (TimeSeriesPanel sizes the legend by it). */
export const rowPx = 21;

const num = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** The legend as a table: one row per series with its min, max, mean and last; click to isolate. Memoised: its stats are only redone for new series. */
export const TimeSeriesLegend = memo(function TimeSeriesLegend({
  panelId,
  series,
  hidden,
  unit,
  decimals,
  maxHeight,
  onClick,
}: Props) {
  const stats = useMemo(() => series.map((s) => seriesStats(s.v)), [series]);
  const f = (v: number | null) => formatValue(v, unit, decimals);
  // `sum by (instance)` over a fleet gives hundreds of rows: only those in view are mounted,
  // between two spacer rows that keep the scroll height.
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: series.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowPx,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  return (
    <div ref={scrollRef} style={{ maxHeight, overflowY: 'auto' }} data-testid={`legend-${panelId}`}>
      <Table fz="xs" verticalSpacing={1} horizontalSpacing={6} highlightOnHover stickyHeader>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th style={num}>Min</Table.Th>
            <Table.Th style={num}>Max</Table.Th>
            <Table.Th style={num}>Mean</Table.Th>
            <Table.Th style={num}>Last</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {padTop > 0 && <tr style={{ height: padTop }} />}
          {items.map(({ index: i }) => (
            <Table.Tr
              // Position is the series' identity here, as in the chart's dataKeys.
              key={i}
              h={rowPx}
              data-testid={`legend-row-${panelId}-${i}`}
              data-hidden={hidden.has(i)}
              style={{ cursor: 'pointer', opacity: hidden.has(i) ? 0.45 : 1, userSelect: 'none' }}
              title="Click to show only this series; Ctrl/⌘-click to show or hide it"
              onClick={(e) => onClick(i, e.ctrlKey || e.metaKey)}
            >
              <Table.Td style={{ maxWidth: 0, width: '100%' }}>
                <div style={{ display: 'flex', alignItems: 'center', gap: 6, overflow: 'hidden' }}>
                  <span style={{ width: 12, height: 3, background: seriesColor(i), flex: 'none' }} />
                  <span
                    style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                    title={series[i].name}
                  >
                    {series[i].name}
                  </span>
                </div>
              </Table.Td>
              <Table.Td style={num}>{f(stats[i].min)}</Table.Td>
              <Table.Td style={num}>{f(stats[i].max)}</Table.Td>
              <Table.Td style={num}>{f(stats[i].mean)}</Table.Td>
              <Table.Td style={num} data-testid={`legend-last-${panelId}-${i}`}>
                {f(stats[i].last)}
              </Table.Td>
            </Table.Tr>
          ))}
          {padBottom > 0 && <tr style={{ height: padBottom }} />}
        </Table.Tbody>
      </Table>
    </div>
  );
});
