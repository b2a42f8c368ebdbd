import { Box, Group, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { AuditEntry } from '../../../shared/api/audit';
import { ellipsisCell as cell, virtualRowStyle } from '../virtual-row';
import { OutcomeBadge } from './OutcomeBadge';

const rowHeight = 34;
const columns = '170px 110px 200px minmax(120px, 1fr) 100px minmax(140px, 1.2fr)';

interface Props {
  entries: AuditEntry[];
  hasMore: boolean;
  onNeedMore: () => void;
  onOpen: (e: AuditEntry) => void;
}

function shortJson(v: unknown): string {
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

export function AuditTable({ entries, hasMore, onNeedMore, onOpen }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;

  // Infinite loading: ask for the next page when the last rendered row nears the end.
  useEffect(() => {
    if (hasMore && lastIndex >= entries.length - 50) onNeedMore();
  }, [lastIndex, entries.length, hasMore, onNeedMore]);

  return (
    <Box style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}>
      <Box
        px="xs"
        py={6}
        style={{ display: 'grid', gridTemplateColumns: columns, gap: 8, fontWeight: 600, fontSize: 13 }}
        bg="var(--mantine-color-default-hover)"
      >
        <span>Time</span>
        <span>Actor</span>
        <span>Action</span>
        <span>Target</span>
        <span>Outcome</span>
        <span>Details</span>
      </Box>
      <div
        ref={scrollRef}
        data-testid="audit-scroll"
        style={{ height: 'calc(100vh - 330px)', minHeight: 240, overflow: 'auto' }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((vi) => {
            const e = entries[vi.index];
            return (
              <Box
                key={e.seq}
                data-testid="audit-row"
                data-seq={e.seq}
                onClick={() => onOpen(e)}
                px="xs"
                style={{
                  ...virtualRowStyle(vi.start, rowHeight, columns),
                  cursor: 'pointer',
                  borderBottom: '1px solid var(--mantine-color-default-border)',
                }}
              >
                <span style={cell}>{new Date(e.time).toLocaleString()}</span>
                <span style={cell}>{e.actor}</span>
                <span style={cell}>{e.action}</span>
                <span style={cell} title={e.target}>
                  {e.target}
                </span>
                <span>
                  <OutcomeBadge outcome={e.outcome} />
                </span>
                <Text span ff="monospace" size="xs" style={cell}>
                  {shortJson(e.details)}
                </Text>
              </Box>
            );
          })}
        </div>
        {entries.length === 0 && (
          <Group justify="center" p="lg">
            <Text c="dimmed">No audit entries match.</Text>
          </Group>
        )}
      </div>
    </Box>
  );
}
