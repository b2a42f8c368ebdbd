import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { goTo, openApp } from '../support/app-page';
import { launchChromium } from '../support/browser';
import { clearNotifications, pickOption } from '../support/mantine';
import { dragAcross, numAttr, plotBox, seedMonitoring, type SeededMonitoring } from '../support/monitoring-e2e';
import { startPrometheusLab, type PrometheusLab } from '../support/prometheus-lab';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';

/**
 * Queries through a real Prometheus and the alert schedule are slower while
 * the other e2e files share the two cores; polls wait long, never sleep.
 */
const patience = { timeout: 45_000, interval: 500 };
/** Each step may wait on several polls in a row. */
const stepTimeout = 180_000;
const hostName = 'mon-e2e-01';
const artifacts = path.join(repoRoot, 'test/e2e/artifacts');
const dsName = 'lab-prometheus';

/**
 * Monitoring through the real UI: one `opsroom serve` (its monitoring
 * schedule on), one Chromium, and the Prometheus lab (a real Prometheus
 * scraping a real node_exporter on 127.0.0.1 every second). The steps build
 * on each other: the host dashboard opened first is the one zoomed, and the
 * one watched while Prometheus goes away and comes back at the end.
 */
describe('Monitoring in Chromium', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let lab: PrometheusLab;
  let seeded: SeededMonitoring;
  let page: Page;

  beforeAll(async () => {
    [serve, browser, lab] = await Promise.all([startServe(), launchChromium(), startPrometheusLab()]);
    seeded = await seedMonitoring(serve, lab, { hostName, datasourceName: dsName });
    ({ page } = await openApp(browser, serve.url));
    page.setDefaultTimeout(15_000);
  });

  // What the page showed when a step failed, for the person reading the CI log.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !page) return;
    fs.mkdirSync(artifacts, { recursive: true });
    const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page.screenshot({ path: path.join(artifacts, `monitoring-${name}.png`) }).catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await lab?.stop();
    if (serve) fs.rmSync(serve.home, { recursive: true, force: true });
  });

  const dashboard = () => page.getByTestId('host-dashboard');
  const panel = (id: string) => page.getByTestId(`panel-${id}`);
  const chart = (id: string) => page.getByTestId(`timeseries-${id}`);
  const panelErrors = () => dashboard().locator('[data-testid^="panel-error-"]');
  const picker = () => page.getByTestId('time-picker');

  /** Every error text shown on the host dashboard's panels. */
  const errorTexts = () => panelErrors().allInnerTexts();

  /**
   * Polled until node_exporter's CPU and memory charts have points at
   * `minRows` time steps or more, and no panel shows an error; a fresh
   * Prometheus may have no sample on the first aligned step yet, so a poll
   * that finds none asks again with the refresh button, as a person would.
   */
  async function chartsHaveData(minRows = 1): Promise<void> {
    await expect
      .poll(
        async () => {
          const cpu = await numAttr(chart('prom-cpu'), 'data-rows');
          const mem = await numAttr(chart('prom-memory'), 'data-rows');
          const ok = cpu >= minRows && mem >= minRows && (await panelErrors().count()) === 0;
          if (!ok) await page.getByTestId('refresh-now').click();
          return ok;
        },
        { timeout: 90_000, interval: 3_000 },
      )
      .toBe(true);
  }

  it(
    'opens the host dashboard from the CI page and sees node_exporter data on its charts',
    async () => {
      await goTo(page, 'inventory');
      await page.locator(`[data-testid="inventory-row"][data-name="${hostName}"]`).click();
      await expect.poll(() => page.getByTestId('ci-name').innerText(), patience).toBe(hostName);
      await page.getByTestId('ci-open-metrics').click();

      await dashboard().waitFor();
      expect(await page.evaluate(() => location.hash)).toBe(`#/host/${seeded.host.id}`);
      await expect(page.getByTestId('dashboard-title').innerText()).resolves.toBe(`Host ${hostName}`);
      await expect(picker().getAttribute('data-from')).resolves.toBe('now-1h');
      await expect(page.getByTestId('time-picker-button').innerText()).resolves.toBe('Last hour');

      await chartsHaveData();
      expect(await numAttr(chart('prom-cpu'), 'data-points')).toBeGreaterThan(0);
      expect(await numAttr(chart('prom-memory'), 'data-points')).toBeGreaterThan(0);
      expect(await errorTexts()).toEqual([]);

      // The stat and gauge panels read the same host through the same query path.
      const used = page.getByTestId('gauge-value-prom-mem-used-0');
      await expect.poll(() => numAttr(used, 'data-value'), patience).toBeGreaterThan(0);
      expect(await numAttr(used, 'data-value')).toBeLessThan(100);
      expect((await used.innerText()).trim()).toMatch(/^\d+(\.\d)?\s*%$/);
      // node_exporter counts this machine's CPUs: the stat shows exactly that many.
      await expect
        .poll(() => numAttr(page.getByTestId('stat-value-prom-cpus-0'), 'data-value'), patience)
        .toBe(os.cpus().length);
      // The legend names the memory series by their legend templates.
      await expect(page.getByTestId('panel-prom-memory').innerText()).resolves.toMatch(/used[\s\S]*total/);
    },
    stepTimeout,
  );

  it(
    'zooms by dragging across a chart, re-queries every panel, and goes back to the last hour',
    async () => {
      const cpu = chart('prom-cpu');
      // The lab is minutes old: wait for a few 15 s steps of data, so the selection below holds some.
      await chartsHaveData(4);
      const before = {
        from: await numAttr(cpu, 'data-from'),
        to: await numAttr(cpu, 'data-to'),
        cpuAnswer: await numAttr(panel('prom-cpu'), 'data-answer'),
        memAnswer: await numAttr(panel('prom-memory'), 'data-answer'),
      };
      expect(before.to - before.from).toBeGreaterThan(59 * 60_000);

      // The lab's data is in the last minutes: select the right tenth of the hour, releasing past
      // the plot's edge (a drag is clamped to the axis, so the selection ends at the range's end).
      const box = await plotBox(cpu);
      const x0 = box.right - (box.right - box.left) / 10;
      await dragAcross(page, x0, box.right + 12, box.y);

      // The picker now holds an absolute range (epoch ms), far narrower than an hour.
      await expect.poll(() => picker().getAttribute('data-from'), patience).toMatch(/^\d{13}$/);
      const from = Number(await picker().getAttribute('data-from'));
      const to = Number(await picker().getAttribute('data-to'));
      expect(to - from).toBeGreaterThan(60_000);
      expect(to - from).toBeLessThan(10 * 60_000);
      expect(from).toBeGreaterThanOrEqual(before.from - 60_000);
      await expect(page.getByTestId('time-picker-button').innerText()).resolves.toContain('→');

      // Every panel asked again, and the charts now span the selection (aligned to their step).
      await expect.poll(() => numAttr(panel('prom-cpu'), 'data-answer'), patience).toBeGreaterThan(before.cpuAnswer);
      await expect.poll(() => numAttr(panel('prom-memory'), 'data-answer'), patience).toBeGreaterThan(before.memAnswer);
      await expect
        .poll(async () => (await numAttr(cpu, 'data-to')) - (await numAttr(cpu, 'data-from')), patience)
        .toBeLessThan(11 * 60_000);
      expect(Math.abs((await numAttr(cpu, 'data-from')) - from)).toBeLessThan(60_000);
      await expect.poll(() => numAttr(cpu, 'data-points'), patience).toBeGreaterThan(0);
      await expect.poll(() => numAttr(chart('prom-memory'), 'data-points'), patience).toBeGreaterThan(0);

      await page.getByTestId('range-back').click();
      await expect.poll(() => picker().getAttribute('data-from'), patience).toBe('now-1h');
      await expect(picker().getAttribute('data-to')).resolves.toBe('now');
      await expect(page.getByTestId('time-picker-button').innerText()).resolves.toBe('Last hour');
      await expect.poll(() => page.getByTestId('range-back').count(), patience).toBe(0);
      await expect
        .poll(async () => (await numAttr(cpu, 'data-to')) - (await numAttr(cpu, 'data-from')), patience)
        .toBeGreaterThan(59 * 60_000);
    },
    stepTimeout,
  );

  it(
    'shows Prometheus’s own parse error on the panel editor’s preview for a bad query',
    async () => {
      await goTo(page, 'dashboards');
      await page.getByTestId('dashboards-new').click();
      await page.getByTestId('dashboard-page').waitFor();
      await page.getByTestId('dashboard-add-panel').click();
      const editor = page.getByTestId('panel-editor');
      await editor.waitFor();
      const preview = page.getByTestId('panel-editor-preview');
      const expr = page.getByTestId('panel-query-expr-A');

      // A good query first: the preview draws node_exporter's load through the default datasource.
      await expr.fill(`node_load1{job="${lab.jobs.node}"}`);
      await expect
        .poll(() => numAttr(preview.locator('[data-testid^="timeseries-preview-"]'), 'data-points'), patience)
        .toBeGreaterThan(0);

      await expr.fill('sum(rate(node_cpu_seconds_total[1m])');
      const error = preview.locator('[data-testid^="panel-error-preview-"]');
      await expect.poll(() => error.count(), patience).toBe(1);
      const text = await error.innerText();
      // Prometheus's words (the position and the parser's complaint), naming where they came from.
      expect(text).toMatch(/\b1:37: parse error: unclosed left parenthesis\b/);
      expect(text).toContain(dsName);
      await page.keyboard.press('Escape');
      await expect.poll(() => editor.count(), patience).toBe(0);
    },
    stepTimeout,
  );

  it(
    'creates an alert rule that fires on real data: toast, badge, firing list, then a silence',
    async () => {
      await goTo(page, 'alerts');
      await page.getByTestId('alerts-tab-rules').click();
      await page.getByTestId('alert-rule-new').click();
      const editor = page.getByTestId('alert-rule-editor');
      await editor.waitFor();
      await page.getByTestId('alert-rule-name').fill('NodeExporterUp');
      await pickOption(page, page.getByTestId('alert-rule-source'), `${dsName} (Prometheus)`);
      await page.getByTestId('alert-rule-expr').fill(`up{job="${lab.jobs.node}"}`);
      await pickOption(page, page.getByTestId('alert-rule-op'), '>');
      await page.getByTestId('alert-rule-threshold').fill('0');
      await editor.getByLabel('Interval', { exact: true }).fill('1s');
      await editor.getByLabel('For', { exact: true }).fill('0s');
      await editor.locator('[aria-label="Annotations value"]').first().fill('{{ $labels.instance }} is up');
      await page.getByTestId('alert-rule-save').click();
      await expect.poll(() => editor.count(), patience).toBe(0);

      // The schedule evaluates it against Prometheus and the page is told at once.
      const toast = page.getByTestId('alert-toast').filter({ hasText: 'NodeExporterUp' });
      await expect.poll(() => toast.count(), patience).toBeGreaterThan(0);
      await expect(toast.first().innerText()).resolves.toContain(`${lab.nodeExporterInstance} is up`);
      const badge = page.getByTestId('nav-badge-alerts');
      await expect.poll(() => badge.getAttribute('data-count').catch(() => null), patience).toBe('1');
      await expect(badge.innerText()).resolves.toBe('1');

      await clearNotifications(page);
      await page.getByTestId('alerts-tab-firing').click();
      const row = page.locator('[data-testid="alert-row"][data-rule="NodeExporterUp"]');
      await expect.poll(() => row.getAttribute('data-state').catch(() => null), patience).toBe('firing');
      await expect(page.getByTestId('alert-row').count()).resolves.toBe(1);
      await expect(row.innerText()).resolves.toContain(`instance=${lab.nodeExporterInstance}`);
      await expect(row.getAttribute('data-silenced')).resolves.toBe('false');

      await row.getByTestId('alert-silence').click();
      await page.getByTestId('silence-editor').waitFor();
      await page.getByTestId('silence-comment').fill('known: the e2e lab is meant to be up');
      await page.getByTestId('silence-create').click();
      await expect.poll(() => row.getAttribute('data-silenced').catch(() => null), patience).toBe('true');
      // Still listed, marked silenced, and no longer counted on the badge.
      await expect(row.getAttribute('data-state')).resolves.toBe('firing');
      await expect(row.getByTestId('alert-silenced').count()).resolves.toBe(1);
      await expect.poll(() => badge.count(), patience).toBe(0);
      await clearNotifications(page);
    },
    stepTimeout,
  );

  it(
    'shows an unavailable error naming the datasource while Prometheus is stopped, and recovers when it returns',
    async () => {
      await page.evaluate((id) => (location.hash = `#/host/${encodeURIComponent(id)}`), seeded.host.id);
      await dashboard().waitFor();
      await chartsHaveData();

      await lab.stopPrometheus();
      const cpuError = page.getByTestId('panel-error-prom-cpu');
      await expect
        .poll(
          async () => {
            if ((await cpuError.count()) > 0) return cpuError.innerText();
            await page.getByTestId('refresh-now').click();
            return '';
          },
          { timeout: 60_000, interval: 2_000 },
        )
        .toContain(`Prometheus "${dsName}"`);
      expect(await cpuError.innerText()).toMatch(/refused the connection|closed the connection|cannot be reached/);
      expect(await cpuError.innerText()).toContain(lab.promUrl);
      // Every node_exporter panel says the same; the SSH collector's (local) panels are not affected.
      const texts = await errorTexts();
      expect(texts.length).toBeGreaterThanOrEqual(12);
      for (const t of texts) expect(t).toContain(`Prometheus "${dsName}"`);
      expect(await dashboard().locator('[data-testid^="panel-error-local-"]').count()).toBe(0);

      await lab.startPrometheus();
      // The datasource's backoff window (doubling from 1 s while it was down) closes, then data flows again.
      await chartsHaveData();
      expect(await errorTexts()).toEqual([]);
    },
    stepTimeout,
  );
});
