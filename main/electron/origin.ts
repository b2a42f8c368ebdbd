/**
 * `scheme://host[:port]` of a URL, computed by hand: Node's URL reports the
 * origin of a non-special scheme such as app:// as "null", while Chromium
 * (where the scheme is registered as standard) gives it a real one.
 * Returns null for URLs with no host (file:, data:, javascript:, about:).
 */
export function originOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!u.host) return null;
  if (u.username || u.password) return null;
  return `${u.protocol}//${u.host}`.toLowerCase();
}

export function isSameOrigin(url: string, origin: string): boolean {
  const o = originOf(url);
  return o !== null && o === origin.toLowerCase().replace(/\/+$/, '');
}

/**
 * Who may use the IPC bridge: only a frame whose URL is on the app's own
 * origin (app://opsroom, or the dev server in development). A frame that
 * navigated elsewhere, an iframe from another origin, or a missing frame
 * (already destroyed) is refused.
 */
export function trustedSender(appOrigin: string): (frame: { url: string } | null | undefined) => boolean {
  return (frame) => frame != null && typeof frame.url === 'string' && isSameOrigin(frame.url, appOrigin);
}
