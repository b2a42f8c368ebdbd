import { Box } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';
import { virtualRowStyle } from '../virtual-row';

interface Props<T> {
  items: readonly T[];
  keyOf(item: T): string | number;
  /** CSS grid columns, shared by the header and every row */
  columns: string;
  header: ReactNode[];
  row(item: T): ReactNode;
  /** data-* attributes of one row, for tests and styling */
  rowProps?(item: T): Record<string, string | number | boolean | undefined>;
  rowHeight?: number;
  testId?: string;
  /** the scroll area's CSS height */
  height?: string;
}

/**
 * A table that mounts only the rows in view (an outage fires thousands of
 * alerts; the history grows with every transition). Rows have one fixed
 * height, so cells cut their content rather than wrap.
 */
export function VirtualTable<T>({
  items,
  keyOf,
  columns,
  header,
  row,
  rowProps,
  rowHeight = 34,
  testId,
  height = 'calc(100vh - 300px)',
}: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // A short list takes only the room it needs.
  const fit = items.length * rowHeight + 2;
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  return (
    <Box style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }} data-testid={testId}>
      <Box
        px="xs"
        py={6}
        fz="xs"
        fw={600}
        style={{ display: 'grid', gridTemplateColumns: columns, gap: 8 }}
        bg="var(--mantine-color-default-hover)"
      >
        {header.map((h, i) => (
          <span key={i}>{h}</span>
        ))}
      </Box>
      <div ref={scrollRef} style={{ height, minHeight: Math.min(160, fit), maxHeight: fit, overflow: 'auto' }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((vi) => {
            const item = items[vi.index];
            return (
              <Box
                key={keyOf(item)}
                px="xs"
                {...rowProps?.(item)}
                style={{
                  ...virtualRowStyle(vi.start, rowHeight, columns),
                  fontSize: 12,
                  borderBottom: '1px solid var(--mantine-color-default-border)',
                  overflow: 'hidden',
                }}
              >
                {row(item)}
              </Box>
            );
          })}
        </div>
      </div>
    </Box>
  );
}
