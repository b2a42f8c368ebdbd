import { describe, expect, it } from 'vitest';
import { hashHost } from '../../../main/ssh/known-hosts/hashed';
import { verdictFor } from '../../../main/ssh/known-hosts/lookup';
import { hostString, hostsMatch, matchPattern, matchPatternList } from '../../../main/ssh/known-hosts/matcher';
import { parseKnownHosts } from '../../../main/ssh/known-hosts/parser';
import { ECDSA, ED25519, HASHED_DB_2222, HASHED_EXAMPLE_COM } from './fixtures';

const p = (pattern: string, negated = false) => ({ pattern, negated });

describe('OpenSSH pattern semantics', () => {
  it.each([
    ['web1', 'web1', true],
    ['web1', 'web2', false],
    ['web1.example.com', '*.example.com', true],
    ['example.com', '*.example.com', false],
    ['web12', 'web?', false],
    ['web1', 'web?', true],
    ['WEB1.Example.COM', 'web1.example.com', true],
    ['[db]:2222', '[db]:*', true],
    ['[db]:2222', 'db', false],
    ['anything', '*', true],
    ['', '*', true],
    ['a*b', 'a*b', true],
    ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac', '*a*a*a*a*a*a*a*a*a*a*b', false],
  ])('%s vs %s → %s', (s, pat, want) => {
    expect(matchPattern(s, pat)).toBe(want);
  });

  it('a negated match wins over a positive one', () => {
    const list = [p('*.example.com'), p('bad.example.com', true)];
    expect(matchPatternList('good.example.com', list)).toBe(1);
    expect(matchPatternList('bad.example.com', list)).toBe(-1);
    expect(matchPatternList('other.org', list)).toBe(0);
    expect(matchPatternList('x', [p('x', true)])).toBe(-1);
  });

  it('looks up [host]:port for non-22 ports, like ssh', () => {
    expect(hostString('Web1', 22)).toBe('web1');
    expect(hostString('web1', 2222)).toBe('[web1]:2222');
    expect(hostsMatch([p('web1')], 'web1', 22)).toBe(true);
    expect(hostsMatch([p('web1')], 'web1', 2222)).toBe(false);
    expect(hostsMatch([p('[web1]:2222')], 'web1', 2222)).toBe(true);
  });
});

describe('hashed hosts', () => {
  it('matches ssh-keygen -H output for the host it hashed and nothing else', () => {
    const r = parseKnownHosts(
      `${HASHED_EXAMPLE_COM} ssh-ed25519 ${ED25519}\n${HASHED_DB_2222} ecdsa-sha2-nistp256 ${ECDSA}`,
    );
    const [a, b] = r.entries;
    expect(hostsMatch(a.hosts, 'example.com')).toBe(true);
    expect(hostsMatch(a.hosts, 'EXAMPLE.com', 22)).toBe(true);
    expect(hostsMatch(a.hosts, 'example.org')).toBe(false);
    expect(hostsMatch(a.hosts, 'example.com', 2222)).toBe(false);
    expect(hostsMatch(b.hosts, 'db.example.com', 2222)).toBe(true);
    expect(hostsMatch(b.hosts, 'db.example.com', 22)).toBe(false);
  });
  it('is HMAC-SHA1 keyed by the salt', () => {
    const salt = Buffer.from('badTLiVmci/AXcYTcIjP8Lu3CXg=', 'base64');
    expect(hashHost('example.com', salt).toString('base64')).toBe('OPfrfgrlGL6o3UWVT/GL7gkXsvA=');
  });
});

describe('verdictFor', () => {
  const ed = Buffer.from(ED25519, 'base64');
  const ec = Buffer.from(ECDSA, 'base64');

  it('trusted, changed (same type, other key), unknown (no key of that type)', () => {
    const other = Buffer.concat([ed.subarray(0, ed.length - 1), Buffer.from([ed[ed.length - 1] ^ 1])]);
    const { entries } = parseKnownHosts(
      `web1 ssh-ed25519 ${ED25519}\n[web2]:2222 ssh-ed25519 ${other.toString('base64')}`,
    );
    expect(verdictFor(entries, 'web1', 22, ed).status).toBe('trusted');
    expect(verdictFor(entries, 'web2', 2222, ed)).toMatchObject({ status: 'changed', known: [{ line: 2 }] });
    expect(verdictFor(entries, 'web1', 22, ec)).toMatchObject({ status: 'unknown', otherTypes: [{ line: 1 }] });
    expect(verdictFor(entries, 'web3', 22, ed)).toEqual({ status: 'unknown', otherTypes: [] });
  });

  it('a revoked key is refused for every host, even one that lists it as trusted', () => {
    const { entries } = parseKnownHosts(`web1 ssh-ed25519 ${ED25519}\n@revoked old.example.com ssh-ed25519 ${ED25519}`);
    expect(verdictFor(entries, 'web1', 22, ed)).toMatchObject({ status: 'revoked', entry: { line: 2 } });
  });
});
