import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import zlib from 'node:zlib';

/** What the test server saw of one request. */
export interface Seen {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  form: URLSearchParams;
}

/**
 * 'redirect' answers 302 to `redirectTo`; 'echo-401' and 'echo-html' put the
 * request's Authorization header in a 401 page or a 200 HTML page, as some
 * proxies' debug pages do; 'huge' sends a gzip body that inflates past any cap.
 */
export type Mode = 'ok' | '401' | '502' | 'bad_data' | 'hang' | 'redirect' | 'echo-401' | 'echo-html' | 'huge';

/**
 * A small test server that answers like Prometheus (shapes as Prometheus 2.42
 * sends them) and records every request's headers and form, so tests can see
 * what Opsroom actually sent. It is a stand-in for the transport checks only;
 * the query behaviour is tested against the real Prometheus.
 */
export interface EchoServer {
  url: string;
  port: number;
  seen: Seen[];
  mode: Mode;
  /** where 'redirect' points */
  redirectTo: string;
  close(): Promise<void>;
}

function answer(path: string, form: URLSearchParams, q: URLSearchParams): unknown {
  if (path.endsWith('/api/v1/status/buildinfo')) return { status: 'success', data: { version: '2.42.0+echo' } };
  if (path.endsWith('/api/v1/query_range')) {
    const start = Number(form.get('start'));
    return {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [{ metric: { __name__: 'up', job: 'echo' }, values: [[start, '1']] }],
      },
    };
  }
  if (path.endsWith('/api/v1/query')) {
    return { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, '42'] }] } };
  }
  if (path.endsWith('/api/v1/labels')) return { status: 'success', data: ['__name__', ...q.getAll('match[]')] };
  return { status: 'error', errorType: 'not_found', error: `no ${path}` };
}

export function startEchoServer(tls?: { key: string; cert: string }): Promise<EchoServer> {
  const seen: Seen[] = [];
  const sockets = new Set<net.Socket>();
  const state = { mode: 'ok' as Mode, redirectTo: '' };
  const handler: http.RequestListener = (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const form = new URLSearchParams(body);
      seen.push({ method: req.method ?? '', path: u.pathname, query: u.searchParams, headers: req.headers, form });
      if (state.mode === 'hang') return;
      if (state.mode === '401') {
        res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthorized\n');
        return;
      }
      if (state.mode === 'redirect') {
        res.writeHead(302, { location: `${state.redirectTo}${u.pathname}?state=secret-session` }).end();
        return;
      }
      if (state.mode === 'echo-401' || state.mode === 'echo-html') {
        const page = `<html><body>debug: you sent Authorization: ${req.headers.authorization ?? ''}</body></html>`;
        res.writeHead(state.mode === 'echo-401' ? 401 : 200, { 'content-type': 'text/html' }).end(page);
        return;
      }
      if (state.mode === 'huge') {
        // 65 MB of spaces inflate from about 64 KB: the size cap must count what is inflated.
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync(Buffer.alloc(65 * 1024 * 1024, 0x20)));
        return;
      }
      if (state.mode === '502') {
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
        return;
      }
      const json =
        state.mode === 'bad_data'
          ? { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected end of input' }
          : answer(u.pathname, form, u.searchParams);
      const text = JSON.stringify(json);
      const status = state.mode === 'bad_data' ? 400 : 200;
      if (/gzip/.test(String(req.headers['accept-encoding'] ?? ''))) {
        res.writeHead(status, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(zlib.gzipSync(text));
      } else res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    });
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, handler) : http.createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
        port,
        seen,
        get mode() {
          return state.mode;
        },
        set mode(m: Mode) {
          state.mode = m;
        },
        get redirectTo() {
          return state.redirectTo;
        },
        set redirectTo(u: string) {
          state.redirectTo = u;
        },
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}
