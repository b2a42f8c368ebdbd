import { Badge, Box, Button, Code, Group, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { LogEntry } from '../../../shared/api/monitoring-logs';
import { ellipsisCell, virtualRowStyle } from '../virtual-row';
import { type FtsQuery, matchRanges } from './fts-match';
import { Highlighted } from './Highlighted';
import { type Segment, segmentsFromRanges, splitHighlights } from './highlight';
import { formatLogTime, levelBadge } from './log-format';
import type { TopShift } from './use-log-feed';

const rowHeight = 22;
const columns = '180px 130px 150px 64px minmax(0, 1fr)';

interface Props {
  lines: LogEntry[];
  query: FtsQuery;
  shift: TopShift;
  /** a new search answered: follow the newest line again */
  searchSeq: number;
  hasOlder: boolean;
  loading: boolean;
  /** the search failed: its error is shown above, not an empty result */
  failed: boolean;
  onLoadOlder: () => void;
}

/** Search hits carry FTS5's markers; tailed lines are marked here with the same query. */
function segmentsOf(e: LogEntry, query: FtsQuery): Segment[] {
  if (e.highlighted !== null) return splitHighlights(e.highlighted);
  return query.length
    ? segmentsFromRanges(e.message, matchRanges(e.message, query))
    : [{ text: e.message, mark: false }];
}

/** Oldest at the top, newest at the bottom; follows new lines unless the reader has scrolled up. */
export function LogResults({ lines, query, shift, searchSeq, hasOlder, loading, failed, onLoadOlder }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [open, setOpen] = useState<LogEntry | null>(null);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 20,
  });

  // Declared before the follow effect below, so a new search scrolls to its newest line.
  useLayoutEffect(() => {
    stick.current = true;
  }, [searchSeq]);

  // Rows added or dropped above the view move what the reader sees unless the scroll moves with them.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && shift.seq && !stick.current) el.scrollTop = Math.max(0, el.scrollTop + shift.rows * rowHeight);
  }, [shift]);

  useLayoutEffect(() => {
    if (stick.current && lines.length) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines, virtualizer]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (el) stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight * 1.5;
  };

  return (
    <>
      {hasOlder && (
        <Group justify="center">
          <Button
            size="compact-xs"
            variant="default"
            loading={loading}
            data-testid="hostlogs-older"
            onClick={onLoadOlder}
          >
            Load older
          </Button>
        </Group>
      )}
      <Box
        ref={scrollRef}
        onScroll={onScroll}
        data-testid="hostlogs-results"
        data-count={lines.length}
        ff="monospace"
        fz={12}
        style={{
          height: open ? 'calc(100vh - 520px)' : 'calc(100vh - 420px)',
          minHeight: 240,
          overflow: 'auto',
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 4,
        }}
      >
        {lines.length === 0 && !loading && !failed && (
          <Text size="sm" c="dimmed" p="md" ff="body">
            No stored lines match these filters.
          </Text>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((vi) => {
            const e = lines[vi.index];
            return (
              <div
                key={e.id}
                data-testid="hostlogs-line"
                data-level={e.level}
                data-host={e.host}
                style={{
                  ...virtualRowStyle(vi.start, rowHeight, columns),
                  fontSize: 12,
                  padding: '0 8px',
                  cursor: 'pointer',
                }}
                onClick={() => setOpen(open?.id === e.id ? null : e)}
              >
                <span style={ellipsisCell}>{formatLogTime(e.time)}</span>
                <span style={ellipsisCell} title={e.host}>
                  {e.host}
                </span>
                <span style={ellipsisCell} title={e.unit}>
                  {e.unit}
                </span>
                <Badge size="xs" radius="sm" {...levelBadge[e.level]}>
                  {e.level}
                </Badge>
                <span style={{ ...ellipsisCell, whiteSpace: 'pre' }} title={e.message}>
                  <Highlighted segments={segmentsOf(e, query)} />
                </span>
              </div>
            );
          })}
        </div>
      </Box>
      {open && (
        <Code
          block
          data-testid="hostlogs-open-line"
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 100 }}
        >
          {formatLogTime(open.time)} {open.host} {open.unit} [{open.level}]{'\n'}
          <Highlighted segments={segmentsOf(open, query)} />
        </Code>
      )}
    </>
  );
}
