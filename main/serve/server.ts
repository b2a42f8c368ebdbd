import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Logger } from '../applog/types';
import { systemClock, type Clock } from '../clock';
import type { EventBus } from '../rpc/events';
import type { Router } from '../rpc/router';
import { handleAuth } from './auth-route';
import { allowedHosts, formatHost, hostRefusal, isAllowedHost } from './host-check';
import { allowedOrigins } from './origin-check';
import { sendText, serveStatic } from './static';
import { TokenAuth } from './token';
import { handleUpgrade } from './upgrade';
import { attachWsSession } from './ws-session';

export interface StartServerOptions {
  router: Router;
  bus: EventBus;
  rendererDir: string;
  logger: Logger;
  /** default 127.0.0.1; anything else is the CLI's decision (--allow-remote) */
  host?: string;
  /** 0 = a free port */
  port?: number;
  /** who the web user is in the audit chain */
  actor: string;
  /** tests may fix it; by default 32 random bytes, base64url */
  token?: string;
  clock?: Clock;
}

export interface RunningServer {
  /** what to open: the token rides in the fragment, which is never sent over the wire */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const loopback = new Set(['127.0.0.1', 'localhost', '::1']);

/** The web mode: the same router as the desktop, over HTTP + one WebSocket, on loopback. */
export async function startServer(opts: StartServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.logger.child('serve');
  const auth = new TokenAuth(opts.clock ?? systemClock, opts.token);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  // A non-loopback bind (--allow-remote) is reachable by that name too; a wildcard bind adds nothing.
  const extraHost = loopback.has(host) || host === '0.0.0.0' || host === '::' ? undefined : host;
  let hosts = new Set<string>();
  let origins = new Set<string>();

  const server = http.createServer((req, res) => {
    try {
      if (!isAllowedHost(req.headers.host, hosts)) return sendText(res, 403, hostRefusal);
      const pathname = (req.url ?? '/').split('?', 1)[0];
      if (pathname === '/auth') return handleAuth(req, res, { auth, origins });
      serveStatic(req, res, opts.rendererDir);
    } catch (err) {
      log.error('request failed', { error: String(err) });
      if (!res.headersSent) sendText(res, 500, 'Internal error; the app log has the details.\n');
      else res.destroy();
    }
  });
  server.on('upgrade', (req, socket, head) =>
    handleUpgrade(req, socket, head, {
      wss,
      auth,
      hosts,
      origins,
      onConnection: (ws) => attachWsSession(ws, { router: opts.router, bus: opts.bus, actor: opts.actor, logger: log }),
    }),
  );
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  auth.cookieName = `opsroom_session_${port}`;
  hosts = allowedHosts(port, extraHost);
  origins = allowedOrigins(port, extraHost);
  const origin = `http://${loopback.has(host) || !extraHost ? '127.0.0.1' : formatHost(host)}:${port}`;
  log.info('web mode listening', { host, port });

  return {
    url: `${origin}/#token=${auth.token}`,
    origin,
    port,
    token: auth.token,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      log.info('web mode stopped', { port });
    },
  };
}
