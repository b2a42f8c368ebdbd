import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/applog/types';
import { commandOp } from '../../../main/ssh/batch/command-op';
import { Execution, type ExecutionHost } from '../../../main/ssh/batch/runner';
import type { Lease, SshPool } from '../../../main/ssh/types';
import type { HostResult } from '../../../shared/api/ssh';

/** A pool whose hosts answer after `delay` ms, or never ('hang', ignoring every signal). */
function fakePool(behaviour: (ciId: string) => number | 'hang') {
  let active = 0;
  let max = 0;
  let released = 0;
  const pool: SshPool = {
    acquire(t) {
      const b = behaviour(t.target.ciId);
      if (b === 'hang') return new Promise<Lease>(() => {});
      active++;
      max = Math.max(max, active);
      const lease = {
        exec: () =>
          new Promise((r) =>
            setTimeout(() => r({ exitCode: 0, signal: null, stdout: 'ok\n', stderr: '', truncated: false }), b),
          ),
        release: () => {
          active--;
          released++;
        },
      } as unknown as Lease;
      return Promise.resolve(lease);
    },
    openCount: () => active,
    closeAll: async () => {},
  };
  return { pool, max: () => max, released: () => released };
}

const hosts = (n: number): ExecutionHost[] =>
  Array.from({ length: n }, (_, i) => ({
    ci: { id: `h${i}`, name: `h${i}`, type: 'host' },
    address: '10.0.0.1',
    payload: 'true',
    error: null,
  }));

function execution(p: SshPool, n: number, o: { concurrency: number; timeoutSec: number; signal?: AbortSignal }) {
  const finals: HostResult[] = [];
  const e = new Execution({
    hosts: hosts(n),
    concurrency: o.concurrency,
    timeoutSec: o.timeoutSec,
    maxOutputBytes: 1024,
    pool: p,
    resolver: {
      resolve: (id) => ({
        target: { ciId: id, name: id, host: 'x', port: 22, user: 'u', auth: { kind: 'agent' } },
        jumps: [],
      }),
    },
    op: commandOp,
    actor: 't',
    clock: { now: () => Date.now() },
    logger: silentLogger,
    signal: o.signal ?? new AbortController().signal,
    sinks: { host: () => {}, output: () => {}, counts: () => {}, store: (rows) => finals.push(...rows) },
  });
  return { e, finals };
}

describe('Execution', () => {
  it('a pool that never answers (ignoring its signal) cannot hold a host past its deadline, nor the others', async () => {
    const f = fakePool((id) => (id === 'h0' || id === 'h1' ? 'hang' : 20));
    const { e } = execution(f.pool, 20, { concurrency: 4, timeoutSec: 0.3 });
    const t0 = performance.now();
    const counts = await e.run();
    expect(counts).toMatchObject({ ok: 18, 'timed-out': 2, queued: 0, running: 0 });
    expect(performance.now() - t0).toBeLessThan(300 + 5 * 20 + 400);
    expect(f.max()).toBeLessThanOrEqual(4);
    expect(f.released()).toBe(18);
  });

  it('cancels a queued host before it starts, and the whole run', async () => {
    const f = fakePool(() => 200);
    const ac = new AbortController();
    const { e, finals } = execution(f.pool, 6, { concurrency: 2, timeoutSec: 5, signal: ac.signal });
    const done = e.run();
    expect(e.cancelHost('h5')).toBe(true);
    setTimeout(() => ac.abort(), 50);
    const counts = await done;
    expect(counts.cancelled).toBe(6);
    expect(finals.filter((h) => h.ci.id === 'h5').at(-1)!.error).toMatch(/before it started/);
  });
});
