import type http from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { wsPath } from '../../shared/api/wire';
import { hostRefusal, isAllowedHost } from './host-check';
import { isAllowedOrigin, originRefusal } from './origin-check';
import type { TokenAuth } from './token';

function refuse(socket: Duplex, status: string, body: string): void {
  socket.end(
    `HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.destroy();
}

/** The WebSocket is where the data is: it needs Host, Origin and a session cookie, all three. */
export function handleUpgrade(
  req: http.IncomingMessage,
  socket: Duplex,
  head: Buffer,
  deps: {
    wss: WebSocketServer;
    auth: TokenAuth;
    hosts: Set<string>;
    origins: Set<string>;
    onConnection: (ws: WebSocket) => void;
  },
): void {
  socket.on('error', () => socket.destroy());
  const pathname = (req.url ?? '').split('?', 1)[0];
  if (pathname !== wsPath) return refuse(socket, '404 Not Found', 'No WebSocket here.\n');
  if (!isAllowedHost(req.headers.host, deps.hosts)) return refuse(socket, '403 Forbidden', hostRefusal);
  if (!isAllowedOrigin(req.headers.origin, deps.origins)) return refuse(socket, '403 Forbidden', originRefusal);
  if (!deps.auth.hasSession(req.headers.cookie)) {
    return refuse(
      socket,
      '401 Unauthorized',
      'No valid session: open the URL Opsroom printed so the page can sign in.\n',
    );
  }
  deps.wss.handleUpgrade(req, socket, head, deps.onConnection);
}
