import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { QuerySource, TimeRange } from '../../../shared/api/monitoring-model';
import type { Panel } from '../../../shared/api/monitoring-dashboards';
import type { RangeQueryInput } from '../../../shared/api/monitoring-query';
import { startTransport } from '../../../renderer/api/bridge';
import { useConnection } from '../../../renderer/api/connection-store';
import { PanelView } from '../../../renderer/views/charts/PanelView';

/**
 * One real PanelView in a page served from `opsroom serve`'s own origin, so
 * the real client talks to the real router over the real WebSocket. The
 * bench (and tests) drive it through window.panelPage and read what it
 * painted: query → paint time, points given to recharts, and main's counts.
 */

export interface PanelPageOptions {
  panel: Panel;
  range: TimeRange;
  defaultSource: QuerySource | null;
  downsample?: RangeQueryInput['downsample'];
  /** lift the renderer's two-points-per-pixel guard (the peer figure: raw points into recharts) */
  unguarded?: boolean;
  maxDataPoints?: number;
  height?: number;
  timeoutMs?: number;
}

export interface PanelOutcome {
  /** from sending the query to the browser having painted its answer */
  queryMs: number;
  /** points handed to recharts (data-points) and rows */
  points: number;
  rows: number;
  rawPoints: number;
  sentPoints: number;
  /** main's own time for the query */
  tookMs: number;
  /** main's notes on the answer (e.g. which rollup tier it was evaluated on) */
  warnings: string[];
  /** the error shown on the panel, if the query failed */
  error: string | null;
}

export interface PanelPage {
  connected(): boolean;
  /** mounts the panel and resolves after its first answer is painted (or shown as an error) */
  show(o: PanelPageOptions): Promise<PanelOutcome>;
  /** asks the same question again (refreshKey) and resolves after that answer is painted */
  refresh(): Promise<PanelOutcome>;
}

declare global {
  interface Window {
    panelPage: PanelPage;
  }
}

type Waiter = { resolve(o: PanelOutcome): void; reject(e: Error): void; since: number };

let waiter: Waiter | null = null;
let lastData = { rawPoints: 0, sentPoints: 0, tookMs: 0, warnings: [] as string[] };
let bump: (() => void) | null = null;
let current: PanelPageOptions | null = null;
const root = createRoot(document.getElementById('root')!);

function settle(o: Omit<PanelOutcome, 'rawPoints' | 'sentPoints' | 'tookMs' | 'warnings'>): void {
  const w = waiter;
  waiter = null;
  w?.resolve({ ...o, ...lastData });
}

/** A failed query paints no chart: watch for the panel's error instead. */
function watchForError(id: string, timeoutMs: number): void {
  const tick = () => {
    if (!waiter) return;
    const el = document.querySelector(`[data-testid="panel-error-${id}"]`);
    if (el) return settle({ queryMs: performance.now() - waiter.since, points: 0, rows: 0, error: el.textContent });
    if (performance.now() - waiter.since > timeoutMs) {
      const w = waiter;
      waiter = null;
      return w.reject(new Error(`the panel neither painted nor showed an error in ${timeoutMs} ms`));
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function Host({ o }: { o: PanelPageOptions }) {
  const [refreshKey, setRefreshKey] = useState(0);
  bump = () => setRefreshKey((k) => k + 1);
  return (
    <div style={{ width: 1200, padding: 8 }}>
      <PanelView
        panel={o.panel}
        range={o.range}
        variables={{}}
        defaultSource={o.defaultSource}
        refreshKey={refreshKey}
        height={o.height ?? 420}
        downsample={o.downsample}
        maxDataPoints={o.maxDataPoints}
        pointsPerPx={o.unguarded ? Number.MAX_SAFE_INTEGER : undefined}
        onData={(d) => {
          lastData = {
            rawPoints: d.rawPoints,
            sentPoints: d.sentPoints,
            tookMs: d.tookMs ?? 0,
            warnings: d.warnings ?? [],
          };
        }}
        onPainted={(p) => settle({ queryMs: p.queryMs, points: p.points, rows: p.rows, error: null })}
      />
    </div>
  );
}

function wait(o: PanelPageOptions, start: () => void): Promise<PanelOutcome> {
  return new Promise((resolve, reject) => {
    waiter = { resolve, reject, since: performance.now() };
    start();
    watchForError(o.panel.id, o.timeoutMs ?? 120_000);
  });
}

window.panelPage = {
  connected: () => useConnection.getState().state === 'open',
  show(o) {
    current = o;
    return wait(o, () =>
      root.render(
        <MantineProvider>
          <Host key={Math.random()} o={o} />
        </MantineProvider>,
      ),
    );
  },
  refresh() {
    if (!current || !bump) return Promise.reject(new Error('show a panel first'));
    return wait(current, bump);
  },
};

void startTransport();
