import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { contentSecurityPolicy } from '../security/csp';
import { contentTypeOf, resolveStaticPath } from './static-path';

/** Sent on every response, data or not. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

export function sendText(
  res: http.ServerResponse,
  status: number,
  body: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

const notBuilt = `<!doctype html><meta charset="utf-8"><title>Opsroom</title>
<p>Opsroom's web mode is running, but the renderer is not built: run <code>npm run build</code>, then reload this page.</p>
`;

/**
 * Serves the built renderer. No cookie is needed here: these files hold no
 * data, and the token travels in the URL fragment, which browsers never send.
 */
export function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, rendererDir: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method not allowed: the renderer files are read-only.\n', { Allow: 'GET, HEAD' });
    return;
  }
  const root = path.resolve(rendererDir);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    res.writeHead(503, {
      ...securityHeaders(),
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : notBuilt);
    return;
  }
  const target = resolveStaticPath(root, req.url ?? '/');
  if (target.kind === 'refused') {
    sendText(res, 400, `Bad path: ${target.reason}.\n`);
    return;
  }
  let file = target.file;
  let stat: fs.Stats;
  try {
    // realpath: a symlink inside the build folder must not lead out of it.
    file = fs.realpathSync(file);
    const realRoot = fs.realpathSync(root);
    if (!file.startsWith(realRoot + path.sep)) throw new Error('outside');
    stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
  } catch {
    sendText(res, 404, 'Not found.\n');
    return;
  }
  const isIndex = path.basename(file) === 'index.html';
  res.writeHead(200, {
    ...securityHeaders(),
    'Content-Type': contentTypeOf(file),
    'Content-Length': String(stat.size),
    'Cache-Control': isIndex ? 'no-store' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
