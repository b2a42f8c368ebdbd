import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Panel } from '../../../shared/api/monitoring-dashboards';
import { parseRoute, routeParents } from '../../../renderer/shell/route';
import {
  dashboardHash,
  datasourcesHash,
  hostHash,
  newHash,
  parseDashboardsHash,
} from '../../../renderer/views/dashboards/dashboards-route';
import {
  applyLayoutAction,
  bottom,
  cellStyle,
  columns,
  duplicatePanel,
  freeSlot,
  inReadingOrder,
  newPanel,
  nextPanelId,
  nextRefId,
  upsertPanel,
} from '../../../renderer/views/dashboards/grid';
import { bodyProblem } from '../../../main/monitoring/dashboards/check';
import { dashboardBody } from '../../../shared/api/monitoring-dashboards';

const panel = (id: string, x: number, y: number, w: number, h: number): Panel => ({
  ...newPanel([]),
  id,
  grid: { x, y, w, h },
});

describe('dashboard routes', () => {
  it('reads every sub-route and round-trips ids with any characters', () => {
    expect(parseDashboardsHash('#/dashboards')).toEqual({ page: 'list' });
    expect(parseDashboardsHash('')).toEqual({ page: 'list' });
    expect(parseDashboardsHash(newHash)).toEqual({ page: 'new' });
    expect(parseDashboardsHash(datasourcesHash)).toEqual({ page: 'datasources' });
    expect(parseDashboardsHash(dashboardHash('3f2c'))).toEqual({ page: 'dashboard', id: '3f2c' });
    expect(parseDashboardsHash(hostHash('ci-1'))).toEqual({ page: 'host', ciId: 'ci-1' });
    expect(parseDashboardsHash('#/dashboards/host%3Aci-9')).toEqual({ page: 'host', ciId: 'ci-9' });
    expect(parseDashboardsHash('#/host/%E0%A4%A')).toEqual({ page: 'list' });
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (id) => {
        expect(parseDashboardsHash(hostHash(id))).toEqual({ page: 'host', ciId: id });
        const r = parseDashboardsHash(dashboardHash(id));
        if (id === 'new' || id === 'datasources') expect(r.page).toBe(id);
        else if (id.startsWith('host:') && id.length > 5) expect(r).toEqual({ page: 'host', ciId: id.slice(5) });
        else expect(r).toEqual({ page: 'dashboard', id });
      }),
    );
  });

  it('the shell draws #/host/<id> and #/dashboards/<id> with the dashboards view', () => {
    expect(routeParents.host).toBe('dashboards');
    const known = ['audit', 'dashboards'];
    expect(parseRoute(hostHash('x'), known, 'audit')).toBe('dashboards');
    expect(parseRoute(dashboardHash('x'), known, 'audit')).toBe('dashboards');
  });
});

describe('the panel grid', () => {
  it('places panels in CSS grid cells and reads them top to bottom, left to right', () => {
    expect(cellStyle({ x: 0, y: 0, w: 12, h: 8 })).toEqual({ gridColumn: '1 / span 12', gridRow: '1 / span 8' });
    const ps = [panel('c', 12, 8, 12, 8), panel('a', 0, 0, 24, 4), panel('b', 0, 8, 12, 8)];
    expect(inReadingOrder(ps).map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(bottom(ps)).toBe(16);
  });

  it('finds the first free slot and names new panels and queries without clashes', () => {
    const ps = [panel('panel-1', 0, 0, 12, 8), panel('panel-4', 0, 8, 24, 4)];
    expect(freeSlot(ps, 12, 8)).toEqual({ x: 12, y: 0 });
    expect(freeSlot(ps, 24, 8)).toEqual({ x: 0, y: 12 });
    expect(nextPanelId(ps)).toBe('panel-5');
    const added = newPanel(ps);
    expect(added).toMatchObject({ id: 'panel-5', grid: { x: 12, y: 0, w: 12, h: 8 } });
    expect(upsertPanel(ps, added)).toHaveLength(3);
    expect(upsertPanel(ps, { ...ps[0]!, title: 'x' })[0]!.title).toBe('x');
    const dup = duplicatePanel(ps, 'panel-1');
    expect(dup[2]).toMatchObject({ id: 'panel-5', grid: { x: 12, y: 0, w: 12, h: 8 } });
    expect(nextRefId(['A', 'B', 'D'])).toBe('C');
    expect(nextRefId(Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i)))).toBeNull();
  });

  it('property: any sequence of edit controls keeps a dashboard main accepts', () => {
    const action = fc.oneof(
      fc.record({
        kind: fc.constant('move' as const),
        i: fc.nat(9),
        dx: fc.integer({ min: -30, max: 30 }),
        dy: fc.integer({ min: -30, max: 30 }),
      }),
      fc.record({
        kind: fc.constant('resize' as const),
        i: fc.nat(9),
        dw: fc.integer({ min: -30, max: 30 }),
        dh: fc.integer({ min: -30, max: 30 }),
      }),
      fc.record({ kind: fc.constantFrom('remove' as const, 'duplicate' as const), i: fc.nat(9) }),
      fc.record({ kind: fc.constant('add' as const) }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        let ps: Panel[] = [newPanel([])];
        for (const a of actions) {
          if (a.kind === 'add') {
            ps = upsertPanel(ps, newPanel(ps));
            continue;
          }
          const target = ps[a.i % Math.max(1, ps.length)];
          if (!target) continue;
          ps =
            a.kind === 'move'
              ? applyLayoutAction(ps, { kind: 'move', id: target.id, dx: a.dx, dy: a.dy })
              : a.kind === 'resize'
                ? applyLayoutAction(ps, { kind: 'resize', id: target.id, dw: a.dw, dh: a.dh })
                : applyLayoutAction(ps, { kind: a.kind, id: target.id });
        }
        for (const p of ps) expect(p.grid.x + p.grid.w).toBeLessThanOrEqual(columns);
        const body = dashboardBody.parse({ title: 'T', panels: ps });
        expect(bodyProblem(body)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
