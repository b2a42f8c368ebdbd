/**
 * DNS rebinding defence: a page on evil.example can make its own name resolve
 * to 127.0.0.1, but the browser still sends `Host: evil.example:PORT`. So the
 * Host header must name loopback (or the one extra address the operator bound
 * with --allow-remote) with our exact port; nothing is parsed leniently.
 */
export function allowedHosts(port: number, extraHost?: string): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  if (extraHost) hosts.add(`${formatHost(extraHost)}:${port}`.toLowerCase());
  return hosts;
}

export function isAllowedHost(host: string | string[] | undefined, allowed: Set<string>): boolean {
  if (typeof host !== 'string' || host.length === 0 || host.length > 300) return false;
  return allowed.has(host.toLowerCase());
}

export const hostRefusal =
  'Refused: the Host header does not name this Opsroom on loopback (possible DNS rebinding). Open the URL Opsroom printed.\n';

/** IPv6 literals go in brackets in Host and Origin. */
export function formatHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
