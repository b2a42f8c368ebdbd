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

export type Mode = 'ok' | '401' | '502' | 'bad_data' | 'hang';

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
  const state = { mode: 'ok' as Mode };
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
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}
