import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { Annotation, SeriesData, Unit } from '../../../shared/api/monitoring-model';
import { GaugePanel } from '../../../renderer/views/charts/GaugePanel';
import { StatPanel } from '../../../renderer/views/charts/StatPanel';
import { TablePanel } from '../../../renderer/views/charts/TablePanel';
import type { TableSample } from '../../../renderer/views/charts/table-rows';
import { TimeSeriesPanel, type PaintInfo } from '../../../renderer/views/charts/TimeSeriesPanel';

/**
 * The chart components alone in a page, driven by the test through
 * window.harness with plain JSON: the test chooses the series, the page
 * reports what was painted and what the person's gestures asked for.
 */

/** A series made in the page (a million samples is too much JSON to pass in): a sine with optional gaps. */
export interface SyntheticSeries {
  synthetic: { n: number; fromMs: number; toMs: number; name: string; gaps?: [number, number][] };
}

function synth({ synthetic: s }: SyntheticSeries): SeriesData {
  const t = new Array<number>(s.n);
  const v = new Array<number | null>(s.n);
  const dt = (s.toMs - s.fromMs) / Math.max(1, s.n - 1);
  for (let i = 0; i < s.n; i++) {
    t[i] = Math.round(s.fromMs + i * dt);
    v[i] = s.gaps?.some(([a, b]) => t[i] >= a && t[i] < b) ? null : 50 + 40 * Math.sin(i / 997) + ((i * 7919) % 13);
  }
  return { labels: {}, name: s.name, t, v, rawPoints: s.n };
}

const real = (s: SeriesData | SyntheticSeries): SeriesData => ('synthetic' in s ? synth(s) : s);

export interface TimeSeriesSpec {
  series: (SeriesData | SyntheticSeries)[];
  fromMs: number;
  toMs: number;
  width: number;
  height: number;
  unit: Unit;
  thresholds: { value: number; color: string }[];
  stacked: boolean;
  annotations: Annotation[];
  syncId?: string;
}

export type Spec =
  | { kind: 'timeseries'; panels: TimeSeriesSpec[] }
  | { kind: 'stat' | 'gauge'; series: SeriesData[]; unit: Unit; thresholds: { value: number; color: string }[] }
  | { kind: 'table'; samples: TableSample[]; unit: Unit };

export interface Harness {
  /** renders the spec and resolves once every time-series panel has painted, with ms from render to paint */
  render(spec: Spec): Promise<{ ms: number; paints: PaintInfo[] }>;
  zooms: { panel: number; from: number; to: number }[];
}

declare global {
  interface Window {
    harness: Harness;
  }
}

const root = createRoot(document.getElementById('root')!);
const zooms: Harness['zooms'] = [];
let renders = 0;

function Page({ spec, onPainted }: { spec: Spec; onPainted(i: number, p: PaintInfo): void }) {
  const [, force] = useState(0);
  // Made once per spec: a new array on every render would be new data to the chart.
  const [series] = useState(() => (spec.kind === 'timeseries' ? spec.panels.map((p) => p.series.map(real)) : []));
  if (spec.kind === 'timeseries') {
    return (
      <>
        {spec.panels.map((p, i) => (
          <TimeSeriesPanel
            key={i}
            panelId={`p${i}`}
            series={series[i]}
            fromMs={p.fromMs}
            toMs={p.toMs}
            width={p.width}
            height={p.height}
            unit={p.unit}
            decimals={null}
            min={null}
            max={null}
            thresholds={p.thresholds}
            stacked={p.stacked}
            annotations={p.annotations}
            syncId={p.syncId}
            onZoom={(from, to) => {
              zooms.push({ panel: i, from, to });
              force((n) => n + 1);
            }}
            onPainted={(info) => onPainted(i, info)}
          />
        ))}
      </>
    );
  }
  if (spec.kind === 'table')
    return (
      <TablePanel panelId="t" samples={spec.samples} unit={spec.unit} decimals={null} thresholds={[]} height={400} />
    );
  const Comp = spec.kind === 'stat' ? StatPanel : GaugePanel;
  return (
    <Comp
      panelId="s"
      series={spec.series}
      unit={spec.unit}
      decimals={null}
      min={null}
      max={null}
      thresholds={spec.thresholds}
      width={600}
      height={200}
    />
  );
}

window.harness = {
  zooms,
  render(spec) {
    return new Promise((resolve) => {
      const expected = spec.kind === 'timeseries' ? spec.panels.length : 0;
      const paints: PaintInfo[] = [];
      const t0 = performance.now();
      const painted = (i: number, p: PaintInfo) => {
        paints[i] = p;
        if (paints.filter(Boolean).length === expected) resolve({ ms: performance.now() - t0, paints });
      };
      flushSync(() =>
        root.render(
          <MantineProvider>
            <Page key={++renders} spec={spec} onPainted={painted} />
          </MantineProvider>,
        ),
      );
      if (expected === 0)
        requestAnimationFrame(() => setTimeout(() => resolve({ ms: performance.now() - t0, paints }), 0));
    });
  },
};
