import type { Locator, Page } from 'playwright-core';
import type { Ci } from '../../shared/api/cmdb-model';
import type { Datasource } from '../../shared/api/monitoring-query';
import { sessionCookie } from './http-probe';
import type { PrometheusLab } from './prometheus-lab';
import type { ServeProcess } from './serve-process';
import { WsRpc } from './ws-rpc';

export interface SeededMonitoring {
  host: Ci;
  datasource: Datasource;
}

/**
 * Sets a fresh workspace up through the contract, as a script on the web
 * mode's WebSocket would: the lab's Prometheus as the default datasource, and
 * a host CI at 127.0.0.1 — the address node_exporter's `instance` label
 * carries, which is how the built-in host dashboard finds its series.
 */
export async function seedMonitoring(
  serve: ServeProcess,
  lab: PrometheusLab,
  opts: { hostName: string; datasourceName: string },
): Promise<SeededMonitoring> {
  const cookie = await sessionCookie(serve.port, serve.origin, serve.token);
  const rpc = await WsRpc.connect(serve.port, serve.origin, cookie);
  try {
    const datasource = await rpc.ok<Datasource>('monitoring.datasources.save', {
      name: opts.datasourceName,
      url: lab.promUrl,
      isDefault: true,
    });
    const host = await rpc.ok<Ci>('cmdb.ci.create', {
      type: 'host',
      name: opts.hostName,
      environment: 'staging',
      tags: ['monitoring-e2e'],
      connection: { address: '127.0.0.1', port: null, user: null, credentialId: null, jumpHostId: null },
    });
    return { host, datasource };
  } finally {
    await rpc.close();
  }
}

/** A time-series chart's plot box in page pixels (layout.ts: a 64 px y axis on the left, 16 px margin right). */
export async function plotBox(chart: Locator): Promise<{ left: number; right: number; y: number }> {
  const box = await chart.boundingBox();
  if (!box) throw new Error('the chart is not on screen');
  return { left: box.x + 64, right: box.x + box.width - 16, y: box.y + box.height / 3 };
}

/** Drags across a chart with the mouse, as a person zooms: press at `x0`, move in steps, release at `x1`. */
export async function dragAcross(page: Page, x0: number, x1: number, y: number): Promise<void> {
  await page.mouse.move(x0, y);
  await page.mouse.down();
  await page.mouse.move((x0 + x1) / 2, y, { steps: 4 });
  await page.mouse.move(x1, y, { steps: 4 });
  await page.mouse.up();
}

/** A data-* attribute as a number (NaN when missing). */
export async function numAttr(loc: Locator, name: string): Promise<number> {
  const v = await loc.getAttribute(name, { timeout: 2_000 }).catch(() => null);
  return v === null || v === '' ? NaN : Number(v);
}
