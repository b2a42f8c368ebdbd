import { Text, useMantineTheme } from '@mantine/core';
import type { SeriesData, Unit } from '../../../shared/api/monitoring-model';
import { lastNonNull } from './legend-stats';
import { gaugeArc, gaugeFraction, gaugeScale } from './shapes';
import { pickThreshold, resolveColor, thresholdBands, type ThresholdIn } from './thresholds';
import { formatValue } from './units';

export interface GaugePanelProps {
  panelId: string;
  series: readonly SeriesData[];
  unit: Unit;
  decimals: number | null;
  min: number | null;
  max: number | null;
  thresholds: readonly ThresholdIn[];
  width: number;
  height: number;
}

const maxGauges = 8;

/**
 * A 240° arc per series: the track, the thresholds as a thin coloured outer
 * ring, and the value's arc in the colour of the threshold it reached.
 */
export function GaugePanel(p: GaugePanelProps) {
  const theme = useMantineTheme();
  const colors = theme.colors as unknown as Record<string, readonly string[]>;
  const gauges = p.series.slice(0, maxGauges);
  const values = gauges.map((s) => lastNonNull(s.v));
  const scale = gaugeScale(p.unit, p.min, p.max, values);
  const cols = Math.max(1, gauges.length);
  const w = Math.floor(p.width / cols);
  const size = Math.max(40, Math.min(w, p.height * 1.15));
  const r = size * 0.38;
  const cx = w / 2;
  const cy = r + size * 0.08;
  const thick = Math.max(4, r * 0.2);
  const bands = thresholdBands(p.thresholds);
  const frac = (v: number) => gaugeFraction(v, scale.min, scale.max);
  return (
    <div data-testid={`gauge-${p.panelId}`} style={{ display: 'flex', height: p.height, overflow: 'hidden' }}>
      {gauges.map((s, i) => {
        const v = values[i];
        const reached = pickThreshold(v, p.thresholds);
        const color = reached ? resolveColor(reached.color, colors) : colors.blue[6];
        const text = formatValue(v, p.unit, p.decimals);
        return (
          <div
            key={i}
            style={{ width: w, textAlign: 'center' }}
            data-testid={`gauge-value-${p.panelId}-${i}`}
            data-value={v ?? ''}
          >
            <svg
              width={w}
              height={Math.min(p.height - (gauges.length > 1 ? 18 : 0), cy + r * 0.75)}
              role="img"
              aria-label={`${s.name}: ${text}`}
            >
              <path d={gaugeArc(cx, cy, r, 0, 1)} fill="none" stroke={colors.gray[3]} strokeWidth={thick} />
              {bands.map((b) => (
                <path
                  key={b.from}
                  d={gaugeArc(cx, cy, r + thick * 0.9, frac(b.from), b.to === null ? 1 : frac(b.to))}
                  fill="none"
                  stroke={resolveColor(b.color, colors)}
                  strokeWidth={Math.max(2, thick * 0.25)}
                />
              ))}
              <path d={gaugeArc(cx, cy, r, 0, frac(v ?? scale.min))} fill="none" stroke={color} strokeWidth={thick} />
              <text
                x={cx}
                y={cy + r * 0.15}
                textAnchor="middle"
                fontSize={Math.max(11, r * 0.42)}
                fontWeight={600}
                fill={color}
              >
                {text}
              </text>
            </svg>
            {gauges.length > 1 && (
              <Text size="xs" c="dimmed" truncate>
                {s.name}
              </Text>
            )}
          </div>
        );
      })}
    </div>
  );
}
