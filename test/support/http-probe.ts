import http from 'node:http';
import WebSocket from 'ws';
import { sessionCookieName } from '../../main/serve/token';

export interface ProbeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A raw request with exactly the headers given (node's http lets us set Host,
 * which fetch and browsers do not): how a DNS-rebinding page or a foreign
 * site would reach the server.
 */
export function request(
  port: number,
  opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<ProbeResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Exchanges the token for a session cookie, as the page does; returns the Cookie header value. */
export async function sessionCookie(port: number, origin: string, token: string): Promise<string> {
  const res = await request(port, {
    method: 'POST',
    path: '/auth',
    headers: { Origin: origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith(`${sessionCookieName}_${port}=`));
  if (res.status !== 204 || !set) throw new Error(`POST /auth answered ${res.status}: ${res.body}`);
  return set.split(';', 1)[0]!;
}

/** Opens a WebSocket to /rpc and reports whether it opened or the HTTP status it was refused with. */
export function tryWebSocket(
  url: string,
  headers: Record<string, string>,
): Promise<{ opened: boolean; status?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve({ opened: true });
    });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ opened: false, status: res.statusCode });
      ws.terminate();
    });
    ws.on('error', (err) => reject(err));
  });
}
