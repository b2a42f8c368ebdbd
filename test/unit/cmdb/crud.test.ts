import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { host, openCmdb, type CmdbFixture } from './helpers';

let f: CmdbFixture;
beforeEach(() => {
  f = openCmdb();
});
afterEach(async () => {
  await f.close();
});

const q = (over: Record<string, unknown> = {}) => ({
  query: { text: '', types: [], environments: [], statuses: [], criticalities: [], tags: [], fields: [], ...over },
  sort: { by: 'name' as const, dir: 'asc' as const },
  offset: 0,
  limit: 200,
});

function expectOps(fn: () => unknown, code: string, message?: RegExp): OpsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OpsError);
    expect((e as OpsError).code).toBe(code);
    if (message) expect((e as OpsError).message).toMatch(message);
    return e as OpsError;
  }
  throw new Error('expected an OpsError');
}

describe('CI create/update/delete with history', () => {
  it('records actor, request id, audit seq and pre/post JSON', () => {
    const c = f.cmdb.create(host('web-01', { tags: ['web'], fields: { rack: 'r1' } }), f.ctx);
    f.clock.t += 1000;
    const u = f.cmdb.update(
      { id: c.id, version: 1, patch: { description: 'front' } },
      { actor: 'bob', requestId: 'req-2', auditRef: 43 },
    );
    expect(u.version).toBe(2);
    expect(u.tags).toEqual(['web']); // a patch leaves absent keys alone
    expect(u.fields).toEqual({ rack: 'r1' });
    const h = f.cmdb.history.list({ id: c.id, limit: 10 }).entries;
    expect(h.map((e) => e.op)).toEqual(['update', 'create']);
    expect(h[0]).toMatchObject({ actor: 'bob', requestId: 'req-2', auditSeq: 43, ciName: 'web-01' });
    expect(h[0]!.before).toMatchObject({ description: '', version: 1 });
    expect(h[0]!.after).toMatchObject({ description: 'front', version: 2 });
    expect(h[1]).toMatchObject({ actor: 'alice', requestId: 'req-1', auditSeq: 42, before: null });
    expect(h[1]!.time).toBe(Date.UTC(2026, 10, 27, 9, 0, 0));
  });

  it('refuses a stale version with a conflict a person understands', () => {
    const c = f.cmdb.create(host('db-01'), f.ctx);
    f.cmdb.update({ id: c.id, version: 1, patch: { description: 'x' } }, f.ctx);
    expectOps(
      () => f.cmdb.update({ id: c.id, version: 1, patch: { description: 'y' } }, f.ctx),
      'conflict',
      /db-01 was changed by someone else since you opened it; reload and try again/,
    );
  });

  it('names the duplicate: a host named X already exists', () => {
    f.cmdb.create(host('web-01'), f.ctx);
    expectOps(() => f.cmdb.create(host('web-01'), f.ctx), 'conflict', /a host named web-01 already exists/i);
    const other = f.cmdb.create(host('web-01', { type: 'service' }), f.ctx);
    expect(other.type).toBe('service');
  });

  it('deleting a CI cascades its relations and records history on both ends', () => {
    const a = f.cmdb.create(host('app', { type: 'application' }), f.ctx);
    const b = f.cmdb.create(host('db'), f.ctx);
    f.cmdb.addRelation({ from: a.id, to: b.id, type: 'depends_on' }, f.ctx);
    expect(f.cmdb.get({ id: b.id }).incoming).toHaveLength(1);
    expect(f.cmdb.delete({ ids: [b.id] }, f.ctx)).toEqual({ deleted: 1 });
    expect(f.cmdb.get({ id: a.id }).outgoing).toHaveLength(0);
    const hb = f.cmdb.history.list({ id: b.id, limit: 10 }).entries;
    expect(hb[0]).toMatchObject({ op: 'delete', after: null });
    expect(hb[0]!.before).toMatchObject({ name: 'db' });
    const ha = f.cmdb.history.list({ id: a.id, limit: 10 }).entries.map((e) => e.op);
    expect(ha).toEqual(['unrelate', 'relate', 'create']);
    const n = f.workspace.db.prepare('SELECT count(*) AS n FROM cmdb_relations').get() as { n: number };
    expect(n.n).toBe(0);
  });

  it('publishes cmdb.changed after writes', () => {
    const seen: unknown[] = [];
    f.bus.subscribe('cmdb.changed', (p) => seen.push(p));
    const c = f.cmdb.create(host('x'), f.ctx);
    f.cmdb.bulkUpdate({ ids: [c.id], addTags: ['t'], removeTags: [], set: {} }, f.ctx);
    expect(seen).toEqual([
      { ids: [c.id], all: false },
      { ids: [], all: true },
    ]);
  });

  it('bulk update tags and sets attributes, with history per CI', () => {
    const a = f.cmdb.create(host('a', { tags: ['old'] }), f.ctx);
    const b = f.cmdb.create(host('b'), f.ctx);
    const r = f.cmdb.bulkUpdate(
      { ids: [a.id, b.id], addTags: ['new'], removeTags: ['old'], set: { status: 'maintenance' } },
      f.ctx,
    );
    expect(r.updated).toBe(2);
    expect(f.cmdb.require(a.id)).toMatchObject({ tags: ['new'], status: 'maintenance', version: 2 });
    expect(f.cmdb.search.run(q({ tags: ['old'] })).total).toBe(0);
    expect(f.cmdb.search.run(q({ tags: ['new'] })).total).toBe(2);
  });
});

describe('connections and jump hosts', () => {
  it('only connectable types carry connection attributes', () => {
    expectOps(
      () => f.cmdb.create(host('svc', { type: 'service', connection: { address: '10.0.0.1' } }), f.ctx),
      'bad_input',
      /cannot carry connection/,
    );
  });

  it('refuses a jump host that is not connectable, itself, or a cycle', () => {
    const svc = f.cmdb.create(host('svc', { type: 'service' }), f.ctx);
    const a = f.cmdb.create(host('a', { connection: { address: '10.0.0.1' } }), f.ctx);
    const b = f.cmdb.create(host('b', { connection: { jumpHostId: a.id } }), f.ctx);
    expect(f.cmdb.get({ id: b.id }).jumpHost).toEqual({ id: a.id, name: 'a', type: 'host' });
    expectOps(
      () => f.cmdb.create(host('c', { connection: { jumpHostId: svc.id } }), f.ctx),
      'bad_input',
      /cannot be a jump host/,
    );
    expectOps(
      () => f.cmdb.update({ id: a.id, version: 1, patch: { connection: { jumpHostId: a.id } } }, f.ctx),
      'bad_input',
      /own jump host/,
    );
    expectOps(
      () => f.cmdb.update({ id: a.id, version: 1, patch: { connection: { jumpHostId: b.id } } }, f.ctx),
      'bad_input',
      /cycle/,
    );
    const c = f.cmdb.create(host('c', { connection: { jumpHostId: b.id } }), f.ctx);
    expectOps(
      () => f.cmdb.update({ id: a.id, version: 1, patch: { connection: { jumpHostId: c.id } } }, f.ctx),
      'bad_input',
      /cycle/,
    );
    // merging a connection patch keeps the address
    const a2 = f.cmdb.update({ id: a.id, version: 1, patch: { connection: { port: 2222 } } }, f.ctx);
    expect(a2.connection).toMatchObject({ address: '10.0.0.1', port: 2222 });
  });

  it('deleting a jump host clears it on the hosts behind it', () => {
    const a = f.cmdb.create(host('bastion'), f.ctx);
    const b = f.cmdb.create(host('b', { connection: { jumpHostId: a.id, address: 'b.lan' } }), f.ctx);
    f.cmdb.delete({ ids: [a.id] }, f.ctx);
    expect(f.cmdb.require(b.id).connection).toMatchObject({ jumpHostId: null, address: 'b.lan' });
  });
});

describe('custom fields', () => {
  it('validates values against definitions', () => {
    f.cmdb.defineField({ key: 'u', label: 'U', type: 'number', options: [], appliesTo: [] });
    f.cmdb.defineField({ key: 'born', label: 'Born', type: 'date', options: [], appliesTo: [] });
    f.cmdb.defineField({ key: 'tier', label: 'Tier', type: 'select', options: ['gold', 'silver'], appliesTo: [] });
    f.cmdb.defineField({ key: 'docs', label: 'Docs', type: 'url', options: [], appliesTo: [] });
    f.cmdb.defineField({ key: 'on', label: 'On', type: 'boolean', options: [], appliesTo: [] });
    f.cmdb.defineField({ key: 'peer', label: 'Peer', type: 'ci-ref', options: [], appliesTo: [] });
    f.cmdb.defineField({ key: 'rackonly', label: 'R', type: 'text', options: [], appliesTo: ['host'] });
    const bad: [string, unknown][] = [
      ['u', 'ten'],
      ['born', '2026-02-30'],
      ['born', '27/11/2026'],
      ['tier', 'bronze'],
      ['docs', 'javascript:alert(1)'],
      ['docs', 'ftp://x'],
      ['on', 'yes'],
      ['peer', 'no-such-id'],
    ];
    for (const [k, v] of bad) {
      expectOps(
        () => f.cmdb.create(host(`h-${k}-${String(v)}`, { fields: { [k]: v } }), f.ctx),
        'bad_input',
        new RegExp(`"${k}"`),
      );
    }
    expectOps(
      () => f.cmdb.create(host('svc', { type: 'service', fields: { rackonly: 'x' } }), f.ctx),
      'bad_input',
      /applies to host/,
    );
    const p = f.cmdb.create(host('peer'), f.ctx);
    const ok = f.cmdb.create(
      host('ok', {
        fields: { u: 4, born: '2024-02-29', tier: 'gold', docs: 'https://wiki/x', on: true, peer: p.id, rackonly: 'r' },
      }),
      f.ctx,
    );
    expect(ok.fields.tier).toBe('gold');
  });

  it('auto-creates a definition with the inferred type for an unknown key', () => {
    f.cmdb.create(host('a', { fields: { cores: 8, virt: true, os: 'debian' } }), f.ctx);
    const defs = Object.fromEntries(f.cmdb.fields.list().map((d) => [d.key, d.type]));
    expect(defs).toEqual({ cores: 'number', virt: 'boolean', os: 'text' });
    expectOps(() => f.cmdb.create(host('b', { fields: { cores: 'many' } }), f.ctx), 'bad_input', /takes a number/);
  });
});

describe('search filters', () => {
  beforeEach(() => {
    f.cmdb.create(host('web-01', { tags: ['web', 'dmz'], fields: { rack: 'r1', u: 4 }, ownerTeam: 'platform' }), f.ctx);
    f.cmdb.create(host('web-02', { tags: ['web'], fields: { rack: 'r2', u: 2 }, environment: 'staging' }), f.ctx);
    f.cmdb.create(host('db-01', { tags: ['db'], fields: { rack: 'r1' }, description: 'Primary PostgreSQL' }), f.ctx);
  });
  const names = (over: Record<string, unknown>) => f.cmdb.search.run(q(over)).items.map((c) => c.name);

  it('combines text, tags, fields and attributes', () => {
    expect(names({ text: 'web' })).toEqual(['web-01', 'web-02']);
    expect(names({ text: 'web-0' })).toEqual(['web-01', 'web-02']);
    expect(names({ text: 'postgres' })).toEqual(['db-01']);
    expect(names({ text: 'r1' })).toEqual(['db-01', 'web-01']);
    expect(names({ tags: ['web', 'dmz'] })).toEqual(['web-01']);
    expect(names({ environments: ['staging'] })).toEqual(['web-02']);
    expect(names({ ownerTeam: 'platform' })).toEqual(['web-01']);
    expect(names({ fields: [{ key: 'rack', op: 'eq', value: 'r1' }] })).toEqual(['db-01', 'web-01']);
    expect(names({ fields: [{ key: 'rack', op: 'neq', value: 'r1' }] })).toEqual(['web-02']);
    expect(names({ fields: [{ key: 'u', op: 'gt', value: 3 }] })).toEqual(['web-01']);
    expect(names({ fields: [{ key: 'u', op: 'exists' }] })).toEqual(['web-01', 'web-02']);
    expect(names({ fields: [{ key: 'rack', op: 'contains', value: '2' }] })).toEqual(['web-02']);
    expect(names({ text: 'web', tags: ['dmz'] })).toEqual(['web-01']);
  });

  it('sorts, pages and counts', () => {
    const r = f.cmdb.search.run({ ...q(), sort: { by: 'name', dir: 'desc' }, offset: 1, limit: 1 });
    expect(r.items.map((c) => c.name)).toEqual(['web-01']);
    expect(r.total).toBe(3);
    const facets = f.cmdb.search.facets();
    expect(facets.total).toBe(3);
    expect(facets.tags).toContainEqual({ value: 'web', count: 2 });
    expect(facets.environments).toContainEqual({ value: 'prod', count: 2 });
  });

  it('keeps FTS in step with renames and tag edits', () => {
    const c = f.cmdb.search.run(q({ text: 'db' })).items[0]!;
    f.cmdb.update({ id: c.id, version: c.version, patch: { name: 'pg-01', tags: ['sql'] } }, f.ctx);
    expect(names({ text: 'db' })).toEqual([]);
    expect(names({ text: 'pg' })).toEqual(['pg-01']);
    expect(names({ text: 'sql' })).toEqual(['pg-01']);
    expect(names({ tags: ['db'] })).toEqual([]);
  });
});

describe('vault usage', () => {
  it('lists the CIs using a secret and detaches them', () => {
    const secrets = new Set(['s1']);
    const g = openCmdb({
      vault: {
        describe: (id) => (secrets.has(id) ? ({ id } as never) : null),
        importKeyFile: () => Promise.reject(new Error('no')),
        isUnlocked: () => true,
      },
    });
    try {
      expectOps(
        () => g.cmdb.create(host('x', { connection: { credentialId: 'nope' } }), g.ctx),
        'bad_input',
        /no secret/,
      );
      const a = g.cmdb.create(host('a', { connection: { credentialId: 's1', address: 'a' } }), g.ctx);
      g.cmdb.create(host('b', { connection: { credentialId: 's1' } }), g.ctx);
      expect(
        g.cmdb.usage
          .usedBy(['s1', 's2'])
          .get('s1')!
          .map((u) => u.name),
      ).toEqual(['a', 'b']);
      expect(g.cmdb.usage.usedBy(['s1', 's2']).get('s2')).toEqual([]);
      expect(g.cmdb.usage.detach('s1', g.ctx)).toBe(2);
      expect(g.cmdb.require(a.id).connection).toMatchObject({ credentialId: null, address: 'a' });
      expect(g.cmdb.usage.usedBy(['s1']).get('s1')).toEqual([]);
    } finally {
      void g.close();
    }
  });
});
