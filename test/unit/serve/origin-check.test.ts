import { describe, expect, it } from 'vitest';
import { allowedOrigins, isAllowedOrigin } from '../../../main/serve/origin-check';

describe('isAllowedOrigin', () => {
  const origins = allowedOrigins(5000);

  it.each(['http://127.0.0.1:5000', 'http://localhost:5000', 'http://[::1]:5000', 'HTTP://LOCALHOST:5000'])(
    'accepts %s',
    (o) => {
      expect(isAllowedOrigin(o, origins)).toBe(true);
    },
  );

  it.each([
    ['missing', undefined],
    ['null (sandboxed frame, file://)', 'null'],
    ['empty', ''],
    ['foreign site', 'http://evil.example'],
    ['foreign site on our port', 'http://evil.example:5000'],
    ['rebinding-style subdomain', 'http://127.0.0.1.evil.com:5000'],
    ['https scheme', 'https://127.0.0.1:5000'],
    ['ws scheme', 'ws://127.0.0.1:5000'],
    ['wrong port', 'http://127.0.0.1:5001'],
    ['no port', 'http://127.0.0.1'],
    ['trailing slash', 'http://127.0.0.1:5000/'],
    ['userinfo', 'http://evil@127.0.0.1:5000'],
    ['file origin', 'file://'],
    ['array', ['http://127.0.0.1:5000']],
  ])('refuses %s', (_label, o) => {
    expect(isAllowedOrigin(o as string | string[] | undefined, origins)).toBe(false);
  });
});
