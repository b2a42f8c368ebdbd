import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/browser';
import { plotLeft, plotWidth } from '../../../renderer/views/charts/layout';
import { pxToTime } from '../../../renderer/views/charts/zoom';
import { buildHarness, routeHarness } from '../../support/chart-harness/build-harness';
import type { Spec, TimeSeriesSpec } from '../../support/chart-harness/components';

/**
 * The chart components in real Chromium with recharts really drawing: the
 * points that reach recharts, gaps, thresholds, annotations, the legend,
 * drag to zoom and the shared crosshair. Behaviour only; speed is the
 * bench's (test/bench/chart-paint.ts).
 */

const origin = 'http://charts.harness.test';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = await buildHarness(path.join(import.meta.dirname, '../../support/chart-harness/components.tsx'));
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
  page = await context.newPage();
  await routeHarness(page, origin, bundle);
  await page.goto(`${origin}/__harness/index.html`);
  await page.waitForFunction('!!window.harness');
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

type RenderResult = { ms: number; paints: { points: number; rows: number }[] };
const render = (spec: Spec) => page.evaluate(`window.harness.render(${JSON.stringify(spec)})`) as Promise<RenderResult>;

const hour = 3_600_000;
const t0 = Date.UTC(2026, 10, 27, 8, 0, 0);
const width = 1000;

function panel(over: Partial<TimeSeriesSpec>): TimeSeriesSpec {
  return {
    series: [],
    fromMs: t0,
    toMs: t0 + hour,
    width,
    height: 320,
    unit: 'percent',
    thresholds: [],
    stacked: false,
    annotations: [],
    ...over,
  };
}

describe('time-series panel in Chromium', () => {
  it('hands recharts at most two points per pixel column, even for a million raw samples', async () => {
    const { paints } = await render({
      kind: 'timeseries',
      panels: [panel({ series: [{ synthetic: { n: 1_000_000, fromMs: t0, toMs: t0 + hour, name: 'raw' } }] })],
    });
    const el = page.getByTestId('timeseries-p0');
    const points = Number(await el.getAttribute('data-points'));
    expect(points).toBe(paints[0].points);
    expect(points).toBeGreaterThan(plotWidth(width));
    expect(points).toBeLessThanOrEqual(2 * plotWidth(width));
    expect(await el.getAttribute('data-reduced')).toBe('true');
    // And recharts drew it: one unbroken line.
    const d = await el.locator('.recharts-line-curve').getAttribute('d');
    expect(d?.match(/M/g)?.length).toBe(1);
  });

  it('breaks the line at a gap instead of drawing across it', async () => {
    await render({
      kind: 'timeseries',
      panels: [
        panel({
          series: [
            {
              synthetic: {
                n: 3600,
                fromMs: t0,
                toMs: t0 + hour,
                name: 'gappy',
                gaps: [
                  [t0 + 10 * 60_000, t0 + 15 * 60_000],
                  [t0 + 40 * 60_000, t0 + 41 * 60_000],
                ],
              },
            },
          ],
        }),
      ],
    });
    const d = await page.getByTestId('timeseries-p0').locator('.recharts-line-curve').getAttribute('d');
    expect(d?.match(/M/g)?.length).toBe(3);
  });

  it('draws thresholds in their colours, annotations with their titles, and a legend with stats', async () => {
    const series = [
      { labels: {}, name: 'cpu web-1', t: [t0, t0 + 20 * 60_000, t0 + 40 * 60_000], v: [10, 90, null], rawPoints: 3 },
      { labels: {}, name: 'cpu web-2', t: [t0 + 10 * 60_000, t0 + 30 * 60_000], v: [40, 60], rawPoints: 2 },
    ];
    await render({
      kind: 'timeseries',
      panels: [
        panel({
          series,
          thresholds: [
            { value: 80, color: '#e03131' },
            { value: 50, color: 'orange' },
          ],
          annotations: [
            { time: t0 + 5 * 60_000, end: null, kind: 'audit', title: 'batch run: uname', text: '50 hosts', ref: '17' },
            {
              time: t0 + 25 * 60_000,
              end: t0 + 35 * 60_000,
              kind: 'change',
              title: 'kernel upgrade',
              text: '',
              ref: 'c1',
            },
          ],
        }),
      ],
    });
    const el = page.getByTestId('timeseries-p0');
    const strokes = await el
      .locator('.opsroom-threshold line, line.opsroom-threshold')
      .evaluateAll((ls) => ls.map((l) => l.getAttribute('stroke')));
    expect(strokes).toContain('#e03131');
    // "orange" is resolved to the theme's hex: SVG attributes cannot read CSS variables.
    expect(strokes.some((s) => /^#[0-9a-f]{6}$/i.test(s ?? '') && s !== '#e03131')).toBe(true);
    const titles = await el.locator('.opsroom-annotation title').allTextContents();
    expect(titles.some((t) => t.startsWith('batch run: uname'))).toBe(true);
    expect(titles.some((t) => t.startsWith('kernel upgrade'))).toBe(true);

    const row0 = page.getByTestId('legend-row-p0-0');
    await expect.poll(() => row0.innerText()).toMatch(/cpu web-1\s+10%\s+90%\s+50%\s+90%/);
    // The second series was filled between its samples at the first one's time (t0+20m), but its stats are of its own.
    await expect.poll(() => page.getByTestId('legend-row-p0-1').innerText()).toMatch(/40%\s+60%\s+50%\s+60%/);
  });

  it('isolates a series on a legend click and toggles with ctrl', async () => {
    const series = ['a', 'b', 'c'].map((name, k) => ({
      labels: {},
      name,
      t: [t0, t0 + hour / 2, t0 + hour],
      v: [k, k + 1, k + 2],
      rawPoints: 3,
    }));
    await render({ kind: 'timeseries', panels: [panel({ series })] });
    const el = page.getByTestId('timeseries-p0');
    expect(await el.getAttribute('data-points')).toBe('9');
    await page.getByTestId('legend-row-p0-1').click();
    await expect.poll(() => el.getAttribute('data-points')).toBe('3');
    expect(await page.getByTestId('legend-row-p0-0').getAttribute('data-hidden')).toBe('true');
    expect(await el.locator('.recharts-line-curve').count()).toBe(1);
    await page.getByTestId('legend-row-p0-2').click({ modifiers: ['Control'] });
    await expect.poll(() => el.getAttribute('data-points')).toBe('6');
    await page.getByTestId('legend-row-p0-1').click();
    await page.getByTestId('legend-row-p0-1').click();
    await expect.poll(() => el.getAttribute('data-points')).toBe('9');
  });

  it('mounts only the legend rows in view for hundreds of series, and the rest on scroll', async () => {
    const series = Array.from({ length: 400 }, (_, k) => ({
      labels: {},
      name: `host-${k}`,
      t: [t0, t0 + hour],
      v: [k, k + 1],
      rawPoints: 2,
    }));
    await render({ kind: 'timeseries', panels: [panel({ series, height: 600 })] });
    const rows = page.locator('[data-testid^="legend-row-p0-"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    expect(await rows.count()).toBeLessThan(60);
    await page.getByTestId('legend-p0').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => page.getByTestId('legend-row-p0-399').count()).toBe(1);
    await expect.poll(() => page.getByTestId('legend-row-p0-399').innerText()).toMatch(/host-399\s+399%\s+400%/);
    expect(await page.getByTestId('legend-row-p0-0').count()).toBe(0);
  });

  it('zooms to the dragged range and ignores a click', async () => {
    await render({
      kind: 'timeseries',
      panels: [panel({ series: [{ synthetic: { n: 5000, fromMs: t0, toMs: t0 + hour, name: 'z' } }] })],
    });
    const box = (await page.getByTestId('timeseries-p0').boundingBox())!;
    const y = box.y + 100;
    const before = (await page.evaluate('window.harness.zooms.length')) as number;
    await page.mouse.move(box.x + 300, y);
    await page.mouse.down();
    await page.mouse.up();
    expect(await page.evaluate('window.harness.zooms.length')).toBe(before);

    await page.mouse.move(box.x + 200, y);
    await page.mouse.down();
    await page.mouse.move(box.x + 350, y, { steps: 5 });
    await page.mouse.move(box.x + 500, y, { steps: 5 });
    expect(await page.locator('.opsroom-zoom-selection').count()).toBe(1);
    await page.mouse.up();
    const zooms = (await page.evaluate('window.harness.zooms')) as { from: number; to: number }[];
    expect(zooms.length).toBe(before + 1);
    const plot = { left: plotLeft, width: plotWidth(width) };
    const z = zooms[zooms.length - 1];
    expect(Math.abs(z.from - pxToTime(200, plot, t0, t0 + hour))).toBeLessThanOrEqual(hour / plot.width);
    expect(Math.abs(z.to - pxToTime(500, plot, t0, t0 + hour))).toBeLessThanOrEqual(hour / plot.width);
    expect(await page.locator('.opsroom-zoom-selection').count()).toBe(0);
  });

  it('repaints only the selection while dragging, never the chart', async () => {
    await render({
      kind: 'timeseries',
      panels: [panel({ series: [{ synthetic: { n: 5000, fromMs: t0, toMs: t0 + hour, name: 'z' } }] })],
    });
    const el = page.getByTestId('timeseries-p0');
    const box = (await el.boundingBox())!;
    await page.mouse.move(box.x + 200, box.y + 100);
    await page.mouse.down();
    // Below the chart (the drag follows the window), so no hover redraws the tooltip meanwhile.
    await page.mouse.move(box.x + 220, box.y + box.height + 40);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    await el.locator('svg.recharts-surface').evaluate((svg) => {
      const w = window as unknown as { svgMutations: number };
      w.svgMutations = 0;
      new MutationObserver((m) => (w.svgMutations += m.length)).observe(svg, {
        subtree: true,
        attributes: true,
        childList: true,
        characterData: true,
      });
    });
    const widths: number[] = [];
    for (const x of [300, 400, 500]) {
      await page.mouse.move(box.x + x, box.y + box.height + 40, { steps: 3 });
      widths.push((await page.locator('.opsroom-zoom-selection').boundingBox())!.width);
    }
    expect(widths[1]).toBeGreaterThan(widths[0]);
    expect(widths[2]).toBeGreaterThan(widths[1]);
    expect(await page.evaluate('window.svgMutations')).toBe(0);
    await page.keyboard.press('Escape');
    expect(await page.locator('.opsroom-zoom-selection').count()).toBe(0);
    await page.mouse.up();
  });

  it('shares the crosshair between panels with the same syncId', async () => {
    const s = { labels: {}, name: 'x', t: [t0, t0 + hour / 2, t0 + hour], v: [1, 2, 3], rawPoints: 3 };
    await render({
      kind: 'timeseries',
      panels: [panel({ series: [s], syncId: 'dash' }), panel({ series: [{ ...s, v: [30, 20, 10] }], syncId: 'dash' })],
    });
    const box = (await page.getByTestId('timeseries-p0').boundingBox())!;
    await page.mouse.move(box.x + plotLeft + plotWidth(width) / 2, box.y + 100);
    await expect
      .poll(() => page.getByTestId('timeseries-p1').locator('.recharts-active-dot').count())
      .toBeGreaterThan(0);
    // The hovered panel's tooltip shows the value in the panel's unit.
    await expect.poll(() => page.getByTestId('timeseries-p0').innerText()).toContain('2%');
  });
});

describe('stat, gauge and table panels in Chromium', () => {
  const series = [{ labels: {}, name: 'mem', t: [t0, t0 + 1000, t0 + 2000], v: [0.2, 0.5, null], rawPoints: 3 }];
  const thresholds = [
    { value: 0, color: '#2f9e44' },
    { value: 0.4, color: '#e03131' },
  ];

  it('shows the last real value in the unit, coloured by the threshold it reached', async () => {
    await render({ kind: 'stat', series, unit: 'percentunit', thresholds });
    const tile = page.getByTestId('stat-value-s-0');
    expect(await tile.getAttribute('data-value')).toBe('0.5');
    const big = tile.locator('span', { hasText: '50%' });
    expect(await big.evaluate((e) => getComputedStyle(e).color)).toBe('rgb(224, 49, 49)');
    expect(await tile.locator('svg path').count()).toBe(1);

    await render({ kind: 'gauge', series, unit: 'percentunit', thresholds });
    const gauge = page.getByTestId('gauge-value-s-0');
    expect(await gauge.locator('text').textContent()).toBe('50%');
    expect(await gauge.locator('text').getAttribute('fill')).toBe('#e03131');
  });

  it('sorts the table by a clicked column', async () => {
    const samples = [
      { refId: 'A', labels: { instance: 'web10' }, value: 3, t: t0 },
      { refId: 'A', labels: { instance: 'web2' }, value: 1, t: t0 },
      { refId: 'A', labels: { instance: 'web1' }, value: 2, t: t0 },
    ];
    await render({ kind: 'table', samples, unit: 'short' });
    const firstCells = () =>
      page.getByTestId('table-row-t').evaluateAll((rs) => rs.map((r) => r.children[0].textContent));
    expect(await firstCells()).toEqual(['web10', 'web1', 'web2']);
    await page.getByTestId('table-sort-t-instance').click();
    await page.getByTestId('table-sort-t-instance').click();
    expect(await firstCells()).toEqual(['web1', 'web2', 'web10']);
  });
});
