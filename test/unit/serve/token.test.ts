import { describe, expect, it } from 'vitest';
import { TokenAuth, randomToken, readCookie, sessionCookieName } from '../../../main/serve/token';

function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('TokenAuth', () => {
  const token = 'T'.repeat(43);

  it('makes a fresh 32-byte base64url token per launch', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
  });

  it('issues a session, distinct from the token, only for the exact token', () => {
    const auth = new TokenAuth(fakeClock(), token);
    const ok = auth.exchange(token);
    expect(ok.verdict).toBe('ok');
    expect(ok.session).toBeDefined();
    expect(ok.session).not.toBe(token);
    expect(auth.hasSession(`${sessionCookieName}=${ok.session}`)).toBe(true);
    expect(auth.hasSession(`other=1; ${sessionCookieName}=${ok.session}`)).toBe(true);
  });

  it.each([
    ['prefix', 'T'.repeat(42)],
    ['longer', 'T'.repeat(44)],
    ['case changed', 't'.repeat(43)],
    ['empty', ''],
    ['number', 42],
    ['null', null],
    ['object', { toString: () => 'T'.repeat(43) }],
    ['array', ['T'.repeat(43)]],
  ])('refuses a %s candidate', (_label, candidate) => {
    const auth = new TokenAuth(fakeClock(), token);
    expect(auth.exchange(candidate).verdict).toBe('wrong');
  });

  it('never accepts the token itself, a forged or an empty cookie as a session', () => {
    const auth = new TokenAuth(fakeClock(), token);
    auth.exchange(token);
    expect(auth.hasSession(undefined)).toBe(false);
    expect(auth.hasSession('')).toBe(false);
    expect(auth.hasSession(`${sessionCookieName}=${token}`)).toBe(false);
    expect(auth.hasSession(`${sessionCookieName}=`)).toBe(false);
    expect(auth.hasSession(`x${sessionCookieName}=abc`)).toBe(false);
  });

  it('throttles after 20 failures in a minute, even the right token, then recovers', () => {
    const clock = fakeClock();
    const auth = new TokenAuth(clock, token);
    for (let i = 0; i < 20; i++) expect(auth.exchange('guess' + i).verdict).toBe('wrong');
    expect(auth.exchange(token).verdict).toBe('throttled');
    clock.advance(30_000);
    expect(auth.exchange(token).verdict).toBe('throttled');
    clock.advance(30_001);
    expect(auth.exchange(token).verdict).toBe('ok');
  });

  it('refuses a short token at construction', () => {
    expect(() => new TokenAuth(fakeClock(), 'short')).toThrow();
  });

  it('sets the cookie HttpOnly, SameSite=Strict, Path=/ and not Secure', () => {
    const c = new TokenAuth(fakeClock(), token).setCookie('abc');
    expect(c).toBe('opsroom_session=abc; HttpOnly; SameSite=Strict; Path=/');
  });

  it('reads cookies defensively', () => {
    expect(readCookie('a=1; b=2', 'b')).toBe('2');
    expect(readCookie('a=1; b', 'b')).toBeUndefined();
    expect(readCookie('x'.repeat(9000), 'x')).toBeUndefined();
  });
});
