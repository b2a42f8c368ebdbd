import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { serviceClient, type CmdbClient } from '../../../main/cli/commands/cmdb/client';
import { exportCore } from '../../../main/cli/commands/cmdb/export';
import { guessFormat, importCore } from '../../../main/cli/commands/cmdb/import';
import { searchCore } from '../../../main/cli/commands/cmdb/search';
import { showCore } from '../../../main/cli/commands/cmdb/show';
import { seedCmdb } from '../../../main/demo/seed-cmdb';
import { openCmdb, type CmdbFixture } from '../../unit/cmdb/helpers';

let f: CmdbFixture;
let client: CmdbClient;
let stdout: string[];

beforeEach(() => {
  f = openCmdb();
  client = serviceClient(f.cmdb, f.jobs, 'tester');
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await f.close();
});

const text = () => stdout.join('');
const write = (name: string, content: string) => {
  const p = path.join(f.dir, name);
  fs.writeFileSync(p, content);
  return p;
};

const inventory = `[bastions]
bastion-01 ansible_host=10.0.0.1 ansible_user=ops

[web]
web-01 ansible_host=10.0.1.1 rack=r1
web-02 ansible_host=10.0.1.2 rack=r2

[db]
db-01 ansible_host=10.0.2.1

[prod:children]
web
db
`;

describe('opsroom cmdb import/search/show/export (cores over an open service)', () => {
  it('guesses formats from extension and content', () => {
    expect(guessFormat('hosts.csv', '')).toBe('csv');
    expect(guessFormat('inv.yml', '')).toBe('ansible-yaml');
    expect(guessFormat('/home/x/.ssh/config', '')).toBe('ssh-config');
    expect(guessFormat('hosts', '# c\n[web]\nweb-01\n')).toBe('ansible-ini');
    expect(guessFormat('dump', '{"cis": []}')).toBe('json');
    expect(guessFormat('x', 'Host web\n  HostName 1.2.3.4\n')).toBe('ssh-config');
  });

  it('dry run prints counts and writes nothing; the run imports; a re-run is unchanged', async () => {
    const file = write('hosts.ini', inventory);
    expect(await importCore(client, { file, dryRun: true, skipBadRows: false, map: [], env: 'prod' }, false)).toBe(0);
    expect(text()).toMatch(/ansible-ini: \d+ records — \d+ to create, 0 to update/);
    expect(f.cmdb.search.facets().total).toBe(0);
    stdout.length = 0;
    expect(await importCore(client, { file, dryRun: false, skipBadRows: false, map: [], env: 'prod' }, false)).toBe(0);
    expect(text()).toMatch(/imported: \d+ created, 0 updated/);
    const web = f.cmdb.resolve('web-01');
    expect(web.connection?.address).toBe('10.0.1.1');
    expect(web.environment).toBe('prod');
    const h = f.cmdb.history.list({ id: web.id, limit: 5 }).entries;
    expect(h[0]).toMatchObject({ op: 'create', actor: 'tester' });
    stdout.length = 0;
    await importCore(client, { file, dryRun: true, skipBadRows: false, map: [], env: 'prod' }, false);
    expect(text()).toMatch(/0 to create, 0 to update, \d+ unchanged/);
  });

  it('CSV with --map, bad rows listed with line numbers, exit 1; skip-bad-rows imports the rest', async () => {
    const file = write(
      'fleet.csv',
      'hostname,ip,kind,rackpos\nweb-01,10.0.0.1,host,r1\n,10.0.0.2,host,r2\nweb-03,10.0.0.3,service,r3\n',
    );
    expect(
      await importCore(
        client,
        { file, dryRun: true, skipBadRows: false, map: ['rackpos=fields.rack', 'kind=type'], env: undefined },
        false,
      ),
    ).toBe(1);
    expect(text()).toMatch(/line 3: /);
    expect(text()).toMatch(/line 4: .*cannot carry connection/);
    stdout.length = 0;
    expect(
      await importCore(
        client,
        { file, dryRun: false, skipBadRows: false, map: ['rackpos=fields.rack', 'kind=type'] },
        false,
      ),
    ).toBe(1);
    expect(text()).toMatch(/line 3: /);
    expect(f.cmdb.search.facets().total).toBe(0);
    stdout.length = 0;
    expect(
      await importCore(
        client,
        { file, dryRun: false, skipBadRows: true, map: ['rackpos=fields.rack', 'kind=type'] },
        false,
      ),
    ).toBe(1);
    expect(text()).toMatch(/1 created/);
    expect(f.cmdb.resolve('web-01').fields).toEqual({ rack: 'r1' });
  });

  it('search prints a table; show prints fields, relations both ways and blast radius', async () => {
    seedCmdb(f.cmdb, f.ctx);
    expect(
      await searchCore(client, { text: 'web', types: [], envs: ['prod'], tags: ['fra1'], limit: 50, json: false }),
    ).toBe(0);
    const lines = text().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+ENV\s+STATUS\s+ADDRESS$/);
    expect(text()).toMatch(/web-01\.fra1\s+host\s+prod\s+active\s+web-01\.fra1\.demo\.invalid/);
    stdout.length = 0;
    expect(await showCore(client, 'db-01.fra1', false)).toBe(0);
    const shown = text();
    expect(shown).toMatch(/rack\s+fra1-r2/);
    expect(shown).toMatch(/hosted_in → fra1 \(site\)/);
    expect(shown).toMatch(/runs ← postgres-prod-fra1 \(database\)/);
    expect(shown).toMatch(/jump host\s+bastion-01\.fra1/);
    expect(shown).toMatch(/blast radius\s+([1-9]\d*) CIs may be impacted/);
    stdout.length = 0;
    await showCore(client, 'db-01.fra1', true);
    expect(JSON.parse(text()).blastRadius.total).toBeGreaterThanOrEqual(5);
  });

  it('JSON export imports back exactly into another workspace', async () => {
    seedCmdb(f.cmdb, f.ctx);
    const out = path.join(f.dir, 'export.json');
    expect(await exportCore(client, { format: 'json', out })).toBe(0);
    const g = openCmdb();
    try {
      const gc = serviceClient(g.cmdb, g.jobs);
      expect(await importCore(gc, { file: out, dryRun: false, skipBadRows: false, map: [] }, false)).toBe(0);
      const strip = (c: { createdAt: number; updatedAt: number; version: number }) => ({
        ...c,
        createdAt: 0,
        updatedAt: 0,
        version: 0,
      });
      const all = (x: CmdbFixture) => x.cmdb.search.all(undefined).map(strip);
      expect(all(g)).toEqual(all(f));
      const rels = (x: CmdbFixture) =>
        x.cmdb.relations
          .among(null)
          .map((r) => `${r.type}:${r.fromId}:${r.toId}`)
          .sort();
      expect(rels(g)).toEqual(rels(f));
      const p = await g.cmdb.previewImport({
        format: 'json',
        content: fs.readFileSync(out, 'utf8'),
        fileName: 'x',
        options: { defaults: {}, importKeys: [] },
      });
      expect(p.create + p.update).toBe(0);
    } finally {
      await g.close();
    }
  });
});

describe('demo estate', () => {
  it('has two sites, ~40 hosts, chains, backups and prod jump hosts', () => {
    const r = seedCmdb(f.cmdb, f.ctx);
    const facets = f.cmdb.search.facets();
    expect(facets.types.find((t) => t.value === 'host')?.count).toBe(40);
    expect(facets.types.find((t) => t.value === 'site')?.count).toBe(2);
    expect(r.relations).toBeGreaterThan(60);
    const db = f.cmdb.resolve('db-01.fra1');
    const br = f.cmdb.graph.blastRadius({ id: db.id, maxDepth: 20, limit: 1000 });
    expect(br.impacted.map((x) => x.name)).toEqual(
      expect.arrayContaining(['postgres-prod-fra1', 'checkout-api-prod-fra1', 'shop-prod-fra1']),
    );
    const repo = f.cmdb.resolve('backup-repo-fra1');
    expect(
      f.cmdb.graph
        .blastRadius({ id: repo.id, maxDepth: 1, limit: 100 })
        .impacted.map((x) => x.name)
        .sort(),
    ).toEqual(['postgres-prod-fra1', 'redis-prod-fra1']);
    expect(f.cmdb.get({ id: db.id }).jumpHost?.name).toBe('bastion-01.fra1');
  });
});
