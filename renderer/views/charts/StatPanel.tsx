import { Text, useMantineTheme } from '@mantine/core';
import type { SeriesData, Unit } from '../../../shared/api/monitoring-model';
import { lastNonNull } from './legend-stats';
import { sparklinePath } from './shapes';
import { pickThreshold, resolveColor, type ThresholdIn } from './thresholds';
import { formatValue } from './units';

export interface StatPanelProps {
  panelId: string;
  series: readonly SeriesData[];
  unit: Unit;
  decimals: number | null;
  thresholds: readonly ThresholdIn[];
  width: number;
  height: number;
}

/** At most this many tiles; a stat over hundreds of series is a table's job. */
const maxTiles = 12;

/** The big number: each series' last real value, coloured by the threshold it reached, over a sparkline. */
export function StatPanel(p: StatPanelProps) {
  const theme = useMantineTheme();
  const colors = theme.colors as unknown as Record<string, readonly string[]>;
  const tiles = p.series.slice(0, maxTiles);
  const cols = Math.max(1, Math.min(tiles.length, Math.floor(p.width / 140) || 1));
  const rows = Math.max(1, Math.ceil(tiles.length / cols));
  const tileW = Math.floor(p.width / cols);
  const tileH = Math.floor(p.height / rows);
  return (
    <div
      data-testid={`stat-${p.panelId}`}
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(${cols}, 1fr)`,
        width: p.width,
        height: p.height,
        overflow: 'hidden',
      }}
    >
      {tiles.map((s, i) => {
        const value = lastNonNull(s.v);
        const text = formatValue(value, p.unit, p.decimals);
        const reached = pickThreshold(value, p.thresholds);
        const color = reached ? resolveColor(reached.color, colors) : colors.blue[6];
        const fontPx = Math.max(12, Math.min(tileH * 0.38, (tileW / Math.max(3, text.length)) * 1.6, 64));
        const sparkH = Math.floor(tileH * 0.3);
        const d = sparklinePath(s.t, s.v, tileW, sparkH);
        return (
          <div
            key={i}
            data-testid={`stat-value-${p.panelId}-${i}`}
            data-value={value ?? ''}
            style={{
              position: 'relative',
              height: tileH,
              display: 'flex',
              flexDirection: 'column',
              justifyContent: 'center',
              alignItems: 'center',
            }}
          >
            {tiles.length > 1 && (
              <Text size="xs" c="dimmed" truncate maw={tileW - 8} style={{ zIndex: 1 }}>
                {s.name}
              </Text>
            )}
            <span style={{ color, fontSize: fontPx, fontWeight: 600, lineHeight: 1.1, zIndex: 1 }}>{text}</span>
            {d && (
              <svg width={tileW} height={sparkH} style={{ position: 'absolute', bottom: 0, left: 0 }} aria-hidden>
                <path d={d} fill="none" stroke={color} strokeOpacity={0.5} strokeWidth={1.5} />
              </svg>
            )}
          </div>
        );
      })}
      {p.series.length > maxTiles && (
        <Text size="xs" c="dimmed">
          {p.series.length - maxTiles} more series not shown
        </Text>
      )}
    </div>
  );
}
