import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportCis, type ExportData } from '../../../main/cmdb/export/index';
import { groupNamer, hostKey } from '../../../main/cmdb/export/ansible-names';
import { parseImport } from '../../../main/cmdb/import/index';
import { connectableTypes, type Ci } from '../../../shared/api/cmdb-model';
import { exportDataArb } from './arbitraries';

const ci = (id: string, name: string, type: string, extra: Partial<Ci> = {}): Ci => ({
  id,
  type,
  name,
  description: '',
  ownerTeam: null,
  ownerPerson: null,
  environment: null,
  status: 'active',
  criticality: null,
  tags: [],
  fields: {},
  connection: null,
  createdAt: 0,
  updatedAt: 0,
  version: 1,
  ...extra,
});
const conn = (
  address: string | null,
  port: number | null = null,
  user: string | null = null,
  jumpHostId: string | null = null,
) => ({
  address,
  port,
  user,
  credentialId: null,
  jumpHostId,
});

const fleet: ExportData = {
  cis: [
    ci('b', 'bastion', 'host', { connection: conn('203.0.113.10', 2222, 'ops'), environment: 'production' }),
    ci('w1', 'web01', 'host', {
      connection: conn('10.0.0.1', 22, 'deploy', 'b'),
      environment: 'production',
      fields: { rack: 'r1', cores: 8, 'bad-key': true },
    }),
    ci('w2', 'web02', 'vm', { connection: conn('10.0.0.2'), environment: 'staging' }),
    ci('sw', 'core switch', 'network-device', { connection: conn('10.0.0.254') }),
    ci('g', 'web servers', 'group'),
    ci('all', 'all', 'group'),
    ci('svc', 'checkout', 'service'),
  ],
  relations: [
    { type: 'member_of', fromId: 'w1', toId: 'g' },
    { type: 'member_of', fromId: 'w2', toId: 'g' },
    { type: 'member_of', fromId: 'w2', toId: 'all' },
    { type: 'depends_on', fromId: 'svc', toId: 'w1' },
  ],
  exportedAt: 0,
};

describe('Ansible YAML export', () => {
  const { content, fileName } = exportCis('ansible-yaml', fleet);

  it('groups connectable hosts by member_of group and environment, with sanitised group names', () => {
    expect(fileName).toBe('opsroom-inventory-1970-01-01.yml');
    const r = parseImport('ansible-yaml', content, {});
    expect(r.errors).toEqual([]);
    const hosts = r.records.filter((x) => x.type === 'host');
    expect(hosts.map((h) => h.name).sort()).toEqual(['bastion', 'core_switch', 'web01', 'web02']);
    const web01 = hosts.find((h) => h.name === 'web01');
    expect(web01?.tags?.sort()).toEqual(['production', 'web_servers']);
    expect(web01?.connection).toEqual({ address: '10.0.0.1', port: 22, user: 'deploy', jumpHost: 'bastion' });
    expect(web01?.environment).toBe('production');
    expect(web01?.fields).toMatchObject({ rack: 'r1', cores: 8, bad_key: true });
    expect(hosts.find((h) => h.name === 'web02')?.tags?.sort()).toEqual(['all_group', 'staging', 'web_servers']);
    expect(content).not.toMatch(/checkout/);
  });

  it('sanitises names', () => {
    const name = groupNamer();
    expect(name('web servers')).toBe('web_servers');
    expect(name('web-servers')).toBe('web_servers_2');
    expect(name('web servers')).toBe('web_servers');
    expect(name('9lives')).toBe('g_9lives');
    expect(name('ungrouped')).toBe('ungrouped_group');
    expect(hostKey('db[1:2]:22')).toBe('db_1_2__22');
  });

  it('re-imports generated inventories with the same host set', () => {
    fc.assert(
      fc.property(exportDataArb, (data) => {
        const out = exportCis('ansible-yaml', data).content;
        const r = parseImport('ansible-yaml', out, {});
        expect(r.errors).toEqual([]);
        const expected = data.cis.filter((c) => connectableTypes.includes(c.type)).map((c) => hostKey(c.name));
        expect(
          r.records
            .filter((x) => x.type === 'host')
            .map((x) => x.name)
            .sort(),
        ).toEqual([...new Set(expected)].sort());
      }),
      { numRuns: 300 },
    );
  });

  // .ci/run installs ansible-core: a missing tool fails here rather than skipping.
  it('is accepted by ansible-inventory, listing the same hosts and vars', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-ansible-'));
    try {
      const samples = [fleet, ...fc.sample(exportDataArb, { numRuns: 3, seed: 42 })];
      for (const data of samples) {
        const file = path.join(dir, 'inventory.yml');
        const text = exportCis('ansible-yaml', data).content;
        fs.writeFileSync(file, text);
        const listed = JSON.parse(
          execFileSync('ansible-inventory', ['-i', file, '--list'], {
            encoding: 'utf8',
            env: { ...process.env, ANSIBLE_INVENTORY_UNPARSED_FAILED: 'true', ANSIBLE_NOCOLOR: '1' },
          }),
        ) as { _meta: { hostvars: Record<string, Record<string, unknown>> } };
        const ours = parseImport('ansible-yaml', text, {}).records.filter((x) => x.type === 'host');
        expect(Object.keys(listed._meta.hostvars).sort()).toEqual(ours.map((h) => h.name).sort());
        for (const h of ours) {
          const vars = listed._meta.hostvars[h.name] ?? {};
          if (h.connection?.address) expect(vars.ansible_host).toBe(h.connection.address);
          if (h.connection?.port) expect(vars.ansible_port).toBe(h.connection.port);
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
