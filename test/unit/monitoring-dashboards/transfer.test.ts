import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dashboardBody } from '../../../shared/api/monitoring-dashboards';
import { OpsError } from '../../../shared/api/errors';
import { parseDashboardFile, safeFileStem, withKnownSources } from '../../../main/monitoring/dashboards/transfer';
import { openApp, sampleBody, type AppFixture } from './helpers';

const file = (dashboard: unknown, format: unknown = 1) => JSON.stringify({ opsroomDashboard: format, dashboard });

/** The message of the OpsError `fn` throws; fails on anything else. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OpsError);
    expect((e as OpsError).code).toBe('bad_input');
    return (e as OpsError).message;
  }
  throw new Error('expected a refusal');
}

describe('reading a dashboard file', () => {
  it('names the first bad place in the file’s own terms', () => {
    const body = sampleBody('X', 5);
    (body.panels[3]!.grid as { w: number }).w = 30;
    expect(refusal(() => parseDashboardFile(file(body)))).toBe(
      'This file is not an Opsroom dashboard: panels[3].grid.w must be ≤ 24.',
    );
    const cases: [unknown, RegExp][] = [
      [{ ...sampleBody(), title: '' }, /title must not be empty/],
      [{ ...sampleBody(), panels: undefined }, /panels is missing/],
      [{ ...sampleBody(), panels: {} }, /panels must be a list, not an object/],
      [{ ...sampleBody(), colour: 'red' }, /the dashboard has an unknown field "colour"/],
      [{ ...sampleBody(), source: { kind: 'graphite' } }, /source\.kind must be one of "prometheus", "local"/],
      [{ ...sampleBody(), refreshSec: 1.5 }, /refreshSec must be a whole number, not a number/],
      [
        { ...sampleBody(), panels: [{ ...sampleBody().panels[0], type: 'pie' }] },
        /panels\[0\]\.type must be one of "timeseries", "stat", "gauge", "table"/,
      ],
      [
        { ...sampleBody(), panels: [{ ...sampleBody().panels[0], thresholds: [{ value: 1, color: 'not a colour' }] }] },
        /panels\[0\]\.thresholds\[0\]\.color must be a colour/,
      ],
      [{ ...sampleBody(), tags: Array(51).fill('t') }, /tags must have at most 50 items/],
      [
        { ...sampleBody(), panels: [sampleBody().panels[0], sampleBody().panels[0]] },
        /panels\[1\]\.id "p0" is already used by panels\[0\]/,
      ],
    ];
    for (const [dashboard, re] of cases) expect(refusal(() => parseDashboardFile(file(dashboard)))).toMatch(re);
  });

  it('checks the envelope: JSON, the format number, the dashboard object', () => {
    expect(refusal(() => parseDashboardFile('{"opsroomDashboard": 1,'))).toMatch(/not valid JSON/);
    expect(refusal(() => parseDashboardFile('[1,2]'))).toMatch(/should hold an object/);
    expect(refusal(() => parseDashboardFile(JSON.stringify(sampleBody())))).toMatch(/"opsroomDashboard" is missing/);
    expect(refusal(() => parseDashboardFile(file(sampleBody(), 2)))).toMatch(
      /format 2, written by a newer Opsroom; this one reads format 1/,
    );
    expect(refusal(() => parseDashboardFile(file(sampleBody(), '1')))).toMatch(/must be the format number 1/);
    expect(refusal(() => parseDashboardFile(file([])))).toMatch(/"dashboard" must be an object/);
    expect(
      refusal(() => parseDashboardFile(JSON.stringify({ opsroomDashboard: 1, dashboard: sampleBody(), x: 1 }))),
    ).toMatch(/unknown field "x"/);
  });

  it('accepts a stored dashboard’s own fields (id, times) and drops them', () => {
    const body = parseDashboardFile(
      file({ ...sampleBody('Y'), id: 'abc', builtIn: false, createdAt: 1, updatedAt: 2 }),
    );
    expect(body.title).toBe('Y');
    expect(body).not.toHaveProperty('id');
  });

  it('property: any text, any JSON and any mangled dashboard is read or refused with bad_input, never a crash', () => {
    const outcome = (text: string) => {
      try {
        const body = parseDashboardFile(text);
        // Whatever is accepted is a valid body.
        expect(dashboardBody.safeParse(body).success).toBe(true);
      } catch (e) {
        if (!(e instanceof OpsError) || e.code !== 'bad_input') throw e;
        expect(e.message).toMatch(/^This (file|dashboard file)/);
      }
    };
    fc.assert(fc.property(fc.string({ maxLength: 300 }), outcome), { numRuns: 300 });
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => outcome(JSON.stringify(v))),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (v) => outcome(file(v))),
      { numRuns: 300 },
    );
    // A valid dashboard with one value replaced somewhere by arbitrary JSON.
    const base = sampleBody('Mangled', 3) as unknown as Record<string, unknown>;
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, at: (string | number)[]) => {
      paths.push(at);
      if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) walk(x, [...at, Array.isArray(v) ? Number(k) : k]);
      }
    };
    walk(base, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue({ maxDepth: 2 }), (p, v) => {
        const copy = structuredClone(base);
        let o = copy as Record<string | number, unknown>;
        for (const seg of p.slice(0, -1)) o = o[seg] as Record<string | number, unknown>;
        o[p[p.length - 1]!] = v;
        outcome(file(copy));
      }),
      { numRuns: 500 },
    );
  });

  it('file names are safe on every file system', () => {
    expect(safeFileStem('Web / API: p99 (prod)')).toBe('web-api-p99-prod');
    expect(safeFileStem('../../etc/passwd')).toBe('etc-passwd');
    expect(safeFileStem('Überwachung Café')).toBe('uberwachung-cafe');
    expect(safeFileStem('日本')).toBe('dashboard');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), (t) => {
        expect(safeFileStem(t)).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$|^dashboard$/);
      }),
    );
  });

  it('a datasource this workspace does not have falls back to the dashboard default', () => {
    const body = dashboardBody.parse({
      ...sampleBody(),
      source: { kind: 'prometheus', datasourceId: 'gone' },
      panels: [
        {
          ...sampleBody().panels[0],
          queries: [
            { refId: 'A', source: { kind: 'prometheus', datasourceId: 'here' }, expr: 'up' },
            { refId: 'B', source: { kind: 'prometheus', datasourceId: 'gone' }, expr: 'up' },
            { refId: 'C', source: { kind: 'local' }, expr: 'host_up' },
          ],
        },
      ],
    });
    const out = withKnownSources(body, (id) => id === 'here');
    expect(out.source).toBeNull();
    expect(out.panels[0]!.queries.map((q) => q.source)).toEqual([
      { kind: 'prometheus', datasourceId: 'here' },
      null,
      { kind: 'local' },
    ]);
  });
});

describe('import and export through the router', () => {
  let f: AppFixture;
  beforeEach(() => {
    f = openApp();
  });
  afterEach(async () => {
    await f.close();
  });

  it('exports pretty JSON in the envelope and imports it back as it was', async () => {
    const saved = await f.call('monitoring.dashboards.save', sampleBody('Web / API: p99', 4));
    const out = await f.call('monitoring.dashboards.export', { id: saved.id });
    expect(out.fileName).toBe('web-api-p99.dashboard.json');
    expect(out.json).toMatch(/^\{\n {2}"opsroomDashboard": 1,\n {2}"dashboard": \{\n/);
    expect(JSON.parse(out.json).dashboard).not.toHaveProperty('id');

    await f.call('monitoring.dashboards.delete', { id: saved.id });
    const back = await f.call('monitoring.dashboards.import', { json: out.json });
    const strip = ({ id: _i, createdAt: _c, updatedAt: _u, ...rest }: typeof saved) => rest;
    expect(strip(back)).toEqual(strip(saved));
  });

  it('a title clash makes "Title (2)", "Title (3)" unless overwrite is asked for', async () => {
    const saved = await f.call('monitoring.dashboards.save', sampleBody('Web fleet', 2));
    const { json } = await f.call('monitoring.dashboards.export', { id: saved.id });
    expect((await f.call('monitoring.dashboards.import', { json })).title).toBe('Web fleet (2)');
    expect((await f.call('monitoring.dashboards.import', { json, overwrite: false })).title).toBe('Web fleet (3)');

    const changed = JSON.parse(json);
    changed.dashboard.panels = changed.dashboard.panels.slice(0, 1);
    const over = await f.call('monitoring.dashboards.import', { json: JSON.stringify(changed), overwrite: true });
    expect(over.id).toBe(saved.id);
    expect(over.panels).toHaveLength(1);
    const list = await f.call('monitoring.dashboards.list');
    expect(list.map((d) => [d.title, d.panels])).toEqual([
      ['Web fleet', 1],
      ['Web fleet (2)', 2],
      ['Web fleet (3)', 2],
    ]);
  });

  it('a bad file changes nothing, even with overwrite', async () => {
    const saved = await f.call('monitoring.dashboards.save', sampleBody('Web fleet', 2));
    const before = f.app.services.workspace.db.prepare('SELECT * FROM monitoring_dashboards').all();
    const bad = sampleBody('Web fleet', 2);
    bad.panels[1]!.grid.w = 25;
    const e = await f.fails('monitoring.dashboards.import', { json: file(bad), overwrite: true });
    expect(e.message).toBe('This file is not an Opsroom dashboard: panels[1].grid.w must be ≤ 24.');
    expect(f.app.services.workspace.db.prepare('SELECT * FROM monitoring_dashboards').all()).toEqual(before);
    expect((await f.call('monitoring.dashboards.get', { id: saved.id })).panels[1]!.grid.w).toBe(12);
  });

  it('property: export → import round-trips any valid dashboard', async () => {
    const color = fc.constantFrom('red', 'green', 'orange.6', '#e5484d', '#fff');
    const panelArb = (i: number) =>
      fc.record({
        id: fc.constant(`p${i}`),
        title: fc.string({ maxLength: 40 }),
        type: fc.constantFrom('timeseries', 'stat', 'gauge', 'table'),
        grid: fc
          .record({
            x: fc.integer({ min: 0, max: 23 }),
            y: fc.integer({ min: 0, max: 200 }),
            h: fc.integer({ min: 1, max: 20 }),
          })
          .chain((g) => fc.integer({ min: 1, max: 24 - g.x }).map((w) => ({ ...g, w }))),
        queries: fc.uniqueArray(
          fc.record({
            refId: fc.constantFrom('A', 'B', 'C', 'D'),
            source: fc.constantFrom(null, { kind: 'local' as const }),
            expr: fc.string({ maxLength: 80 }),
            legend: fc.string({ maxLength: 20 }),
            hidden: fc.boolean(),
          }),
          { selector: (q) => q.refId, maxLength: 4 },
        ),
        unit: fc.constantFrom('short', 'percent', 'bytes', 'bytes/s', 'seconds'),
        decimals: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
        min: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }),
        max: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null }),
        thresholds: fc.array(fc.record({ value: fc.double({ noNaN: true, noDefaultInfinity: true }), color }), {
          maxLength: 3,
        }),
        minInterval: fc.constantFrom('', '15s', '1m'),
        stacked: fc.boolean(),
      });
    const bodyArb = fc.record({
      title: fc.string({ minLength: 1, maxLength: 60 }).filter((t) => t.trim() === t && t.length > 0),
      description: fc.string({ maxLength: 100 }),
      tags: fc.array(fc.string({ maxLength: 10 }), { maxLength: 4 }),
      source: fc.constantFrom(null, { kind: 'local' as const }),
      panels: fc
        .integer({ min: 0, max: 4 })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => panelArb(i)))),
      range: fc.constantFrom({ from: 'now-1h', to: 'now' }, { from: '1700000000000', to: '1700003600000' }),
      refreshSec: fc.integer({ min: 0, max: 3600 }),
    });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(bodyArb, async (body) => {
        const title = `${body.title} #${n++}`;
        const saved = await f.call('monitoring.dashboards.save', { ...body, variables: [], title });
        const { json } = await f.call('monitoring.dashboards.export', { id: saved.id });
        await f.call('monitoring.dashboards.delete', { id: saved.id });
        const back = await f.call('monitoring.dashboards.import', { json });
        expect({ ...back, id: saved.id, createdAt: 0, updatedAt: 0 }).toEqual({ ...saved, createdAt: 0, updatedAt: 0 });
      }),
      { numRuns: 60 },
    );
  });
});
