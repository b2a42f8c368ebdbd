import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { silentLogger } from '../../main/applog/types';
import { systemClock } from '../../main/clock';
import { CmdbService } from '../../main/cmdb/service';
import { JobRunner } from '../../main/jobs/runner';
import { openWorkspace } from '../../main/store/workspace';
import { launchChromium } from '../support/browser';
import { startServe } from '../support/serve-process';
import { benchCsv, benchMigrations } from './cmdb-fixture';
import { millis, ratio, type Row } from './table';
import { tempDir } from './workspace-fixture';

const bigCis = 100_000;
const smallCis = 1_000;
const loads = 3;
const rowHeight = 32;

/** A closed workspace holding `n` CIs, written through the real CSV import (one transaction). */
async function prepareWorkspace(dir: string, n: number): Promise<string> {
  const file = path.join(dir, 'workspace.sqlite');
  const workspace = openWorkspace({
    path: file,
    clock: systemClock,
    logger: silentLogger,
    migrations: benchMigrations(),
  });
  const jobs = new JobRunner({ db: workspace.db, clock: systemClock, logger: silentLogger });
  try {
    const cmdb = new CmdbService({ db: workspace.db, clock: systemClock, logger: silentLogger, jobs });
    const job = await cmdb.runImport(
      { format: 'csv', content: benchCsv(n), fileName: 'bench.csv', options: { defaults: {}, importKeys: [] } },
      'all-or-nothing',
      { actor: 'bench', requestId: 'bench' },
    );
    const done = await jobs.wait(job.id);
    if (done.state !== 'succeeded') throw new Error(`bench import ${done.state}: ${done.error?.message}`);
  } finally {
    await jobs.shutdown();
    workspace.close();
  }
  return file;
}

interface ViewFigures {
  /** navigation (full page load) → the first inventory row visible; median of `loads` */
  firstRow: number;
  fps: number;
  /** the longest gap between two animation frames while scrolling */
  worstFrame: number;
  /** frames that took longer than 50 ms (a visible stutter) */
  longFrames: number;
  frames: number;
  /** after the scrolling stops: until the rows at the final position are drawn */
  settle: number;
  toMiddle: number;
  toEnd: number;
}

// The in-page code is plain JavaScript text: tsx would wrap named functions
// in a __name() helper that does not exist in the page.
const waitForRowJs = `async (target, t0) => {
  while (!document.querySelector('[data-testid="inventory-row"][data-index="' + target + '"]')) {
    await new Promise((r) => requestAnimationFrame(r));
    if (performance.now() - t0 > 30000) throw new Error('row ' + target + ' never appeared');
  }
  return performance.now() - t0;
}`;

/**
 * Scrolls the table for `ms` ms (a scrollTop step every 15 ms, bouncing at either
 * end) while a requestAnimationFrame loop timestamps every frame; then waits
 * for the rows at the final position to be drawn with their data.
 */
const scrollJs = `async ({ ms, step, rowHeight }) => {
  const waitForRow = ${waitForRowJs};
  const el = document.querySelector('[data-testid="inventory-scroll"]');
  const stamps = [];
  let running = true;
  const tick = (t) => {
    stamps.push(t);
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  let dir = 1;
  const t0 = performance.now();
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const max = el.scrollHeight - el.clientHeight;
      if (el.scrollTop + step * dir > max || el.scrollTop + step * dir < 0) dir = -dir;
      el.scrollTop += step * dir;
      if (performance.now() - t0 >= ms) {
        clearInterval(timer);
        resolve();
      }
    }, 15);
  });
  running = false;
  const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
  const duration = stamps[stamps.length - 1] - stamps[0];
  const settle = await waitForRow(Math.floor(el.scrollTop / rowHeight) + 1, performance.now());
  return {
    frames: stamps.length,
    fps: ((stamps.length - 1) / duration) * 1000,
    worstFrame: Math.max(...gaps),
    longFrames: gaps.filter((g) => g > 50).length,
    settle,
  };
}`;

/** Sets scrollTop to a fraction of the table and times until the row there is drawn with its data. */
const jumpJs = `async ({ fraction, rowHeight }) => {
  const waitForRow = ${waitForRowJs};
  const el = document.querySelector('[data-testid="inventory-scroll"]');
  const t0 = performance.now();
  el.scrollTop = Math.floor((el.scrollHeight - el.clientHeight) * fraction);
  return waitForRow(Math.floor(el.scrollTop / rowHeight) + 1, t0);
}`;

type ScrollFigures = Pick<ViewFigures, 'frames' | 'fps' | 'worstFrame' | 'longFrames' | 'settle'>;

function scrollInPage(page: Page, ms: number, step: number): Promise<ScrollFigures> {
  return page.evaluate(`(${scrollJs})(${JSON.stringify({ ms, step, rowHeight })})`) as Promise<ScrollFigures>;
}

function jumpInPage(page: Page, fraction: number): Promise<number> {
  return page.evaluate(`(${jumpJs})(${JSON.stringify({ fraction, rowHeight })})`) as Promise<number>;
}

async function measureView(browser: Browser, dir: string, file: string, total: number): Promise<ViewFigures> {
  const serve = await startServe({ home: dir, workspace: file });
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    // Trade the token for the session cookie once; every measured load below uses the cookie.
    await page.goto(serve.url);
    await page.locator('[data-testid="status-connection"][data-state="open"]').waitFor();
    const firstRows: number[] = [];
    for (let i = 0; i < loads; i++) {
      await page.goto('about:blank');
      const t0 = performance.now();
      await page.goto(`${serve.origin}/#/inventory`);
      await page.getByTestId('inventory-row').first().waitFor({ state: 'visible' });
      firstRows.push(performance.now() - t0);
    }
    const shown = await page.getByTestId('inventory-total').getAttribute('data-total');
    if (Number(shown) !== total) throw new Error(`the inventory shows ${shown} CIs, expected ${total}`);
    // 15 rows per step, every 15 ms: a fast flick, far faster than rows can be fetched.
    const scroll = await scrollInPage(page, 3000, 15 * rowHeight);
    await jumpInPage(page, 0);
    const toMiddle = await jumpInPage(page, 0.5);
    const toEnd = await jumpInPage(page, 1);
    return { firstRow: median(firstRows), ...scroll, toMiddle, toEnd };
  } finally {
    await context.close();
    await serve.stop();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function benchInventoryView(): Promise<Row[]> {
  const smallDir = tempDir('inventory-1k');
  const bigDir = tempDir('inventory-100k');
  const browser = await launchChromium();
  try {
    const smallFile = await prepareWorkspace(smallDir, smallCis);
    const bigFile = await prepareWorkspace(bigDir, bigCis);
    const small = await measureView(browser, smallDir, smallFile, smallCis);
    const big = await measureView(browser, bigDir, bigFile, bigCis);
    const n = (x: number) => x.toLocaleString('en-US');
    const pair = (label: string, pick: (f: ViewFigures) => number, fmt: (x: number) => string, vs: string): Row[] => [
      { name: `${label}, ${n(smallCis)} CIs`, value: fmt(pick(small)) },
      {
        name: `${label}, ${n(bigCis)} CIs`,
        value: fmt(pick(big)),
        // Below a millisecond the 1k rows were already held: a ratio would say nothing.
        vs: pick(small) >= 1 ? `${ratio(pick(big), pick(small))} ${vs}` : '',
      },
    ];
    const fps = (x: number) => `${x.toFixed(1)} fps`;
    const count = (x: number) => n(x);
    return [
      ...pair(`navigation → first row visible (median of ${loads})`, (f) => f.firstRow, millis, 'the 1k time'),
      ...pair('frame rate while scrolling 3 s (15 rows per 15 ms)', (f) => f.fps, fps, 'the 1k rate'),
      ...pair('worst frame while scrolling', (f) => f.worstFrame, millis, 'the 1k worst'),
      ...pair('frames over 50 ms while scrolling', (f) => f.longFrames, count, 'the 1k count'),
      ...pair('scroll stops → rows drawn', (f) => f.settle, millis, 'the 1k time'),
      ...pair('jump to the middle → rows drawn', (f) => f.toMiddle, millis, 'the 1k time'),
      ...pair('jump to the end → rows drawn', (f) => f.toEnd, millis, 'the 1k time'),
    ];
  } finally {
    await browser.close();
    fs.rmSync(smallDir, { recursive: true, force: true });
    fs.rmSync(bigDir, { recursive: true, force: true });
  }
}
