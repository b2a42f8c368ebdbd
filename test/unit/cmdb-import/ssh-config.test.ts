import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../main/cmdb/import/index';
import type { SshConfigOptions } from '../../../main/cmdb/import/index';
import { byName, fixture, fixtures, fsAccess, hostNames } from './helpers';

const sshDir = path.join(fixtures, 'ssh');
const options: SshConfigOptions = { ...fsAccess, baseDir: sshDir, homeDir: '/home/alice' };
const ssh = (text: string, opts: SshConfigOptions = {}) => parseImport('ssh-config', text, opts);

describe('ssh_config import', () => {
  const result = ssh(fixture('ssh/config'), options);

  it('imports declared hosts, included hosts and undeclared ProxyJump hops', () => {
    expect(result.errors).toEqual([]);
    expect(hostNames(result)).toEqual(
      ['bastion', 'db1', 'db2', 'git', 'hop1.example.com', 'hop2.example.com', 'inner-bastion', 'legacy', 'nas'].sort(),
    );
  });

  it('maps HostName, Port, User, IdentityFile with ~ and %-tokens expanded', () => {
    expect(byName(result, 'bastion').connection).toEqual({
      address: 'bastion.example.com',
      port: 2222,
      user: 'alice',
      identityFile: '/home/alice/.ssh/id_ed25519',
    });
    expect(byName(result, 'db2').connection?.address).toBe('db2.internal.example.com');
    expect(byName(result, 'legacy').connection?.identityFile).toBe('/home/alice/.ssh/legacy_root');
  });

  it('applies wildcard blocks as OpenSSH does: first obtained value wins', () => {
    expect(byName(result, 'db1').connection?.user).toBe('deploy');
    expect(byName(result, 'bastion').connection?.user).toBe('alice');
  });

  it('follows Include with globs, Key=Value and case-insensitive keywords; lines point at the Include', () => {
    const git = byName(result, 'git');
    expect(git.line).toBe(2);
    expect(git.connection).toEqual({
      address: 'git.example.com',
      user: 'git',
      identityFile: '/home/alice/.ssh/id_work key',
    });
    expect(byName(result, 'nas').connection).toMatchObject({ address: '192.168.1.10', port: 2200 });
  });

  it('chains ProxyJump hops: the hop next to the target is its jump host', () => {
    expect(byName(result, 'inner-bastion').connection?.jumpHost).toBe('bastion');
    expect(byName(result, 'db1').connection?.jumpHost).toBe('inner-bastion');
    expect(byName(result, 'legacy').connection?.jumpHost).toBe('hop2.example.com');
    expect(byName(result, 'hop2.example.com').connection?.jumpHost).toBe('hop1.example.com');
    expect(byName(result, 'hop1.example.com').connection).toEqual({ user: 'ops', port: 2200 });
  });

  it('reports wildcard Host blocks, Match blocks and unsupported keywords as notices', () => {
    const text = result.notices.map((n) => `${n.line} ${n.message}`).join('\n');
    expect(text).toMatch(/^24 Host \*\.example\.com !bastion\.example\.com/m);
    expect(text).toMatch(/^27 Match host/m);
    expect(text).toMatch(/^30 Host \*/m);
    expect(text).toMatch(/controlmaster is not imported/);
    expect(result.notices.filter((n) => /controlmaster/.test(n.message))).toHaveLength(1);
  });

  it('detects Include loops and the depth limit', () => {
    const files: Record<string, string> = { '/s/a': 'Include b\nHost fromA\n', '/s/b': 'Include a\n' };
    const r = ssh('Include a\nHost top\n', { baseDir: '/s', readFile: (p) => files[p] ?? null });
    expect(r.errors.some((e) => /Include loop/.test(e.message) && e.line === 1)).toBe(true);
    expect(hostNames(r)).toEqual(['fromA', 'top']);
    const deep = ssh('Include f\n', { baseDir: '/s', readFile: (p) => `Include ${path.basename(p)}x\n` });
    expect(deep.errors[0].message).toMatch(/16/);
  });

  it('notices an Include it cannot follow, and a missing file', () => {
    expect(ssh('Include x\nHost h\n').notices[0].message).toMatch(/not followed/);
    expect(ssh('Include x\n', { baseDir: '/s', readFile: () => null }).notices[0].message).toMatch(/not found/);
  });

  it('errors on bad ports and jump loops per host, and keeps the others', () => {
    const r = ssh('Host a\n  Port 0\nHost b\n  ProxyJump c\nHost c\n  ProxyJump b\nHost d\n  Port "22"\n');
    expect(hostNames(r)).toEqual(['d']);
    expect(r.errors.map((e) => e.name).sort()).toEqual(['a', 'b', 'c']);
    expect(r.errors.find((e) => e.name === 'a')?.line).toBe(2);
  });

  it('leaves unknown tokens as written with a notice', () => {
    const r = ssh('Host h\n  IdentityFile ~/.ssh/%u_%C\n');
    expect(byName(r, 'h').connection?.identityFile).toBe('~/.ssh/%u_%C');
    expect(r.notices.map((n) => n.message).join()).toMatch(/%u %C/);
  });

  it('ignores unknown keywords silently and reads ProxyCommand through a declared host', () => {
    const r = ssh('Host b\n  HostName b.example\nHost h\n  Frobnicate yes\n  ProxyCommand ssh -W %h:%p -q b.example\n');
    expect(r.notices).toEqual([]);
    expect(byName(r, 'h').connection?.jumpHost).toBe('b');
  });
});
