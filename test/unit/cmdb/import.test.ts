import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportRecord, ParseResult } from '../../../main/cmdb/import/types';
import type { RecordsSource } from '../../../main/cmdb/import-service';
import type { JobContext } from '../../../main/jobs/runner';
import type { ImportResult } from '../../../shared/api/cmdb';
import { OpsError } from '../../../shared/api/errors';
import { openCmdb, type CmdbFixture } from './helpers';

let f: CmdbFixture;
beforeEach(() => {
  f = openCmdb();
});
afterEach(async () => {
  await f.close();
});

function source(
  records: ImportRecord[],
  errors: ParseResult['errors'] = [],
  options: Partial<RecordsSource['options']> = {},
): RecordsSource {
  return {
    format: 'ansible-ini',
    content: '',
    fileName: 'inventory.ini',
    options: { defaults: {}, importKeys: [], ...options },
    parsed: { records, errors, notices: [{ line: 1, message: 'wildcard Host * ignored', name: null }] },
  };
}

const estate = (): ImportRecord[] => [
  {
    line: 1,
    type: 'host',
    name: 'bastion',
    environment: 'prod',
    connection: { address: '10.0.0.1', port: 22, user: 'ops' },
  },
  {
    line: 2,
    type: 'host',
    name: 'web-01',
    tags: ['web'],
    fields: { rack: 'r1' },
    connection: { address: '10.0.0.2', jumpHost: 'bastion' },
  },
  {
    line: 3,
    type: 'host',
    name: 'web-02',
    tags: ['web'],
    connection: { address: '10.0.0.3', jumpHost: 'bastion' },
    relations: [{ type: 'member_of', to: 'webservers' }],
  },
  { line: 4, type: 'group', name: 'webservers' },
];

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function runJob(src: RecordsSource, mode: 'all-or-nothing' | 'skip-bad-rows') {
  const job = await f.cmdb.runImport(src, mode, f.ctx);
  return f.jobs.wait(job.id);
}

function count(table: string): number {
  return (f.workspace.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('import preview', () => {
  it('counts what a run would do and writes nothing', async () => {
    f.workspace.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = [sha(f.file), fs.existsSync(f.file + '-wal') ? sha(f.file + '-wal') : ''];
    const p = await f.cmdb.previewImport(source(estate()));
    expect(p).toMatchObject({ records: 4, create: 4, update: 0, unchanged: 0, relations: 1, errors: [] });
    expect(p.notices).toHaveLength(1);
    expect(p.sample[1]).toMatchObject({
      line: 2,
      action: 'create',
      name: 'web-01',
      address: '10.0.0.2',
      tags: ['web'],
    });
    f.workspace.db.pragma('wal_checkpoint(TRUNCATE)');
    expect([sha(f.file), fs.existsSync(f.file + '-wal') ? sha(f.file + '-wal') : '']).toEqual(before);
    expect(count('cmdb_cis') + count('cmdb_field_defs')).toBe(0);
  });

  it('lists per-row errors with line numbers, including unresolved references', async () => {
    const recs = estate();
    recs[0]!.status = 'exploded';
    const p = await f.cmdb.previewImport(source(recs, [{ line: 9, message: 'bad line', name: null }]));
    expect(p.errors.map((e) => e.line)).toEqual([1, 2, 3, 9]);
    expect(p.errors[1]!.message).toMatch(/jump host bastion is neither in this file nor in the inventory/);
    expect(p.create).toBe(1);
  });

  it('lists identity files with whether they exist', async () => {
    const recs: ImportRecord[] = [
      { line: 1, type: 'host', name: 'a', connection: { identityFile: '/nonexistent/key' } },
      { line: 2, type: 'host', name: 'b', connection: { identityFile: '/nonexistent/key' } },
    ];
    const p = await f.cmdb.previewImport({ ...source(recs), format: 'ssh-config' });
    expect(p.identityFiles).toEqual([{ path: '/nonexistent/key', hosts: ['a', 'b'], exists: false, inVault: false }]);
  });
});

describe('import run', () => {
  it('creates, resolves jump hosts and relations by name, and records history per CI', async () => {
    const job = await runJob(source(estate()), 'all-or-nothing');
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({
      created: 4,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      relations: 1,
      keysImported: 0,
    });
    const web = f.cmdb.resolve('web-01');
    const bastion = f.cmdb.resolve('bastion');
    expect(web.connection?.jumpHostId).toBe(bastion.id);
    expect(f.cmdb.get({ id: f.cmdb.resolve('webservers').id }).incoming.map((r) => r.from.name)).toEqual(['web-02']);
    const h = f.cmdb.history.list({ limit: 100 }).entries;
    expect(h).toHaveLength(4);
    expect(h.every((e) => e.op === 'create' && e.actor === 'alice' && e.auditSeq === 42)).toBe(true);
    expect(h.find((e) => e.ciName === 'web-01')!.after).toMatchObject({ connection: { jumpHostId: bastion.id } });
  });

  it('re-import updates in place and counts unchanged', async () => {
    await runJob(source(estate()), 'all-or-nothing');
    const id = f.cmdb.resolve('web-01').id;
    f.cmdb.update({ id, version: 1, patch: { description: 'kept by hand' } }, f.ctx);
    const again = estate();
    again[1]!.tags = ['web', 'canary'];
    const p = await f.cmdb.previewImport(source(again));
    expect(p).toMatchObject({ create: 0, update: 1, unchanged: 3, relations: 0 });
    const job = await runJob(source(again), 'all-or-nothing');
    expect(job.result).toMatchObject({ created: 0, updated: 1, unchanged: 3, relations: 0 });
    const web = f.cmdb.require(id);
    expect(web).toMatchObject({ tags: ['web', 'canary'], description: 'kept by hand', version: 3 });
    expect(count('cmdb_cis')).toBe(4);
  });

  it('all-or-nothing: any bad row fails the job and writes nothing', async () => {
    const recs = estate();
    recs.push({ line: 7, type: 'host', name: 'bad host\u0001' });
    const job = await runJob(source(recs), 'all-or-nothing');
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('bad_input');
    expect(job.error?.message).toMatch(/line 7: .*control characters/);
    expect(count('cmdb_cis') + count('cmdb_ci_history') + count('cmdb_relations') + count('cmdb_ci_fts')).toBe(0);
  });

  it('skip-bad-rows: writes the good rows, lists the bad ones and what depended on them', async () => {
    const recs = estate();
    recs[0]!.fields = { 'bad key!': 1 };
    const job = await runJob(source(recs), 'skip-bad-rows');
    expect(job.state).toBe('succeeded');
    const r = job.result as ImportResult;
    expect(r.created).toBe(1); // only the group: both web hosts jump through the refused bastion
    expect(r.skipped).toBe(3);
    expect(r.errors.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(f.cmdb.resolve('webservers').type).toBe('group');
  });

  it('refuses a jump host cycle made in the file', async () => {
    const recs: ImportRecord[] = [
      { line: 1, type: 'host', name: 'a', connection: { jumpHost: 'b' } },
      { line: 2, type: 'host', name: 'b', connection: { jumpHost: 'a' } },
      { line: 3, type: 'host', name: 'c', connection: { jumpHost: 'c' } },
    ];
    const p = await f.cmdb.previewImport(source(recs));
    expect(p.errors.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(p.errors[0]!.message).toMatch(/cycle/);
  });

  it('refuses a duplicate name in the file', async () => {
    const p = await f.cmdb.previewImport(source([...estate(), { line: 9, type: 'host', name: 'web-01' }]));
    expect(p.errors).toEqual([{ line: 9, message: 'web-01 is listed twice (first at line 2)', name: 'web-01' }]);
  });

  it('applies defaults to new CIs only', async () => {
    const job = await runJob(
      source([{ line: 1, type: 'host', name: 'x' }], [], { defaults: { environment: 'lab', ownerTeam: 'sre' } }),
      'all-or-nothing',
    );
    expect(job.state).toBe('succeeded');
    expect(f.cmdb.resolve('x')).toMatchObject({ environment: 'lab', ownerTeam: 'sre' });
  });

  it('a cancel during the write rolls everything back', async () => {
    const recs: ImportRecord[] = Array.from({ length: 1000 }, (_, i) => ({
      line: i + 1,
      type: 'host',
      name: `h-${i}`,
      tags: ['bulk'],
    }));
    let writing = false;
    let chunks = 0;
    const jctx: JobContext = {
      id: 'j',
      signal: new AbortController().signal,
      progress(_done, _total, message) {
        if (message === 'writing') writing = true;
      },
      log() {},
      throwIfCancelled() {
        // the write phase checks once per ~1%: cancel a few chunks into it, with rows already inserted
        if (writing && ++chunks > 3) {
          expect(count('cmdb_cis')).toBeGreaterThan(0);
          throw new OpsError('cancelled', 'The job was cancelled.');
        }
      },
    };
    await expect(f.cmdb.imports.execute(source(recs), 'all-or-nothing', f.ctx, jctx)).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(
      count('cmdb_cis') +
        count('cmdb_ci_history') +
        count('cmdb_ci_tags') +
        count('cmdb_ci_fts') +
        count('cmdb_field_defs'),
    ).toBe(0);
  });

  it('a cancel through the job runner leaves nothing behind', async () => {
    const recs: ImportRecord[] = Array.from({ length: 20_000 }, (_, i) => ({
      line: i + 1,
      type: 'host',
      name: `h-${i}`,
    }));
    const job = await f.cmdb.runImport(source(recs), 'all-or-nothing', f.ctx);
    await new Promise((r) => setTimeout(r, 5));
    f.jobs.cancel(job.id);
    const done = await f.jobs.wait(job.id);
    expect(done.state).toBe('cancelled');
    expect(count('cmdb_cis')).toBe(0);
  });

  it('importKeys needs the vault unlocked before anything starts', async () => {
    const g = openCmdb({
      vault: {
        describe: () => null,
        importKeyFile: () => Promise.reject(new Error('x')),
        isUnlocked: () => false,
        listSecrets: () => [],
      },
    });
    try {
      const src = source([{ line: 1, type: 'host', name: 'a', connection: { identityFile: '~/.ssh/id' } }], [], {
        importKeys: ['~/.ssh/id'],
      });
      await expect(g.cmdb.runImport(src, 'all-or-nothing', g.ctx)).rejects.toMatchObject({ code: 'locked' });
    } finally {
      await g.close();
    }
  });

  it('importKeys seals each key once and attaches it to the hosts naming it', async () => {
    const keyFile = `${f.dir}/id_test`;
    fs.writeFileSync(keyFile, 'not really a key');
    const sealed: string[] = [];
    const g = openCmdb({
      vault: {
        describe: (id) => (id === 'sec-1' ? ({ id } as never) : null),
        importKeyFile: (p, name) => {
          sealed.push(`${p}|${name}`);
          return Promise.resolve({ id: 'sec-1' } as never);
        },
        isUnlocked: () => true,
        listSecrets: () => [],
      },
    });
    try {
      const recs: ImportRecord[] = [
        { line: 1, type: 'host', name: 'a', connection: { identityFile: keyFile } },
        { line: 2, type: 'host', name: 'b', connection: { identityFile: keyFile } },
        { line: 3, type: 'host', name: 'c', connection: { identityFile: '/elsewhere' } },
      ];
      const job = await g.cmdb.runImport(source(recs, [], { importKeys: [keyFile] }), 'all-or-nothing', g.ctx);
      const done = await g.jobs.wait(job.id);
      expect(done.result).toMatchObject({ created: 3, keysImported: 1 });
      expect(sealed).toEqual([`${keyFile}|${keyFile}`]);
      expect(
        g.cmdb.usage
          .usedBy(['sec-1'])
          .get('sec-1')!
          .map((u) => u.name),
      ).toEqual(['a', 'b']);
    } finally {
      await g.close();
    }
  });
});
