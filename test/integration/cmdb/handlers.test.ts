import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/applog/types';
import { AuditLog } from '../../../main/audit/audit-log';
import { cmdbHandlers } from '../../../main/cmdb/handlers';
import { createRouter, type Handlers, type Router } from '../../../main/rpc/router';
import type { Ci } from '../../../shared/api/cmdb-model';
import type { Job } from '../../../shared/api/jobs';
import { openCmdb, type CmdbFixture } from '../../unit/cmdb/helpers';

let f: CmdbFixture;
let router: Router;
let audit: AuditLog;

beforeEach(() => {
  f = openCmdb();
  audit = new AuditLog({ db: f.workspace.db, clock: f.clock });
  router = createRouter({ handlers: cmdbHandlers(f.cmdb) as Handlers, audit, logger: silentLogger });
});
afterEach(async () => {
  await f.close();
});

async function call<T>(method: string, input?: unknown): Promise<T> {
  const r = await router.call(method, input, { actor: 'erin', via: 'web', requestId: `req-${method}` });
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}

describe('cmdb handlers behind the router', () => {
  it('links history rows to the audit entry of the call', async () => {
    const ci = await call<Ci>('cmdb.ci.create', { type: 'host', name: 'web-01', tags: ['web'] });
    const updated = await call<Ci>('cmdb.ci.update', { id: ci.id, version: 1, patch: { status: 'maintenance' } });
    expect(updated).toMatchObject({ tags: ['web'], status: 'maintenance', version: 2 });
    const { entries } = await call<{ entries: { auditSeq: number; requestId: string; actor: string; op: string }[] }>(
      'cmdb.history',
      { id: ci.id },
    );
    const started = audit.list({ limit: 100 } as never).entries.filter((e) => e.outcome === 'started');
    expect(entries.map((e) => e.op)).toEqual(['update', 'create']);
    expect(entries[1]).toMatchObject({ actor: 'erin', requestId: 'req-cmdb.ci.create' });
    expect(entries.map((e) => e.auditSeq)).toEqual([
      started.find((e) => e.action === 'cmdb.ci.update')!.seq,
      started.find((e) => e.action === 'cmdb.ci.create')!.seq,
    ]);
  });

  it('answers every call with output that matches the contract', async () => {
    const a = await call<Ci>('cmdb.ci.create', { type: 'application', name: 'shop' });
    const b = await call<Ci>('cmdb.ci.create', {
      type: 'host',
      name: 'h1',
      connection: { address: '10.0.0.1' },
      fields: { rack: 'r1' },
    });
    const rel = await call<{ id: string }>('cmdb.relations.add', { from: a.id, to: b.id, type: 'runs_on' });
    await call('cmdb.search', { query: { text: 'h1' } });
    await call('cmdb.search');
    await call('cmdb.facets');
    await call('cmdb.ci.get', { name: 'h1' });
    await call('cmdb.fields.list');
    await call('cmdb.fields.define', { key: 'os', label: 'OS', type: 'select', options: ['debian'] });
    await call('cmdb.relations.types');
    const g = await call<{ edges: unknown[] }>('cmdb.graph', { id: b.id });
    expect(g.edges).toHaveLength(1);
    const br = await call<{ total: number }>('cmdb.blastRadius', { id: b.id });
    expect(br.total).toBe(1);
    const v = await call<{ id: string }>('cmdb.views.save', { name: 'prod web', query: { text: 'web' } });
    expect((await call<{ views: unknown[] }>('cmdb.views.list')).views).toHaveLength(1);
    await call('cmdb.views.delete', { id: v.id });
    await call('cmdb.import.inspect', { content: 'name,ip\nweb-01,10.0.0.1\n' });
    const p = await call<{ create: number }>('cmdb.import.preview', {
      format: 'csv',
      content: 'name,ip\nweb-02,10.0.0.2\n',
    });
    expect(p.create).toBe(1);
    const job = await call<Job>('cmdb.import.run', {
      format: 'csv',
      content: 'name,ip\nweb-02,10.0.0.2\n',
      fileName: 'x.csv',
    });
    expect((await f.jobs.wait(job.id)).state).toBe('succeeded');
    const exp = await call<{ count: number; content: string }>('cmdb.export', { format: 'json' });
    expect(exp.count).toBe(3);
    await call('cmdb.ci.bulkUpdate', { ids: [a.id, b.id], addTags: ['x'] });
    await call('cmdb.relations.remove', { id: rel.id });
    expect(await call('cmdb.ci.delete', { ids: [a.id] })).toEqual({ deleted: 1 });
    const importAudit = audit
      .list({ limit: 100 } as never)
      .entries.find((e) => e.action === 'cmdb.import.run' && e.outcome === 'started');
    expect(JSON.stringify(importAudit?.details)).toContain('[redacted]');
  });
});
