/** Reads the per-launch token `opsroom serve` prints in the link's fragment: `#token=XYZ`. */
export function parseTokenFragment(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!body) return null;
  const params = new URLSearchParams(body);
  const token = params.get('token');
  return token && token.trim() ? token.trim() : null;
}

export type WebAuthResult = 'none' | 'ok' | 'rejected';

export interface WebAuthEnv {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  fetch: typeof fetch;
}

/**
 * Trades the fragment's token for a session cookie, then drops the fragment so
 * the token is neither bookmarked nor replayed on reload.
 */
export async function authenticateFromLocation(env: WebAuthEnv): Promise<WebAuthResult> {
  const token = parseTokenFragment(env.location.hash);
  if (!token) return 'none';
  env.history.replaceState(null, '', env.location.pathname + env.location.search);
  try {
    const res = await env.fetch('/auth', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    return res.ok ? 'ok' : 'rejected';
  } catch {
    return 'rejected';
  }
}
