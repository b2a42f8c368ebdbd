import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock';

export const sessionCookieName = 'opsroom_session';
const maxFailuresPerMinute = 20;
const windowMs = 60_000;

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

export type TokenVerdict = 'ok' | 'wrong' | 'throttled';

/**
 * The per-launch token (given once, in the URL fragment) is exchanged for a
 * session cookie. Comparing sha256 digests keeps timingSafeEqual's equal-length
 * rule from leaking the token's length, and the failure window turns online
 * guessing into a few attempts a minute.
 */
export class TokenAuth {
  readonly token: string;
  private readonly digestOfToken: Buffer;
  private readonly sessions = new Set<string>();
  private failures: number[] = [];
  /**
   * Cookies are not scoped by port, so two web-mode instances on one machine
   * would overwrite each other's session; the server names it per port.
   */
  cookieName = sessionCookieName;

  constructor(
    private readonly clock: Clock,
    token: string = randomToken(),
  ) {
    if (token.length < 16) throw new Error('the web mode token must be at least 16 characters');
    this.token = token;
    this.digestOfToken = digest(token);
  }

  /** Checks a candidate; the caller answers 204 / 401 / 429. */
  exchange(candidate: unknown): { verdict: TokenVerdict; session?: string } {
    const now = this.clock.now();
    this.failures = this.failures.filter((t) => now - t < windowMs);
    if (this.failures.length >= maxFailuresPerMinute) return { verdict: 'throttled' };
    const ok = typeof candidate === 'string' && timingSafeEqual(digest(candidate), this.digestOfToken);
    if (!ok) {
      this.failures.push(now);
      return { verdict: 'wrong' };
    }
    const session = randomBytes(32).toString('base64url');
    this.sessions.add(session);
    return { verdict: 'ok', session };
  }

  /** True when the Cookie header carries a session this process issued. */
  hasSession(cookieHeader: string | undefined): boolean {
    const id = readCookie(cookieHeader, this.cookieName);
    return id !== undefined && this.sessions.has(id);
  }

  setCookie(session: string): string {
    // No Secure: this is plain http on loopback. SameSite=Strict keeps other sites' pages from riding it.
    return `${this.cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (typeof header !== 'string' || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
