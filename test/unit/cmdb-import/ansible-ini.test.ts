import { describe, expect, it } from 'vitest';
import { expandHostRange, splitHostPort } from '../../../main/cmdb/import/ansible-ranges';
import { parseImport } from '../../../main/cmdb/import/index';
import { OpsError } from '../../../shared/api/errors';
import { byName, fixture, hostNames } from './helpers';

const ini = (text: string) => parseImport('ansible-ini', text, {});

describe('ansible INI inventory', () => {
  const result = ini(fixture('inventory.ini'));

  it('reads the 31-host fixture with children and ranges, without problems', () => {
    expect(result.errors).toEqual([]);
    expect(hostNames(result)).toHaveLength(31);
    expect(hostNames(result)).toContain('web07.example.com');
    expect(hostNames(result)).toContain('app-f.example.com');
    expect(hostNames(result)).not.toContain('web13.example.com');
  });

  it('maps connection vars, group vars (host vars win), typed fields and environment', () => {
    const db = byName(result, 'db01.example.com');
    expect(db.connection).toEqual({ user: 'deploy', address: '10.0.3.11' });
    expect(db.fields).toEqual({ ntp_server: 'ntp.internal', rack: 'r12', backup: true });
    expect(db.environment).toBe('production');
    expect(byName(result, 'db02.example.com').fields?.backup).toBe(false);
    expect(byName(result, 'db03.example.com').fields?.rack).toBe('r 15');
    expect(byName(result, 'db03.example.com').connection?.identityFile).toBe('~/.ssh/db_ed25519');
    expect(byName(result, 'web01.example.com').fields).toEqual({
      ntp_server: 'ntp.internal',
      http_port: 8080,
      role: 'frontend',
    });
    expect(byName(result, 'stage-db1.example.com').connection?.user).toBe('admin');
    expect(byName(result, 'bastion.example.com').connection).toEqual({
      user: 'deploy',
      address: '203.0.113.10',
      port: 2222,
    });
  });

  it('tags hosts with direct and inherited groups and relates them to direct groups', () => {
    const web = byName(result, 'web03.example.com');
    expect(web.tags).toEqual(['production', 'web']);
    expect(web.relations).toEqual([{ type: 'member_of', to: 'web', toType: 'group' }]);
    expect(byName(result, 'bastion.example.com').tags).toEqual([]);
    const group = byName(result, 'web', 'group');
    expect(group.relations).toEqual([{ type: 'member_of', to: 'production', toType: 'group' }]);
    expect(byName(result, 'production', 'group').environment).toBe('production');
  });

  it('resolves a ProxyJump in ansible_ssh_common_args to the inventory host with that address', () => {
    expect(byName(result, 'app-c.example.com').connection?.jumpHost).toBe('bastion.example.com');
  });

  it('merges a host listed in several groups', () => {
    const r = ini('[a]\nh1 x=1\n[b]\nh1 y=2 x=3\n[c:children]\na\n');
    expect(r.records.filter((x) => x.name === 'h1')).toHaveLength(1);
    const h = byName(r, 'h1');
    expect(h.fields).toEqual({ x: 3, y: 2 });
    expect(h.tags?.sort()).toEqual(['a', 'b', 'c']);
    expect(h.line).toBe(2);
  });

  it('deeper group vars win over shallower ones', () => {
    const r = ini('[parent:children]\nchild\n[child]\nh\n[parent:vars]\nk=parent\n[child:vars]\nk=child\n');
    expect(byName(r, 'h').fields?.k).toBe('child');
  });

  it('reports bad ports, bad headers, bad vars and group loops with their lines', () => {
    const r = ini(
      '[web]\nw1 ansible_port=99999\nw2 oops\n[x:bogus]\nh\n[a:children]\nb\n[b:children]\na\n[g:vars]\nnoequals\nw3 ansible_port=22\n',
    );
    expect(r.errors.map((e) => e.line).sort((a, b) => a - b)).toEqual([2, 3, 4, 9, 11, 12]);
    expect(r.errors.find((e) => e.line === 2)?.message).toMatch(/99999/);
    expect(hostNames(r)).toEqual([]);
  });

  it('keeps quoted values as text and reads unquoted numbers and booleans', () => {
    const r = ini('h a=1 b="1" c=true d=\'false\' e=1.5 f=007 g="with space"\n');
    expect(byName(r, 'h').fields).toEqual({ a: 1, b: '1', c: true, d: 'false', e: 1.5, f: '007', g: 'with space' });
  });

  it('reads host:port and refuses an unterminated quote on its line only', () => {
    const r = ini('jump:2200\nbad a="open\nok\n');
    expect(byName(r, 'jump').connection?.port).toBe(2200);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].line).toBe(2);
    expect(hostNames(r)).toEqual(['jump', 'ok']);
  });

  it('caps range expansion with an error instead of creating the hosts', () => {
    const r = ini('[big]\nh[0:99999]\nsmall[1:2]\n');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 2 });
    expect(r.errors[0].message).toMatch(/10,000/);
    expect(hostNames(r)).toEqual(['small1', 'small2']);
  });

  it('refuses binary content as unreadable', () => {
    expect(() => ini('h1\n\u0000\n')).toThrow(OpsError);
  });
});

describe('host ranges', () => {
  it('expands numeric, zero-padded, stepped, alphabetic and multiple ranges', () => {
    expect(expandHostRange('web[01:03].x')).toEqual({ names: ['web01.x', 'web02.x', 'web03.x'] });
    expect(expandHostRange('n[1:10:4]')).toEqual({ names: ['n1', 'n5', 'n9'] });
    expect(expandHostRange('db-[a:c]')).toEqual({ names: ['db-a', 'db-b', 'db-c'] });
    expect(expandHostRange('r[1:2]c[a:b]')).toEqual({ names: ['r1ca', 'r1cb', 'r2ca', 'r2cb'] });
    expect(expandHostRange('plain')).toEqual({ names: ['plain'] });
  });
  it('refuses backwards, mixed-width and oversized ranges', () => {
    expect(expandHostRange('h[5:1]')).toHaveProperty('problem');
    expect(expandHostRange('h[01:100]')).toHaveProperty('problem');
    expect(expandHostRange('h[1:200]x[1:200]')).toHaveProperty('problem');
    expect(expandHostRange('h[1:x]')).toHaveProperty('problem');
  });
  it('splits host:port but not ranges or IPv6', () => {
    expect(splitHostPort('h:22')).toEqual({ host: 'h', port: '22' });
    expect(splitHostPort('w[1:3]')).toEqual({ host: 'w[1:3]', port: null });
    expect(splitHostPort('w[1:3]:22')).toEqual({ host: 'w[1:3]', port: '22' });
    expect(splitHostPort('fe80::1')).toEqual({ host: 'fe80::1', port: null });
    expect(splitHostPort('[fe80::1]:22')).toEqual({ host: 'fe80::1', port: '22' });
  });
});
