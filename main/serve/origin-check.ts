import { formatHost } from './host-check';

/**
 * Cross-site request defence for the two endpoints that change state (POST
 * /auth and the WebSocket upgrade): browsers always send Origin there, so a
 * missing, `null` (sandboxed frame, file://) or foreign Origin is refused.
 */
export function allowedOrigins(port: number, extraHost?: string): Set<string> {
  const origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]);
  if (extraHost) origins.add(`http://${formatHost(extraHost)}:${port}`.toLowerCase());
  return origins;
}

export function isAllowedOrigin(origin: string | string[] | undefined, allowed: Set<string>): boolean {
  if (typeof origin !== 'string' || origin.length === 0 || origin.length > 300) return false;
  return allowed.has(origin.toLowerCase());
}

export const originRefusal =
  'Refused: this request did not come from the Opsroom page itself (missing or foreign Origin).\n';
