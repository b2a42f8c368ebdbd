import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImport } from '../../../main/cmdb/import/index';
import { OpsError } from '../../../shared/api/errors';
import { byName, fixture, fixtures, hostNames } from './helpers';

const yml = (text: string) => parseImport('ansible-yaml', text, {});

describe('ansible YAML inventory', () => {
  it('gives exactly the records of its INI twin (but for line numbers)', () => {
    const strip = (text: string, format: 'ansible-ini' | 'ansible-yaml') =>
      parseImport(format, text, {})
        .records.map(({ line: _line, ...r }) => r)
        .sort((a, b) => `${a.type} ${a.name}`.localeCompare(`${b.type} ${b.name}`));
    const fromYaml = strip(fixture('inventory.yml'), 'ansible-yaml');
    expect(fromYaml).toHaveLength(38);
    expect(fromYaml).toEqual(strip(fixture('inventory.ini'), 'ansible-ini'));
  });

  it('points records at the line of their key', () => {
    const r = yml(fixture('inventory.yml'));
    expect(r.errors).toEqual([]);
    expect(byName(r, 'db02.example.com').line).toBe(28);
    expect(byName(r, 'web05.example.com').line).toBe(17);
  });

  it('accepts null hosts, nested children and an empty document', () => {
    const r = yml(
      'all:\n  children:\n    a:\n      children:\n        b:\n          hosts:\n            h1:\n            h2: ~\n',
    );
    expect(hostNames(r)).toEqual(['h1', 'h2']);
    expect(byName(r, 'h1').tags).toEqual(['a', 'b']);
    expect(yml('')).toEqual({ records: [], errors: [], notices: [] });
    expect(yml('# nothing\n').records).toEqual([]);
  });

  it('keeps structured vars as JSON text and reports bad shapes per line', () => {
    const r = yml(
      'all:\n  hosts:\n    h1:\n      list: [1, 2]\n      ansible_port: abc\n    h2: [oops]\n    h3:\n      ok: yes\n  weird: 1\n',
    );
    expect(r.errors.map((e) => e.line).sort()).toEqual([5, 6]);
    expect(r.notices.map((n) => n.line)).toEqual([9]);
    expect(hostNames(r)).toEqual(['h3']);
    const withList = yml('all:\n  hosts:\n    h1:\n      list: [1, 2]\n');
    expect(byName(withList, 'h1').fields).toEqual({ list: '[1,2]' });
  });

  it('turns YAML syntax errors into OpsError with the line', () => {
    try {
      yml('all:\n  hosts:\n    h1: {\n  bad\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OpsError);
      expect((e as OpsError).details).toMatchObject({ line: expect.any(Number) });
      expect((e as OpsError).message).toMatch(/^line \d+: YAML/);
    }
    expect(() => yml('- a\n- b\n')).toThrow(/mapping of groups/);
  });

  it('survives alias bombs', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}]`,
      );
    const text = `all:\n  vars:\n${bomb.map((l) => `    ${l}`).join('\n')}\n  hosts:\n    h1:\n`;
    const r = yml(text);
    expect(r.errors.length).toBeGreaterThan(0);
  });
});

describe('against real Ansible', () => {
  it.each(['inventory.ini', 'inventory.yml'])(
    '%s lists the same hosts and connection vars as ansible-inventory',
    (name) => {
      const listed = JSON.parse(
        execFileSync('ansible-inventory', ['-i', path.join(fixtures, name), '--list'], {
          encoding: 'utf8',
          env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
        }),
      ) as { _meta: { hostvars: Record<string, Record<string, unknown>> } };
      const ours = parseImport(name.endsWith('.ini') ? 'ansible-ini' : 'ansible-yaml', fixture(name), {});
      expect(hostNames(ours)).toEqual(Object.keys(listed._meta.hostvars).sort());
      for (const [host, vars] of Object.entries(listed._meta.hostvars)) {
        const rec = byName(ours, host);
        expect(rec.connection?.address ?? undefined).toBe(vars.ansible_host);
        expect(rec.connection?.user ?? undefined).toBe(vars.ansible_user);
        expect(rec.environment ?? undefined).toBe(vars.env);
        expect(rec.fields?.rack).toBe(vars.rack);
      }
    },
  );
});
