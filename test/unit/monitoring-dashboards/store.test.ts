import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, sampleBody, type AppFixture } from './helpers';

let f: AppFixture;
beforeEach(() => {
  f = openApp();
});
afterEach(async () => {
  await f.close();
});

describe('saved dashboards', () => {
  it('creates, lists, reads, updates and deletes, each save audited', async () => {
    const created = await f.call('monitoring.dashboards.save', sampleBody('Web fleet', 3));
    expect(created).toMatchObject({ title: 'Web fleet', builtIn: false, createdAt: f.clock.t, updatedAt: f.clock.t });
    expect(created.panels).toHaveLength(3);

    f.clock.t += 60_000;
    const body = sampleBody('Web fleet (prod)', 5);
    const updated = await f.call('monitoring.dashboards.save', { ...body, id: created.id });
    expect(updated.id).toBe(created.id);
    expect(updated.createdAt).toBe(created.createdAt);
    expect(updated.updatedAt).toBe(f.clock.t);

    await f.call('monitoring.dashboards.save', sampleBody('Databases', 1));
    const list = await f.call('monitoring.dashboards.list');
    expect(list.map((d) => [d.title, d.panels])).toEqual([
      ['Databases', 1],
      ['Web fleet (prod)', 5],
    ]);

    const got = await f.call('monitoring.dashboards.get', { id: created.id });
    expect(got.panels.map((p) => p.id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(got.variables[0]).toMatchObject({ name: 'host', kind: 'ci', current: 'web-01' });

    expect(await f.call('monitoring.dashboards.delete', { id: created.id })).toEqual({ deleted: true });
    expect(await f.call('monitoring.dashboards.delete', { id: created.id })).toEqual({ deleted: false });
    expect((await f.fails('monitoring.dashboards.get', { id: created.id })).code).toBe('not_found');

    const audit = f.app.services.audit.list({ limit: 100, action: 'monitoring.dashboards.' });
    const saves = audit.entries.filter((e) => e.action === 'monitoring.dashboards.save' && e.outcome === 'started');
    expect(saves.map((e) => e.target).sort()).toEqual([
      'dashboard:Databases',
      'dashboard:Web fleet',
      'dashboard:Web fleet (prod)',
    ]);
  });

  it('refuses duplicate panel ids, panels wider than the grid and repeated refIds, naming the place', async () => {
    const dup = sampleBody('A', 3);
    dup.panels[2]!.id = 'p0';
    const e1 = await f.fails('monitoring.dashboards.save', dup);
    expect(e1.code).toBe('bad_input');
    expect(e1.message).toMatch(/panels\[2\]\.id "p0" is already used by panels\[0\]/);

    const wide = sampleBody('B', 2);
    wide.panels[1]!.grid = { x: 20, y: 0, w: 8, h: 4 };
    const e2 = await f.fails('monitoring.dashboards.save', wide);
    expect(e2.message).toMatch(/panels\[1\]\.grid\.x \+ w must be ≤ 24 .*not 28/);

    const refs = sampleBody('C', 1);
    refs.panels[0]!.queries.push({ ...refs.panels[0]!.queries[0]! });
    expect((await f.fails('monitoring.dashboards.save', refs)).message).toMatch(
      /queries\[1\]\.refId "A" is used twice/,
    );

    expect(await f.call('monitoring.dashboards.list')).toEqual([]);
  });

  it('keeps titles unique ignoring case, and an unknown id is not silently created', async () => {
    await f.call('monitoring.dashboards.save', sampleBody('Web fleet'));
    const clash = await f.fails('monitoring.dashboards.save', sampleBody('WEB FLEET'));
    expect(clash.code).toBe('conflict');
    expect(clash.message).toMatch(/A dashboard named "WEB FLEET" already exists/);
    const ghost = await f.fails('monitoring.dashboards.save', { ...sampleBody('Other'), id: 'nope' });
    expect(ghost.code).toBe('not_found');
    expect(await f.call('monitoring.dashboards.list')).toHaveLength(1);
  });

  it('never saves over or deletes a built-in host dashboard', async () => {
    const save = await f.fails('monitoring.dashboards.save', { ...sampleBody('X'), id: 'host:abc' });
    expect(save.message).toMatch(/save it as a copy/);
    expect((await f.fails('monitoring.dashboards.delete', { id: 'host:abc' })).code).toBe('bad_input');
  });

  it('reports a row damaged outside Opsroom as an integrity error naming it', async () => {
    const d = await f.call('monitoring.dashboards.save', sampleBody('Damaged'));
    f.app.services.workspace.db
      .prepare('UPDATE monitoring_dashboards SET body = ? WHERE id = ?')
      .run(JSON.stringify({ ...sampleBody('Damaged'), panels: 'x' }), d.id);
    const e = await f.fails('monitoring.dashboards.get', { id: d.id });
    expect(e.code).toBe('integrity');
    expect(e.message).toMatch(/"Damaged" cannot be read \(panels must be a list, not text\)/);
  });
});
