import { Table, UnstyledButton, useMantineTheme } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Unit } from '../../../shared/api/monitoring-model';
import { pickThreshold, resolveColor, type ThresholdIn } from './thresholds';
import { buildTable, columnTitle, sortTable, type SortColumn, type SortDir, type TableSample } from './table-rows';
import { formatValue } from './units';

export interface TablePanelProps {
  panelId: string;
  samples: readonly TableSample[];
  unit: Unit;
  decimals: number | null;
  thresholds: readonly ThresholdIn[];
  height: number;
}

/** Rows drawn at once; an instant query over thousands of series is filtered in PromQL, not scrolled through. */
const maxRows = 1000;

const sameColumn = (a: SortColumn, b: SortColumn) =>
  a.kind === b.kind && (a.kind !== 'label' || a.name === (b as { name: string }).name);

/** An instant query's samples: a column per label, the value last; click a header to sort. */
export function TablePanel(p: TablePanelProps) {
  const theme = useMantineTheme();
  const colors = theme.colors as unknown as Record<string, readonly string[]>;
  const model = useMemo(() => buildTable(p.samples), [p.samples]);
  const [sort, setSort] = useState<{ col: SortColumn; dir: SortDir }>({ col: { kind: 'value' }, dir: 'desc' });
  const rows = useMemo(() => sortTable(model.rows, sort.col, sort.dir), [model, sort]);

  const header = (col: SortColumn, title: string, testId: string, align?: 'right') => {
    const active = sameColumn(col, sort.col);
    const Icon = sort.dir === 'asc' ? IconChevronUp : IconChevronDown;
    return (
      <Table.Th style={{ textAlign: align, whiteSpace: 'nowrap' }}>
        <UnstyledButton
          fz="xs"
          fw={600}
          data-testid={testId}
          onClick={() => setSort({ col, dir: active && sort.dir === 'desc' ? 'asc' : 'desc' })}
        >
          {title} {active && <Icon size={12} style={{ verticalAlign: 'middle' }} />}
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <div style={{ maxHeight: p.height, overflow: 'auto' }} data-testid={`table-${p.panelId}`}>
      <Table fz="xs" verticalSpacing={2} striped stickyHeader>
        <Table.Thead>
          <Table.Tr>
            {model.withRefId && header({ kind: 'refId' }, 'query', `table-sort-${p.panelId}-refId`)}
            {model.columns.map((c) =>
              header({ kind: 'label', name: c }, columnTitle(c), `table-sort-${p.panelId}-${c}`),
            )}
            {header({ kind: 'value' }, 'Value', `table-sort-${p.panelId}-value`, 'right')}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, maxRows).map((r) => {
            const reached = pickThreshold(r.value, p.thresholds);
            // Identity of a sample: its query and label set.
            const key = `${r.refId}|${JSON.stringify(r.labels)}`;
            return (
              <Table.Tr key={key} data-testid={`table-row-${p.panelId}`}>
                {model.withRefId && <Table.Td>{r.refId}</Table.Td>}
                {model.columns.map((c) => (
                  <Table.Td key={c}>{r.labels[c] ?? ''}</Table.Td>
                ))}
                <Table.Td
                  style={{
                    textAlign: 'right',
                    fontVariantNumeric: 'tabular-nums',
                    color: reached ? resolveColor(reached.color, colors) : undefined,
                  }}
                >
                  {formatValue(r.value, p.unit, p.decimals)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {rows.length > maxRows && (
        <div style={{ fontSize: 11, padding: 4 }}>{rows.length - maxRows} more rows not shown</div>
      )}
    </div>
  );
}
