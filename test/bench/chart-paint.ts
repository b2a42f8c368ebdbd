import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { isOpsError } from '../../shared/api/errors';
import type { Panel } from '../../shared/api/monitoring-dashboards';
import { createApp } from '../../main/app';
import { createLocalPart } from '../../main/monitoring/local/part';
import type { MonitoringDeps } from '../../main/monitoring/part-types';
import type { SampleIn } from '../../main/monitoring/types';
import { launchChromium } from '../support/browser';
import { startServe } from '../support/serve-process';
import { buildHarness, routeHarness } from '../support/chart-harness/build-harness';
import type { PanelOutcome, PanelPageOptions } from '../support/chart-harness/panel-page';
import { timeSeriesPanel } from '../support/chart-harness/panels';
import { millis, ratio, type Row } from './table';
import { tempDir } from './workspace-fixture';

/**
 * A 1,000,000-sample local series from query to painted chart in Chromium:
 * a real `opsroom serve` on a workspace holding the series, one real
 * PanelView (the dashboards' own component, with the real client over the
 * real WebSocket) in a page served from the server's origin, timed from
 * sending the query to the browser having painted the answer, with the
 * points actually handed to recharts counted.
 *
 * Peer, same run: 10,000 samples with no downsampling anywhere, every one
 * handed to recharts. (The same million raw into recharts is not measured:
 * recharts hangs at 6–10k points — the reason for downsampling.)
 *
 * Needs, besides the build: the local series store (main/monitoring/local:
 * its SampleSink and Engine) and monitoring.query.range for the local source
 * (main/monitoring/prometheus: the query service). Until both are built the
 * bench prints a "not measured" row naming what it waits for.
 */

const bigSamples = 1_000_000;
const peerSamples = 10_000;
const stepMs = 1000;
const warmups = 2;
const runs = 9;
const goalMs = 150;
const metric = 'opsroom_bench_paint';

interface Prepared {
  file: string;
  /** absolute ranges (epoch ms as text) covering exactly each series */
  big: { from: string; to: string };
  peer: { from: string; to: string };
}

/**
 * Writes both series through the local store's own SampleSink into a closed
 * workspace, before the server opens it. Throws the store's OpsError when
 * it is not built yet.
 */
async function prepareWorkspace(dir: string): Promise<Prepared> {
  const file = path.join(dir, 'workspace.sqlite');
  const app = createApp({ workspacePath: file, logDir: path.join(dir, 'logs'), mode: 'cli' });
  const s = app.services;
  const deps: MonitoringDeps = {
    db: s.workspace.db,
    clock: { now: () => Date.now() },
    bus: app.bus,
    logger: s.logger,
    audit: s.audit,
    cmdb: s.cmdb,
    vault: s.vault,
    jobs: s.jobs,
    settings: s.settings,
    ssh: s.ssh,
  };
  const local = createLocalPart(deps);
  // Whole seconds, ending a little before now: inside raw retention (1M s ≈ 11.6 days < 15 days).
  const end = Math.floor(Date.now() / stepMs) * stepMs - 60_000;
  const write = (series: string, n: number) => {
    const labels = { __name__: metric, series };
    const start = end - (n - 1) * stepMs;
    const batch = 10_000;
    for (let i = 0; i < n; i += batch) {
      const chunk: SampleIn[] = [];
      for (let k = i; k < Math.min(n, i + batch); k++) {
        // A wave with noise: compresses like a real gauge, not like a constant.
        chunk.push({
          labels,
          t: start + k * stepMs,
          v: Math.round(500 + 300 * Math.sin(k / 3600) + ((k * 7919) % 97)),
        });
      }
      local.sink.append(chunk);
    }
    return { from: String(start), to: String(end + stepMs) };
  };
  try {
    const big = write('1m', bigSamples);
    const peer = write('10k', peerSamples);
    await local.ticking?.tick();
    return { file, big, peer };
  } finally {
    await local.close?.();
    await app.close();
  }
}

function panelFor(id: string, series: string): Panel {
  return timeSeriesPanel(id, `${metric}{series="${series}"}`);
}

const inPage = {
  show: (page: Page, o: PanelPageOptions) =>
    page.evaluate(`window.panelPage.show(${JSON.stringify(o)})`) as Promise<PanelOutcome>,
  refresh: (page: Page) => page.evaluate('window.panelPage.refresh()') as Promise<PanelOutcome>,
};

interface Figures {
  median: number;
  max: number;
  tookMs: number;
  last: PanelOutcome;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Shows the panel, warms up, then times `runs` refreshes (each one a new query, answer and paint). */
async function measure(page: Page, o: PanelPageOptions): Promise<Figures | string> {
  const first = await inPage.show(page, o);
  if (first.error) return first.error;
  for (let i = 0; i < warmups; i++) await inPage.refresh(page);
  const outcomes: PanelOutcome[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await inPage.refresh(page);
    if (r.error) return r.error;
    outcomes.push(r);
  }
  const times = outcomes.map((r) => r.queryMs);
  return {
    median: median(times),
    max: Math.max(...times),
    tookMs: median(outcomes.map((r) => r.tookMs)),
    last: outcomes[outcomes.length - 1],
  };
}

const waiting = (what: string, why: string): Row[] => [
  {
    name: `${bigSamples.toLocaleString('en-US')}-sample series: query → painted chart`,
    value: 'not measured',
    vs: `waits for ${what}: ${why}`,
  },
];

export async function benchChartPaint(): Promise<Row[]> {
  const dir = tempDir('chart-paint');
  try {
    let prepared: Prepared;
    try {
      prepared = await prepareWorkspace(dir);
    } catch (e) {
      if (isOpsError(e) && e.code === 'unavailable')
        return waiting('the local series store (main/monitoring/local)', e.message);
      throw e;
    }
    const bundle = await buildHarness(path.resolve(import.meta.dirname, '../support/chart-harness/panel-page.tsx'));
    const serve = await startServe({ home: dir, workspace: prepared.file });
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      page.setDefaultTimeout(120_000);
      // The real app trades the printed token for the session cookie; the harness page then rides on it.
      await page.goto(serve.url);
      await page.locator('[data-testid="status-connection"][data-state="open"]').waitFor();
      await routeHarness(page, serve.origin, bundle);
      await page.goto(`${serve.origin}/__harness/index.html`);
      await page.waitForFunction('window.panelPage && window.panelPage.connected()');

      const source = { kind: 'local' as const };
      const big = await measure(page, { panel: panelFor('big', '1m'), range: prepared.big, defaultSource: source });
      if (typeof big === 'string') return waiting('monitoring.query.range on local series', big);
      // The peer asks for every sample: a step of one sample (max data points), no downsampling in
      // main, and the renderer's two-points-per-pixel guard lifted.
      const peer = await measure(page, {
        panel: panelFor('peer', '10k'),
        range: prepared.peer,
        defaultSource: source,
        downsample: 'none',
        unguarded: true,
        maxDataPoints: peerSamples,
      });
      if (typeof peer === 'string') return waiting('monitoring.query.range with downsample none', peer);

      const n = (x: number) => x.toLocaleString('en-US');
      const days = ((bigSamples * stepMs) / 86_400_000).toFixed(1);
      const b = big.last;
      return [
        {
          name: `${n(bigSamples)}-sample series (${days} days at 1 s): query → painted, median of ${runs}`,
          value: millis(big.median),
          vs: `goal ≤ ${goalMs} ms${big.median <= goalMs ? ' (met)' : ' (MISSED)'}; worst ${millis(big.max)}`,
        },
        { name: '  of which main answering the query (its tookMs)', value: millis(big.tookMs) },
        { name: '  of which transport, React, recharts and paint', value: millis(big.median - big.tookMs) },
        {
          name: '  points main returned → sent after downsampling → given to recharts',
          value: `${n(b.rawPoints)} → ${n(b.sentPoints)} → ${n(b.points)}`,
        },
        // Which data main read (raw samples or a rollup tier) is main's choice; say it beside the figure.
        { name: '  main’s note on the answer', value: b.warnings.length ? 'see →' : 'none', vs: b.warnings.join(' ') },
        {
          name: `${n(peerSamples)}-sample series, every sample to recharts: query → painted, median of ${runs}`,
          value: millis(peer.median),
          vs: `${ratio(peer.median, big.median)} the 1M time; worst ${millis(peer.max)}`,
        },
        { name: '  of which main answering the query (its tookMs)', value: millis(peer.tookMs) },
        { name: '  points given to recharts', value: n(peer.last.points) },
        {
          name: `${n(bigSamples)} samples given to recharts raw`,
          value: 'not run',
          vs: 'recharts hangs at 6–10k points',
        },
      ];
    } finally {
      await browser.close();
      await serve.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
