/**
 * The one Content-Security-Policy for the renderer, used by the desktop window
 * and by the web mode alike. Nothing remote, no eval, no inline script.
 *
 * style-src keeps 'unsafe-inline' because the UI library sets CSS variables
 * and per-component style attributes at run time; styles cannot run code, and
 * script-src stays strict, which is what stops injection from becoming
 * execution.
 */
export function contentSecurityPolicy(opts: { dev?: { origin: string } } = {}): string {
  const self = "'self'";
  const dev = opts.dev?.origin;
  const directives: Record<string, string[]> = {
    'default-src': [self],
    'script-src': dev ? [self, dev] : [self],
    'style-src': [self, "'unsafe-inline'"],
    'img-src': [self, 'data:', 'blob:'],
    'font-src': [self, 'data:'],
    // 'self' covers the web mode's same-origin WebSocket in current Chromium;
    // it is spelled out for the desktop dev server only.
    'connect-src': dev ? [self, dev, dev.replace(/^http/, 'ws')] : [self],
    'worker-src': [self, 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}
