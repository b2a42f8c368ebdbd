import WebSocket from 'ws';
import type { CallResult } from '../../shared/api/wire';

export interface Frame {
  dir: 'sent' | 'received';
  data: string;
}

/**
 * A contract client over the web mode's WebSocket, as a script (not a browser)
 * would speak it, that keeps every frame it sent and received so a test can
 * search them.
 */
export class WsRpc {
  readonly frames: Frame[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, (r: CallResult) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (raw: WebSocket.RawData) => {
      const data = Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.concat(raw as Buffer[]).toString('utf8');
      this.frames.push({ dir: 'received', data });
      const msg = JSON.parse(data) as { t: string; id?: number } & Partial<CallResult>;
      if (msg.t === 'result' && msg.id !== undefined) {
        this.pending.get(msg.id)?.(msg as CallResult);
        this.pending.delete(msg.id);
      }
    });
  }

  /** Opens /rpc with the session cookie (see http-probe's sessionCookie) and the page's Origin. */
  static connect(port: number, origin: string, cookie: string): Promise<WsRpc> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`, { headers: { Origin: origin, Cookie: cookie } });
      ws.once('open', () => resolve(new WsRpc(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`/rpc refused with ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  private send(msg: unknown): void {
    const data = JSON.stringify(msg);
    this.frames.push({ dir: 'sent', data });
    this.ws.send(data);
  }

  /** The raw result (ok or error), never thrown: a test records both. */
  call(method: string, input?: unknown, timeoutMs = 30_000): Promise<CallResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} did not answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.send(input === undefined ? { t: 'call', id, method } : { t: 'call', id, method, input });
    });
  }

  /** Like call, but throws the server's message when the call failed. */
  async ok<T = unknown>(method: string, input?: unknown): Promise<T> {
    const r = await this.call(method, input);
    if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
    return r.result as T;
  }

  subscribe(topic: string): void {
    this.send({ t: 'sub', topic });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
