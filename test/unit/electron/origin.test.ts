import { describe, expect, it } from 'vitest';
import { isSameOrigin, originOf, trustedSender } from '../../../main/electron/origin';

describe('trustedSender', () => {
  const trusted = trustedSender('app://opsroom');

  it('accepts frames on the app origin', () => {
    expect(trusted({ url: 'app://opsroom/index.html' })).toBe(true);
    expect(trusted({ url: 'app://opsroom/' })).toBe(true);
    expect(trusted({ url: 'app://opsroom/index.html#/audit?x=1' })).toBe(true);
  });

  it.each([
    'app://evil/index.html',
    'app://opsroom.evil/index.html',
    'app://evil.opsroom/index.html',
    'app://opsroom:1234/index.html',
    'app://user@opsroom/index.html',
    'app://opsroom@evil/index.html',
    'file:///work/out/renderer/index.html',
    'https://opsroom/index.html',
    'http://127.0.0.1:5173/',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    '',
    'garbage',
  ])('refuses %s', (url) => {
    expect(trusted({ url })).toBe(false);
  });

  it('refuses a missing frame', () => {
    expect(trusted(null)).toBe(false);
    expect(trusted(undefined)).toBe(false);
    expect(trusted({} as { url: string })).toBe(false);
  });

  it('trusts the dev server origin exactly, in development', () => {
    const dev = trustedSender('http://localhost:5173');
    expect(dev({ url: 'http://localhost:5173/index.html' })).toBe(true);
    expect(dev({ url: 'http://localhost:5174/' })).toBe(false);
    expect(dev({ url: 'https://localhost:5173/' })).toBe(false);
    expect(dev({ url: 'app://opsroom/index.html' })).toBe(false);
  });
});

describe('originOf', () => {
  it('computes scheme://host for non-special schemes too', () => {
    expect(originOf('app://opsroom/a/b')).toBe('app://opsroom');
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('javascript:alert(1)')).toBeNull();
    expect(isSameOrigin('app://opsroom/x', 'app://opsroom/')).toBe(true);
  });
});
