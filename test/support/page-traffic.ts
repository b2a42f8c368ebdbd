import type { Page } from 'playwright-core';
import type { Frame } from './ws-rpc';

export interface PageTraffic {
  /** every HTTP response body the page received, with its URL */
  responses: { url: string; status: number; body: Buffer }[];
  /** every WebSocket frame, both directions */
  frames: Frame[];
  /** waits for response bodies still being read */
  settle(): Promise<void>;
}

/** Records what a page exchanges with the server from now on. */
export function recordPage(page: Page): PageTraffic {
  const responses: PageTraffic['responses'] = [];
  const frames: Frame[] = [];
  const pending = new Set<Promise<void>>();
  const text = (p: string | Buffer) => (typeof p === 'string' ? p : p.toString('utf8'));

  page.on('response', (res) => {
    const p = res
      .body()
      .then((body) => void responses.push({ url: res.url(), status: res.status(), body }))
      // Redirects and aborted loads have no body to read.
      .catch(() => undefined)
      .finally(() => pending.delete(p));
    pending.add(p);
  });
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => frames.push({ dir: 'sent', data: text(f.payload) }));
    ws.on('framereceived', (f) => frames.push({ dir: 'received', data: text(f.payload) }));
  });
  return {
    responses,
    frames,
    async settle() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
