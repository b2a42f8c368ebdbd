import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/browser';
import { sessionCookie } from '../../support/http-probe';
import { startServe, type ServeProcess } from '../../support/serve-process';
import { WsRpc } from '../../support/ws-rpc';
import { buildHarness, routeHarness } from '../../support/chart-harness/build-harness';
import type { PanelOutcome, PanelPageOptions } from '../../support/chart-harness/panel-page';
import { timeSeriesPanel } from '../../support/chart-harness/panels';

/**
 * PanelView against a real `opsroom serve`: the real client, the real router,
 * the real WebSocket. A failing query must show on the panel as main's own
 * sentence — the same message the router gives any caller — not a generic
 * "something went wrong".
 */

let serve: ServeProcess;
let browser: Browser;
let page: Page;
let rpc: WsRpc;

beforeAll(async () => {
  const bundle = await buildHarness(path.join(import.meta.dirname, '../../support/chart-harness/panel-page.tsx'));
  serve = await startServe();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(serve.url);
  await page.locator('[data-testid="status-connection"][data-state="open"]').waitFor({ timeout: 60_000 });
  await routeHarness(page, serve.origin, bundle);
  await page.goto(`${serve.origin}/__harness/index.html`);
  await page.waitForFunction('window.panelPage && window.panelPage.connected()', null, { timeout: 30_000 });
  rpc = await WsRpc.connect(serve.port, serve.origin, await sessionCookie(serve.port, serve.origin, serve.token));
}, 180_000);

afterAll(async () => {
  await rpc?.close();
  await browser?.close();
  await serve?.stop();
});

const show = (o: PanelPageOptions) =>
  page.evaluate(`window.panelPage.show(${JSON.stringify(o)})`) as Promise<PanelOutcome>;

const panel = (id: string, expr: string) =>
  timeSeriesPanel(id, expr, { title: 'CPU', grid: { x: 0, y: 0, w: 12, h: 8 }, unit: 'percent' });

describe('PanelView over the real router', () => {
  it('shows a failed query’s error on the panel in main’s words', async () => {
    const source = { kind: 'prometheus' as const, datasourceId: 'no-such-datasource' };
    const range = { from: 'now-1h', to: 'now' };
    const outcome = await show({ panel: panel('err', 'up'), range, defaultSource: source, timeoutMs: 30_000 });
    const direct = await rpc.call('monitoring.query.range', { source, expr: 'up', range, widthPx: 1000 });
    expect(direct.ok).toBe(false);
    if (direct.ok) return;
    expect(outcome.error).toBe(direct.error.message);
    const shown = page.getByTestId('panel-error-err');
    expect(await shown.innerText()).toBe(direct.error.message);
    // A sentence, not a stack or a code.
    expect(direct.error.message).not.toMatch(/\n\s+at |\.ts:\d+|ZodError/);
    expect(await page.getByTestId('timeseries-err').count()).toBe(0);
  });

  it('says which query has no data source before asking main anything', async () => {
    const outcome = await show({
      panel: panel('nosrc', 'up'),
      range: { from: 'now-1h', to: 'now' },
      defaultSource: null,
      timeoutMs: 10_000,
    });
    expect(outcome.error).toBe('Query A has no data source: choose one for the query or the dashboard.');
  });

  it('refuses a range that ends before it starts, on the panel', async () => {
    const outcome = await show({
      panel: panel('badrange', 'up'),
      range: { from: 'now', to: 'now-1h' },
      defaultSource: { kind: 'local' },
      timeoutMs: 10_000,
    });
    expect(outcome.error).toMatch(/time range now to now-1h is not valid/);
  });
});
