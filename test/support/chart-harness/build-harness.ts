import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { Page, Route } from 'playwright-core';
import { build, type Rollup } from 'vite';

/**
 * A page that renders the real chart components (and, for the bench, the real
 * client over the real web-mode WebSocket) without the rest of the app, so a
 * test can drive one panel with exact inputs. Built in memory with the same
 * Vite + React plugin as the renderer, and served to Chromium through
 * Playwright's request routing: no files written, no server of its own.
 */

export interface HarnessBundle {
  /** path (e.g. "/__harness/entry.js") → body and content type */
  files: Map<string, { body: string | Uint8Array; type: string }>;
}

const root = path.resolve(import.meta.dirname, '../../..');

export async function buildHarness(entry: string, prefix = '/__harness'): Promise<HarnessBundle> {
  // vitest sets NODE_ENV=test, and Vite (and the React plugin's JSX transform) would build for
  // development then: production React, as the app ships, is several times faster.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build({
      configFile: false,
      root,
      mode: 'production',
      base: `${prefix}/`,
      logLevel: 'error',
      plugins: [react()],
      build: {
        write: false,
        outDir: path.join(root, 'out/__harness-never-written'),
        emptyOutDir: false,
        modulePreload: false,
        cssCodeSplit: false,
        minify: true,
        rollupOptions: { input: { entry }, output: { entryFileNames: '[name].js', assetFileNames: '[name][extname]' } },
      },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const files = new Map<string, { body: string | Uint8Array; type: string }>();
  let css = '';
  for (const out of outputs) {
    for (const item of out.output) {
      const body = item.type === 'chunk' ? item.code : item.source;
      const type = item.fileName.endsWith('.css')
        ? 'text/css'
        : item.fileName.endsWith('.js')
          ? 'text/javascript'
          : 'application/octet-stream';
      files.set(`${prefix}/${item.fileName}`, { body, type });
      if (item.fileName.endsWith('.css')) css += `<link rel="stylesheet" href="${prefix}/${item.fileName}">`;
    }
  }
  const html = `<!doctype html><html><head><meta charset="utf-8">${css}</head><body><div id="root"></div><script type="module" src="${prefix}/entry.js"></script></body></html>`;
  files.set(`${prefix}/index.html`, { body: html, type: 'text/html' });
  return { files };
}

/**
 * Serves the bundle at `origin` + prefix in this page (other requests go to
 * the network as usual). A fulfilled response has no address, so Chromium's
 * Local Network Access treats the page as public and would refuse its
 * WebSocket to 127.0.0.1: the context is granted that permission, as a
 * person would grant it at the prompt. (The app itself is served by the
 * server from 127.0.0.1 and needs no such grant.)
 */
export async function routeHarness(
  page: Page,
  origin: string,
  bundle: HarnessBundle,
  prefix = '/__harness',
): Promise<void> {
  // Only a page pretending to be the server's needs it (and only such an origin can be granted it).
  if (new URL(origin).hostname === '127.0.0.1') {
    await page.context().grantPermissions(['local-network-access'], { origin });
  }
  await page.route(`${origin}${prefix}/**`, (route: Route) => {
    const url = new URL(route.request().url());
    const file = bundle.files.get(url.pathname);
    if (!file) return route.fulfill({ status: 404, body: 'not in the harness' });
    return route.fulfill({ status: 200, contentType: file.type, body: Buffer.from(file.body) });
  });
}
