import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startServe } from '../support/serve-process';
import { millis, ratio, type Row } from './table';
import { openBenchWorkspace, seedAudit, tempDir } from './workspace-fixture';

const bigRows = 100_000;
const runs = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function medianTimes(all: StartTimes[]): StartTimes {
  return {
    url: median(all.map((t) => t.url)),
    shell: median(all.map((t) => t.shell)),
    row: median(all.map((t) => t.row)),
  };
}

interface StartTimes {
  /** spawn → the "Opsroom is at" line */
  url: number;
  /** spawn → the shell's sidebar visible */
  shell: number;
  /** spawn → the first audit row visible on the Audit view */
  row: number;
}

/** Everything from spawning `opsroom serve` (tsx start-up included, as a person runs it) to a usable Audit view. */
async function measureStart(browser: Browser, home: string, workspace: string): Promise<StartTimes> {
  const t0 = performance.now();
  const serve = await startServe({ home, workspace });
  try {
    const url = performance.now() - t0;
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    try {
      const page = await context.newPage();
      await page.goto(serve.url);
      await page.getByTestId('nav-audit').waitFor({ state: 'visible', timeout: 60_000 });
      const shell = performance.now() - t0;
      await page.getByTestId('audit-row').first().waitFor({ state: 'visible', timeout: 60_000 });
      const row = performance.now() - t0;
      return { url, shell, row };
    } finally {
      await context.close();
    }
  } finally {
    await serve.stop();
  }
}

/** A workspace with `rows` audit entries, closed again so the server opens it cold. */
function prepareWorkspace(dir: string, rows: number): string {
  const file = path.join(dir, 'workspace.sqlite');
  const { workspace, audit } = openBenchWorkspace(file);
  // Even the "empty" workspace holds one entry, or there would be no row to wait for.
  seedAudit(audit, workspace.db, Math.max(rows, 1));
  workspace.close();
  return file;
}

export async function benchWebStart(): Promise<Row[]> {
  const emptyDir = tempDir('web-empty');
  const bigDir = tempDir('web-100k');
  const browser = await launchChromium();
  try {
    const emptyWs = prepareWorkspace(emptyDir, 0);
    const bigWs = prepareWorkspace(bigDir, bigRows);
    // The first tsx start compiles and caches; a person's second start is the representative one.
    await measureStart(browser, emptyDir, emptyWs);
    // Alternating runs, median of each: one slow start (GC, disk) should not decide the comparison.
    const emptyRuns: StartTimes[] = [];
    const bigRuns: StartTimes[] = [];
    for (let i = 0; i < runs; i++) {
      emptyRuns.push(await measureStart(browser, emptyDir, emptyWs));
      bigRuns.push(await measureStart(browser, bigDir, bigWs));
    }
    const empty = medianTimes(emptyRuns);
    const big = medianTimes(bigRuns);
    const rows: Row[] = [];
    for (const [key, label] of [
      ['url', '"Opsroom is at" printed'],
      ['shell', 'shell painted (sidebar visible)'],
      ['row', 'first audit row visible'],
    ] as const) {
      rows.push({ name: `spawn → ${label}, 1 entry (median of ${runs})`, value: millis(empty[key]) });
      rows.push({
        name: `spawn → ${label}, ${bigRows.toLocaleString('en-US')} entries (median of ${runs})`,
        value: millis(big[key]),
        vs: `${ratio(big[key], empty[key])} the 1-entry time`,
      });
    }
    return rows;
  } finally {
    await browser.close();
    fs.rmSync(emptyDir, { recursive: true, force: true });
    fs.rmSync(bigDir, { recursive: true, force: true });
  }
}
