import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { panel as panelSchema, type Panel } from '../../../shared/api/monitoring-dashboards';
import { monitoringQueryApi } from '../../../shared/api/monitoring-query';
import { planQueries, type PlanInput } from '../../../renderer/views/charts/panel-queries';

const prom = { kind: 'prometheus' as const, datasourceId: 'ds1' };

/** A panel as a dashboard file spells it: defaults filled in by the contract's schema. */
function panel(over: Partial<z.input<typeof panelSchema>>): Panel {
  return panelSchema.parse({ id: 'p1', title: 'CPU', type: 'timeseries', grid: { x: 0, y: 0, w: 12, h: 8 }, ...over });
}

const base = (p: Panel): PlanInput => ({
  panel: p,
  range: { from: 'now-1h', to: 'now' },
  variables: { host: 'web-1' },
  defaultSource: prom,
  widthPx: 1000,
  nowMs: 1_800_000_000_000,
});

describe('planQueries', () => {
  it('asks one range query per visible query, variables and ${__interval} filled in', () => {
    const p = panel({
      minInterval: '',
      queries: [
        {
          refId: 'A',
          expr: 'rate(node_cpu_seconds_total{instance="$host"}[${__interval}])',
          legend: '{{mode}} on $host',
        },
        { refId: 'B', expr: 'up', hidden: true },
        { refId: 'C', expr: '   ' },
        { refId: 'D', expr: 'x', source: { kind: 'local' } },
      ],
    });
    const plan = planQueries(base(p));
    expect(plan.problem).toBeNull();
    expect(plan.calls).toEqual([
      {
        refId: 'A',
        method: 'monitoring.query.range',
        input: {
          source: prom,
          expr: 'rate(node_cpu_seconds_total{instance="web-1"}[5s])',
          range: { from: 'now-1h', to: 'now' },
          widthPx: 1000,
          legend: '{{mode}} on web-1',
        },
      },
      {
        refId: 'D',
        method: 'monitoring.query.range',
        input: { source: { kind: 'local' }, expr: 'x', range: { from: 'now-1h', to: 'now' }, widthPx: 1000 },
      },
    ]);
    // What is sent passes the contract's own schema.
    for (const c of plan.calls) expect(() => monitoringQueryApi[c.method].input.parse(c.input)).not.toThrow();
  });

  it('sends the panel’s min interval and the downsampling asked for', () => {
    const p = panel({ minInterval: '1m', queries: [{ refId: 'A', expr: 'rate(x[$__rate_interval])' }] });
    const [call] = planQueries({ ...base(p), downsample: 'none' }).calls;
    expect(call.input).toMatchObject({ minInterval: '1m', downsample: 'none', expr: 'rate(x[4m])' });
  });

  it('asks instant queries for a table, at the end of the range', () => {
    const p = panel({ type: 'table', queries: [{ refId: 'A', expr: 'up{instance="$host"}' }] });
    const plan = planQueries({ ...base(p), range: { from: 'now-6h', to: '1800000000000' } });
    expect(plan.calls).toEqual([
      {
        refId: 'A',
        method: 'monitoring.query.instant',
        input: { source: prom, expr: 'up{instance="web-1"}', time: '1800000000000' },
      },
    ]);
  });

  it('says why nothing can be asked: no data source, or a range that ends before it starts', () => {
    const p = panel({ queries: [{ refId: 'A', expr: 'up' }] });
    expect(planQueries({ ...base(p), defaultSource: null }).problem).toMatch(/Query A has no data source/);
    expect(planQueries({ ...base(p), range: { from: 'now', to: 'now-1h' } }).problem).toMatch(/not valid/);
    expect(planQueries({ ...base(panel({ queries: [] })) })).toEqual({ calls: [], problem: null });
  });

  it('keeps the width within what the contract accepts', () => {
    const p = panel({ queries: [{ refId: 'A', expr: 'up' }] });
    expect(planQueries({ ...base(p), widthPx: 3 }).calls[0].input).toMatchObject({ widthPx: 10 });
    expect(planQueries({ ...base(p), widthPx: 90_000 }).calls[0].input).toMatchObject({ widthPx: 20_000 });
    expect(planQueries({ ...base(p), widthPx: 0 }).calls[0].input).toMatchObject({ widthPx: 1000 });
  });
});
