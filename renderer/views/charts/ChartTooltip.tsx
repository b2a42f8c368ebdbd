import { Paper, Text } from '@mantine/core';
import type { TooltipContentProps } from 'recharts';
import type { Unit } from '../../../shared/api/monitoring-model';
import { fillKey } from './rows';
import { tooltipTime } from './time-axis';
import { formatValue } from './units';

interface Props {
  names: readonly string[];
  unit: Unit;
  decimals: number | null;
  fromMs: number;
  toMs: number;
}

/**
 * The hovered time's values. A value that was filled in between two samples
 * (rows.ts, rule 1) is not a sample and is left out; so is a gap.
 */
export function ChartTooltip(p: Props & Partial<TooltipContentProps<number, string>>) {
  if (!p.active || !p.payload || p.payload.length === 0) return null;
  const row = p.payload[0]?.payload as Record<string, unknown> | undefined;
  const t = typeof row?.t === 'number' ? row.t : Number(p.label);
  const indexOf = (key: unknown) => Number(String(key).slice(1));
  const entries = p.payload.filter((e) => typeof e.value === 'number' && row?.[fillKey(indexOf(e.dataKey))] !== true);
  return (
    <Paper withBorder shadow="sm" p={6} fz="xs" style={{ pointerEvents: 'none', maxWidth: 420 }}>
      <Text size="xs" fw={600} mb={2}>
        {tooltipTime(t, p.fromMs, p.toMs)}
      </Text>
      {entries.length === 0 && (
        <Text size="xs" c="dimmed">
          no sample at this time
        </Text>
      )}
      {entries.slice(0, 20).map((e) => {
        const i = indexOf(e.dataKey);
        return (
          <div key={String(e.dataKey)} style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
            <span style={{ width: 10, height: 3, background: e.color, flex: 'none' }} />
            <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {p.names[i] ?? e.name}
            </span>
            <b>{formatValue(e.value as number, p.unit, p.decimals)}</b>
          </div>
        );
      })}
      {entries.length > 20 && (
        <Text size="xs" c="dimmed">
          and {entries.length - 20} more
        </Text>
      )}
    </Paper>
  );
}
