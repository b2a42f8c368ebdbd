import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOf } from '../security/content-types';
import { contentSecurityPolicy } from '../security/csp';

/**
 * The renderer is served from a custom, privileged scheme rather than file://
 * so it has a real origin (CSP 'self', fetch, storage scoped to it) and so a
 * page can never read arbitrary files by URL.
 */
export const appScheme = 'app';
export const appHost = 'opsroom';
export const appOrigin = `${appScheme}://${appHost}`;
export const appIndexUrl = `${appOrigin}/index.html`;

/** For protocol.registerSchemesAsPrivileged, which must run before 'ready'. */
export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/**
 * Maps an app:// URL to a file inside rootDir, or null for anything else:
 * another scheme or host, a malformed escape, a backslash or NUL, or a path
 * that would leave rootDir once decoded.
 */
export function resolveAppUrl(url: string, rootDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // Chromium lower-cases the host of a standard scheme; Node's URL does not.
  if (parsed.protocol !== `${appScheme}:` || parsed.host.toLowerCase() !== appHost) return null;
  if (parsed.username || parsed.password || parsed.port) return null;

  // Check the raw path too: some parsers normalise '\' to '/' before we see it,
  // and an encoded slash has no business in a bundled file's URL.
  if (/\\|%5c|%2f/i.test(url.split(/[?#]/)[0])) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // Refuse any '..' segment outright instead of relying on normalisation alone.
  if (decoded.split('/').some((seg) => seg === '..')) return null;

  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (file === root) return null;
  return file;
}

export function contentTypeFor(file: string): string {
  return contentTypeOf(file);
}

/** Headers on every app:// response: the production CSP, and no MIME sniffing. */
export function responseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(file),
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

/**
 * In development the renderer comes from electron-vite's dev server; its
 * responses get the dev CSP (which allows that origin and its HMR socket)
 * in place of whatever the server sent.
 */
export function devResponseHeaders(
  headers: Record<string, string[]> | undefined,
  devOrigin: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  }
  out['Content-Security-Policy'] = [contentSecurityPolicy({ dev: { origin: devOrigin } })];
  return out;
}

/**
 * What protocol.handle calls. Only GET/HEAD, only files under rootDir; a
 * refused URL and a missing file both answer 404 so probing learns nothing.
 */
export function appProtocolHandler(
  rootDir: string,
  read: (file: string) => Promise<Uint8Array> = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refusal(405, 'method not allowed');
    }
    const file = resolveAppUrl(request.url, rootDir);
    if (!file) return refusal(404, 'not found');
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return refusal(404, 'not found');
    }
    return new Response(request.method === 'HEAD' ? null : (body as BodyInit), {
      status: 200,
      headers: responseHeaders(file),
    });
  };
}

function refusal(status: number, text: string): Response {
  return new Response(text, { status, headers: responseHeaders('refusal.txt') });
}
