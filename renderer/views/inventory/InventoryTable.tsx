import { Box, Group, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { openCi } from '../ci/ci-route';
import { type ColumnDef, cellText, gridTemplate, minRowWidth, nextSort } from './columns';
import { ellipsisCell as cell, virtualRowStyle } from '../virtual-row';
import type { PageCache } from './page-cache';
import type { Sort } from './query-chips';
import { type Selection, isSelected, selectRange, selectedCount, toggleRow } from './selection';

const rowHeight = 32;

interface Props {
  cache: PageCache;
  total: number;
  columns: ColumnDef[];
  sort: Sort;
  onSort: (s: Sort) => void;
  selection: Selection;
  onSelection: (s: Selection) => void;
  onSelectAll: () => void;
  scrollTop: number;
  onScrollTop: (top: number) => void;
  /** bumps when rows arrive, so the visible rows redraw */
  version: number;
}

/** Fixed-height rows of plain text, fetched a page at a time as they come into view. */
export function InventoryTable(p: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: p.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { cache } = p;

  // Fetch once the scroll settles briefly, so dragging the scrollbar across 100k rows
  // does not ask for every page it flies past.
  useEffect(() => {
    if (p.total <= 0) return;
    const t = setTimeout(() => cache.ensure(first, last), 40);
    return () => clearTimeout(t);
  }, [cache, first, last, p.total, p.version]);

  // Coming back from a CI: restore where the list was.
  const restored = useRef(false);
  useLayoutEffect(() => {
    if (restored.current || !scrollRef.current || p.total === 0) return;
    restored.current = true;
    scrollRef.current.scrollTop = p.scrollTop;
  }, [p.total, p.scrollTop]);

  const template = gridTemplate(p.columns);
  const minWidth = minRowWidth(p.columns);
  const count = selectedCount(p.selection, p.total);
  const allChecked = p.selection.mode === 'all' && count === p.total && p.total > 0;

  const onCheck = (e: React.MouseEvent, id: string, index: number) => {
    e.stopPropagation();
    const idAt = (i: number) => cache.get(i)?.id;
    p.onSelection(e.shiftKey ? selectRange(p.selection, index, idAt) : toggleRow(p.selection, id, index));
  };

  return (
    <Box style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }}>
      <div
        ref={scrollRef}
        data-testid="inventory-scroll"
        onScroll={(e) => p.onScrollTop(e.currentTarget.scrollTop)}
        style={{ height: 'calc(100vh - 300px)', minHeight: 240, overflow: 'auto' }}
      >
        <Box
          px="xs"
          py={6}
          style={{
            display: 'grid',
            gridTemplateColumns: template,
            gap: 8,
            fontWeight: 600,
            fontSize: 13,
            position: 'sticky',
            top: 0,
            zIndex: 1,
            minWidth,
          }}
          bg="var(--mantine-color-body)"
        >
          <input
            type="checkbox"
            aria-label="Select all matching"
            data-testid="inventory-select-all"
            checked={allChecked}
            ref={(el) => {
              if (el) el.indeterminate = count > 0 && !allChecked;
            }}
            onChange={() =>
              count > 0 ? p.onSelection({ mode: 'some', ids: new Set(), anchor: null }) : p.onSelectAll()
            }
          />
          {p.columns.map((c) => (
            <Group
              key={c.id}
              gap={2}
              wrap="nowrap"
              data-testid={`inventory-header-${c.id}`}
              style={{ ...cell, cursor: c.sortKey ? 'pointer' : 'default', userSelect: 'none' }}
              onClick={() => c.sortKey && p.onSort(nextSort(p.sort, c.sortKey))}
            >
              <span style={cell}>{c.label}</span>
              {c.sortKey &&
                p.sort.by === c.sortKey &&
                (p.sort.dir === 'asc' ? <IconArrowUp size={12} /> : <IconArrowDown size={12} />)}
            </Group>
          ))}
        </Box>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth }}>
          {items.map((vi) => {
            const ci = cache.get(vi.index);
            const style = {
              ...virtualRowStyle(vi.start, rowHeight, template),
              padding: '0 10px',
              borderBottom: '1px solid var(--mantine-color-default-border)',
            } as const;
            if (!ci)
              return (
                <div key={`p${vi.index}`} style={{ ...style, color: 'var(--mantine-color-dimmed)' }}>
                  <span />
                  <span>…</span>
                </div>
              );
            const checked = isSelected(p.selection, ci.id);
            return (
              <div
                key={ci.id}
                data-testid="inventory-row"
                data-id={ci.id}
                data-name={ci.name}
                data-index={vi.index}
                onClick={() => openCi(ci.id)}
                style={{
                  ...style,
                  cursor: 'pointer',
                  background: checked ? 'var(--mantine-primary-color-light)' : undefined,
                }}
              >
                <input
                  type="checkbox"
                  data-testid="inventory-row-check"
                  aria-label={`Select ${ci.name}`}
                  checked={checked}
                  onClick={(e) => onCheck(e, ci.id, vi.index)}
                  onChange={() => {}}
                />
                {p.columns.map((c) => (
                  <span key={c.id} style={cell} title={cellText(ci, c.id)}>
                    {cellText(ci, c.id)}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
        {p.total === 0 && (
          <Group justify="center" p="lg">
            <Text c="dimmed">No configuration items match.</Text>
          </Group>
        )}
      </div>
    </Box>
  );
}
