import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineRouter, PromClients } from '../../../main/monitoring/prometheus/engines';
import type { Engine } from '../../../main/monitoring/types';
import { OpsError } from '../../../shared/api/errors';
import { openDsFixture, type DsFixture, failure } from './fixture';

let f: DsFixture;
let closedPort: number;

const local: Engine = {
  range: async () => ({ series: [], warnings: ['local'] }),
  instant: async () => ({ samples: [], warnings: [] }),
  labelNames: async () => ['__name__'],
  labelValues: async () => [],
};

/** A loopback port nothing listens on (bound, read, closed). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  f = await openDsFixture();
  closedPort = await freePort();
});
afterAll(async () => {
  await f?.close();
});

describe('engine routing', () => {
  it('routes {kind: local} to the local engine given to the part', () => {
    const router = new EngineRouter({ local, datasource: (id) => f.service.get(id), clients: f.clients });
    expect(router.engine({ kind: 'local' })).toBe(local);
  });

  it('an unknown datasource is not_found with a sentence; a saved one gets its Prometheus engine', async () => {
    const router = new EngineRouter({ local, datasource: (id) => f.service.get(id), clients: f.clients });
    const e = (() => {
      try {
        router.engine({ kind: 'prometheus', datasourceId: 'gone' });
      } catch (err) {
        return err as OpsError;
      }
      throw new Error('expected not_found');
    })();
    expect(e.code).toBe('not_found');
    expect(e.message).toMatch(/no longer exists; choose another/);

    const ds = f.service.save({ name: 'down', url: `http://127.0.0.1:${closedPort}` });
    const engine = router.engine({ kind: 'prometheus', datasourceId: ds.id });
    expect(engine).not.toBe(local);
    const err = await failure(engine.instant('up', f.clock.now()));
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain(`Prometheus "down" (http://127.0.0.1:${closedPort}) refused the connection`);
    f.service.delete(ds.id);
  });

  it('keeps one client (and backoff) per datasource; calls in the window fail fast; saving again starts afresh', async () => {
    const clients = new PromClients({ clock: f.clock, reveal: null, ssh: null, quickRetryMs: 1 });
    const router = new EngineRouter({ local, datasource: (id) => f.service.get(id), clients });
    const ds = f.service.save({ name: 'flaky', url: `http://127.0.0.1:${closedPort}` });
    const first = await failure(router.engine({ kind: 'prometheus', datasourceId: ds.id }).labelNames(undefined));
    expect(first.message).toMatch(/refused the connection.*pause for 1 s before the next try/);
    expect((first.details as { retryAt: number }).retryAt).toBe(f.clock.now() + 1000);

    // Another engine object for the same datasource shares the window.
    const fast = await failure(router.engine({ kind: 'prometheus', datasourceId: ds.id }).labelNames(undefined));
    expect(fast.message).toMatch(/Queries to it are paused; the next try is in 1 s/);

    f.clock.set(f.clock.now() + 1000);
    const second = await failure(router.engine({ kind: 'prometheus', datasourceId: ds.id }).labelNames(undefined));
    expect(second.message).toMatch(/pause for 2 s/);

    f.service.save({ id: ds.id, name: 'flaky', url: `http://127.0.0.1:${closedPort}` });
    const fresh = await failure(router.engine({ kind: 'prometheus', datasourceId: ds.id }).labelNames(undefined));
    expect(fresh.message).toMatch(/pause for 1 s/);
    clients.closeAll();
    f.service.delete(ds.id);
  });

  it('refuses a label name Prometheus would not accept before sending anything', async () => {
    const ds = f.service.save({ name: 'labels', url: `http://127.0.0.1:${closedPort}` });
    const router = new EngineRouter({ local, datasource: (id) => f.service.get(id), clients: f.clients });
    const e = await failure(router.engine({ kind: 'prometheus', datasourceId: ds.id }).labelValues('a/b', undefined));
    expect(e.code).toBe('bad_input');
    expect(e.message).toMatch(/not a label name/);
    f.service.delete(ds.id);
  });
});
