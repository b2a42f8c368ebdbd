import { describe, expect, it } from 'vitest';
import { allowedHosts, isAllowedHost } from '../../../main/serve/host-check';

describe('isAllowedHost', () => {
  const hosts = allowedHosts(4321);

  it.each(['127.0.0.1:4321', 'localhost:4321', 'LOCALHOST:4321', '[::1]:4321'])('accepts %s', (h) => {
    expect(isAllowedHost(h, hosts)).toBe(true);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['DNS rebinding name', 'evil.example:4321'],
    ['loopback as a subdomain prefix', '127.0.0.1.evil.com:4321'],
    ['localhost as a subdomain', 'localhost.evil.com:4321'],
    ['trailing-dot localhost', 'localhost.:4321'],
    ['wrong port', '127.0.0.1:4322'],
    ['no port', '127.0.0.1'],
    ['port with suffix', '127.0.0.1:43210'],
    ['userinfo trick', 'evil.example@127.0.0.1:4321'],
    ['userinfo the other way', '127.0.0.1:4321@evil.example'],
    ['leading space', ' 127.0.0.1:4321'],
    ['trailing garbage', '127.0.0.1:4321/'],
    ['decimal IP', '2130706433:4321'],
    ['other loopback address', '127.0.0.2:4321'],
    ['unbracketed IPv6', '::1:4321'],
    ['0.0.0.0', '0.0.0.0:4321'],
    ['duplicated header (array)', ['127.0.0.1:4321', 'evil.example:4321']],
    ['very long', 'a'.repeat(10_000)],
  ])('refuses %s', (_label, h) => {
    expect(isAllowedHost(h as string | string[] | undefined, hosts)).toBe(false);
  });

  it('admits the one extra bound address and nothing more', () => {
    const withExtra = allowedHosts(80, '192.0.2.7');
    expect(isAllowedHost('192.0.2.7:80', withExtra)).toBe(true);
    expect(isAllowedHost('192.0.2.8:80', withExtra)).toBe(false);
    expect(isAllowedHost('[fd00::1]:80', allowedHosts(80, 'fd00::1'))).toBe(true);
  });
});
