import type http from 'node:http';
import { isAllowedOrigin, originRefusal } from './origin-check';
import { sendText } from './static';
import { TokenAuth } from './token';

const maxBodyBytes = 4096;

/** POST /auth {token} → 204 + session cookie, 401 wrong token, 429 too many guesses. */
export function handleAuth(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  deps: { auth: TokenAuth; origins: Set<string> },
): void {
  if (req.method !== 'POST') {
    sendText(res, 405, 'Method not allowed: POST the token as JSON {"token": "..."}.\n', { Allow: 'POST' });
    return;
  }
  if (!isAllowedOrigin(req.headers.origin, deps.origins)) {
    sendText(res, 403, originRefusal);
    return;
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBodyBytes) {
    sendText(res, 413, 'The request body is too large.\n', { Connection: 'close' });
    req.destroy();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  req.on('data', (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > maxBodyBytes) {
      done = true;
      sendText(res, 413, 'The request body is too large.\n', { Connection: 'close' });
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (done) return;
    done = true;
    let candidate: unknown;
    try {
      candidate = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { token?: unknown } | null)?.token;
    } catch {
      sendText(res, 400, 'The body must be JSON: {"token": "..."}.\n');
      return;
    }
    const { verdict, session } = deps.auth.exchange(candidate);
    if (verdict === 'throttled') {
      sendText(res, 429, 'Too many wrong tokens in the last minute; wait a minute and try again.\n', {
        'Retry-After': '60',
      });
    } else if (verdict === 'wrong' || !session) {
      sendText(res, 401, 'Wrong token: open the exact URL Opsroom printed when it started.\n');
    } else {
      res.writeHead(204, { 'Set-Cookie': deps.auth.setCookie(session), 'Cache-Control': 'no-store' });
      res.end();
    }
  });
  req.on('error', () => res.destroy());
}
