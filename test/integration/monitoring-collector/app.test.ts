import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RangeQueryResult } from '../../../shared/api/monitoring-query';
import type { CollectorTarget } from '../../../shared/api/monitoring-collector';
import { memTotalBytes } from '../../unit/monitoring-collector/readings';
import { openCollectorLab, type CollectorLab } from './fixture';

// End to end through the composition root: the contract turns collection on,
// the app's own monitoring tick scrapes a real sshd into the workspace's
// series store, and a local range query reads it back.
let lab: CollectorLab;
/** real time, moved forward by hand to make the next scrape due */
let skew = 0;
const clock = { now: () => Date.now() + skew };

beforeAll(async () => {
  lab = await openCollectorLab({ servers: 1, clock });
}, 120_000);

const range = (expr: string) =>
  lab.call<RangeQueryResult>('monitoring.query.range', {
    source: { kind: 'local' },
    expr,
    range: { from: 'now-5m', to: 'now' },
  });

/** The newest point of the only series: its value (null in a gap) and how many points carry a value. */
async function newest(expr: string): Promise<{ last: number | null; values: number[] }> {
  const r = await range(expr);
  expect(r.series).toHaveLength(1);
  const v = r.series[0].v;
  return { last: v[v.length - 1], values: v.filter((x): x is number => x !== null) };
}

afterAll(async () => {
  await lab?.close();
});

describe('collector → local series → query, through createApp', () => {
  it('answers host_memory_total_bytes with this machine’s MemTotal', async () => {
    const [web] = lab.hosts;
    const set = await lab.call<CollectorTarget[]>('monitoring.collector.set', { ciIds: [web.id], enabled: true });
    expect(set[0]).toMatchObject({ state: 'waiting', intervalSec: 15 });

    await lab.app.services.monitoring.tick();
    const [row] = await lab.call<CollectorTarget[]>('monitoring.collector.list');
    expect(row).toMatchObject({ ci: { id: web.id, name: 'lab-01' }, state: 'ok', lastError: null });

    const r = await range('host_memory_total_bytes');
    expect(r.series).toHaveLength(1);
    expect(r.series[0].labels).toMatchObject({ ci: web.id, host: 'lab-01' });
    const values = r.series[0].v.filter((v): v is number => v !== null);
    expect(values.length).toBeGreaterThan(0);
    expect(new Set(values)).toEqual(new Set([memTotalBytes()]));
  });

  it('shows a host that went away as a gap (host_up 0), not a drop to zero, and picks it up again', async () => {
    const server = lab.lab.servers[0];
    await server.stop();
    skew += 30_000;
    await lab.app.services.monitoring.tick();
    const [row] = await lab.call<CollectorTarget[]>('monitoring.collector.list');
    expect(row).toMatchObject({ state: 'stale' });
    expect(row.lastError).toMatch(/^lab-01: connection refused/);

    const mem = await newest('host_memory_total_bytes');
    expect(mem.last).toBeNull();
    expect(new Set(mem.values)).toEqual(new Set([memTotalBytes()]));
    const up = await newest('host_up');
    expect(up.last).toBe(0);
    expect(new Set(up.values)).toEqual(new Set([0, 1]));

    await server.restart();
    skew += 30_000;
    await lab.app.services.monitoring.tick();
    expect((await lab.call<CollectorTarget[]>('monitoring.collector.list'))[0].state).toBe('ok');
    expect((await newest('host_memory_total_bytes')).last).toBe(memTotalBytes());
    expect((await newest('host_up')).last).toBe(1);
  });

  it('refuses a CI the collector cannot read, with a sentence naming it', async () => {
    const svc = await lab.call<{ id: string }>('cmdb.ci.create', { type: 'service', name: 'billing' });
    await expect(
      lab.call('monitoring.collector.set', { ciIds: [svc.id], enabled: true, intervalSec: 15 }),
    ).rejects.toMatchObject({
      rpc: {
        code: 'bad_input',
        message: 'billing is a service; the SSH collector reads host, vm and network-device CIs only.',
      },
    });
  });
});
