import { Badge, Box, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { HostResult } from '../../../shared/api/ssh';
import { ellipsisCell as cell, virtualRowStyle } from '../virtual-row';
import { firstLine, formatDuration, stateColor } from './batch-state';

const rowHeight = 30;

interface Props {
  rows: HostResult[];
  showSha: boolean;
  onOpen: (ciId: string) => void;
  /** bumps on every live change, so visible rows redraw */
  version: number;
}

/** One fixed-height row per host; only the rows on screen exist, so 1,000 hosts stay smooth. */
export function BatchGrid({ rows, showSha, onOpen }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const template = showSha
    ? 'minmax(140px, 1.2fr) 130px 60px 80px minmax(120px, 1fr) minmax(160px, 2fr)'
    : 'minmax(140px, 1.2fr) 130px 60px 80px minmax(200px, 3fr)';
  const head = ['Host', 'State', 'Exit', 'Duration', ...(showSha ? ['sha256'] : []), 'Output'];
  return (
    <Box style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}>
      <div style={{ display: 'grid', gridTemplateColumns: template, gap: 8, padding: '6px 10px', fontWeight: 600 }}>
        {head.map((h) => (
          <Text key={h} size="xs" fw={600}>
            {h}
          </Text>
        ))}
      </div>
      <div ref={scrollRef} data-testid="batch-grid" style={{ height: 360, overflow: 'auto' }}>
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((vi) => {
            const h = rows[vi.index]!;
            return (
              <div
                key={h.ci.id}
                data-testid="batch-host-row"
                data-host={h.ci.name}
                data-state={h.state}
                onClick={() => onOpen(h.ci.id)}
                style={{
                  ...virtualRowStyle(vi.start, rowHeight, template),
                  padding: '0 10px',
                  cursor: 'pointer',
                  borderTop: '1px solid var(--mantine-color-default-border)',
                }}
              >
                <span style={cell} title={h.address}>
                  {h.ci.name}
                </span>
                <span>
                  <Badge size="sm" color={stateColor[h.state]} variant="filled">
                    {h.state}
                  </Badge>
                </span>
                <span style={cell}>{h.exitCode ?? (h.signal ? h.signal : '')}</span>
                <span style={cell}>{formatDuration(h.durationMs)}</span>
                {showSha && (
                  <span style={{ ...cell, fontFamily: 'monospace', fontSize: 11 }} title={h.sha256 ?? ''}>
                    {h.sha256 ? h.sha256.slice(0, 16) + '…' : ''}
                  </span>
                )}
                <span
                  style={{
                    ...cell,
                    fontFamily: 'monospace',
                    fontSize: 12,
                    color: h.error ? 'var(--mantine-color-red-6)' : undefined,
                  }}
                  title={firstLine(h)}
                >
                  {firstLine(h)}
                </span>
              </div>
            );
          })}
        </div>
        {rows.length === 0 && (
          <Text c="dimmed" size="sm" p="md">
            No hosts yet.
          </Text>
        )}
      </div>
    </Box>
  );
}
