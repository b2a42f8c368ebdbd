import path from 'node:path';
import { contentTypeOf } from '../security/content-types';

export type StaticTarget = { kind: 'file'; file: string; spaFallback: boolean } | { kind: 'refused'; reason: string };

/**
 * Maps a request target to a file under `root`, or refuses it. The raw target
 * is used (not a WHATWG-normalised URL) so that `..` is refused outright
 * rather than silently collapsed; the resolve-and-prefix check below is the
 * backstop that holds whatever the decoding did.
 */
export function resolveStaticPath(root: string, rawTarget: string): StaticTarget {
  const pathname = rawTarget.split(/[?#]/, 1)[0] ?? '';
  if (!pathname.startsWith('/')) return { kind: 'refused', reason: 'the path must start with /' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'refused', reason: 'the path is not valid percent-encoding' };
  }
  if (decoded.includes('\0')) return { kind: 'refused', reason: 'the path contains a NUL byte' };
  if (decoded.includes('\\')) return { kind: 'refused', reason: 'the path contains a backslash' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.'))
    return { kind: 'refused', reason: 'the path contains . or .. segments' };
  if (segments.some((s) => s.startsWith('.') && s.length > 0)) {
    return { kind: 'refused', reason: 'hidden files are not served' };
  }

  const base = path.resolve(root);
  const rel = decoded === '/' ? 'index.html' : decoded.slice(1);
  const file = path.resolve(base, rel);
  if (file !== base && !file.startsWith(base + path.sep))
    return { kind: 'refused', reason: 'the path leaves the renderer folder' };

  // A client-side route (no extension) is the single-page app itself.
  const last = segments[segments.length - 1] ?? '';
  if (decoded !== '/' && !last.includes('.'))
    return { kind: 'file', file: path.join(base, 'index.html'), spaFallback: true };
  return { kind: 'file', file, spaFallback: false };
}

export { contentTypeOf };
