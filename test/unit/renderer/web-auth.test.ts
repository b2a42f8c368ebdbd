import { describe, expect, it } from 'vitest';
import { authenticateFromLocation, parseTokenFragment } from '../../../renderer/api/web-auth';

describe('parseTokenFragment', () => {
  it('reads the token from the fragment', () => {
    expect(parseTokenFragment('#token=abc123')).toBe('abc123');
    expect(parseTokenFragment('token=abc')).toBe('abc');
    expect(parseTokenFragment('#token=a%2Fb&x=1')).toBe('a/b');
  });
  it('returns null when there is no token', () => {
    expect(parseTokenFragment('')).toBeNull();
    expect(parseTokenFragment('#')).toBeNull();
    expect(parseTokenFragment('#/audit')).toBeNull();
    expect(parseTokenFragment('#token=')).toBeNull();
  });
});

function env(hash: string, status: number | 'throw') {
  const calls: { url: string; init: RequestInit }[] = [];
  const replaced: string[] = [];
  return {
    calls,
    replaced,
    env: {
      location: { hash, pathname: '/', search: '?x=1' },
      history: {
        replaceState: (_d: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)),
      },
      fetch: (async (url: string, init: RequestInit) => {
        calls.push({ url, init });
        if (status === 'throw') throw new TypeError('Failed to fetch');
        return new Response(null, { status });
      }) as unknown as typeof fetch,
    },
  };
}

describe('authenticateFromLocation', () => {
  it('posts the token same-origin and removes the fragment', async () => {
    const e = env('#token=XYZ', 204);
    expect(await authenticateFromLocation(e.env)).toBe('ok');
    expect(e.calls).toHaveLength(1);
    expect(e.calls[0].url).toBe('/auth');
    expect(e.calls[0].init.method).toBe('POST');
    expect(e.calls[0].init.credentials).toBe('same-origin');
    expect(JSON.parse(String(e.calls[0].init.body))).toEqual({ token: 'XYZ' });
    expect(e.replaced).toEqual(['/?x=1']);
  });
  it('reports a refused or failed exchange as rejected', async () => {
    expect(await authenticateFromLocation(env('#token=XYZ', 401).env)).toBe('rejected');
    expect(await authenticateFromLocation(env('#token=XYZ', 'throw').env)).toBe('rejected');
  });
  it('does nothing without a token', async () => {
    const e = env('#/jobs', 204);
    expect(await authenticateFromLocation(e.env)).toBe('none');
    expect(e.calls).toHaveLength(0);
    expect(e.replaced).toHaveLength(0);
  });
});
