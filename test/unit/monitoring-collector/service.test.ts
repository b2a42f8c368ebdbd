import { afterEach, describe, expect, it } from 'vitest';
import type { HostRunner } from '../../../main/monitoring/collector/run-scrape';
import { phaseOf } from '../../../main/monitoring/collector/schedule';
import type { ExecResult } from '../../../main/ssh/types';
import { OpsError } from '../../../shared/api/errors';
import { host, localRun, openCollector, type CollectorFixture } from './fixture';
import { named, scrapeText, valueOf, type Counters } from './readings';

/**
 * The collector's schedule and bookkeeping with a fake clock, a recording
 * sink and a scripted runner (the SSH side is tested against real sshd in
 * test/integration/monitoring-collector).
 */

const ok = (stdout: string): ExecResult => ({ exitCode: 0, signal: null, stdout, stderr: '', truncated: false });

/** Counters that grow by a fixed step on every call, per host. */
function growing(): HostRunner & { calls: { ciId: string; timeoutMs: number }[] } {
  const n = new Map<string, number>();
  const calls: { ciId: string; timeoutMs: number }[] = [];
  const run: HostRunner = async (ciId, o) => {
    calls.push({ ciId, timeoutMs: o.timeoutMs });
    const k = (n.get(ciId) ?? 0) + 1;
    n.set(ciId, k);
    const c: Counters = {
      btime: 1_700_000_000,
      cpu: [100 * k, 0, 50 * k, 850 * k, 0, 0, 0, 0],
      disks: { vda: [10 * k, 100 * k, 5 * k, 50 * k, 100 * k] },
      nics: { eth0: [1000 * k, 0, 2000 * k, 0] },
    };
    return ok(scrapeText(c));
  };
  return Object.assign(run, { calls });
}

let f: CollectorFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const rateSamples = (s: { labels: Record<string, string> }[]) =>
  s.filter((x) => /_per_second$|_percent$/.test(x.labels.__name__) && !x.labels.__name__.startsWith('host_filesystem'));

describe('collector targets', () => {
  it('refuses unknown and non-connectable CIs, and what the resolver refuses, writing nothing', () => {
    let refuse = false;
    f = openCollector(growing(), {
      checkConnectable: () => {
        if (refuse) throw new OpsError('bad_input', 'web-01 has no address: set one on its CI page.');
      },
    });
    const web = f.addCi(host('web-01'));
    const svc = f.addCi({ type: 'service', name: 'billing' });
    expect(() => f!.service.set({ ciIds: [web.id, svc.id], enabled: true, intervalSec: 15 })).toThrow(
      /billing is a service; the SSH collector reads host, vm and network-device CIs only/,
    );
    expect(() => f!.service.set({ ciIds: ['nope'], enabled: true, intervalSec: 15 })).toThrow(OpsError);
    refuse = true;
    expect(() => f!.service.set({ ciIds: [web.id], enabled: true, intervalSec: 15 })).toThrow(/has no address/);
    expect(f.service.list()).toEqual([]);
    // Turning collection off needs no connection details.
    expect(f.service.set({ ciIds: [web.id], enabled: false, intervalSec: 15 })[0]).toMatchObject({
      ci: { id: web.id, name: 'web-01', type: 'host' },
      enabled: false,
      state: 'disabled',
    });
  });

  it('scrapes a new target on the next tick, then once per interval, one append per scrape', async () => {
    const run = growing();
    f = openCollector(run);
    const web = f.addCi(host('web-01'));
    const t0 = f.clock.t;
    expect(f.service.set({ ciIds: [web.id], enabled: true, intervalSec: 15 })[0]).toMatchObject({
      state: 'waiting',
      lastScrapeAt: null,
      intervalSec: 15,
    });
    await f.service.tick();
    expect(run.calls).toEqual([{ ciId: web.id, timeoutMs: 10_000 }]);
    const [first] = f.sink.appends();
    expect(first.every((s) => s.t === t0 && s.labels.ci === web.id && s.labels.host === 'web-01')).toBe(true);
    expect(valueOf(first, 'host_up')).toBe(1);
    expect(valueOf(first, 'host_memory_total_bytes')).toBe(1000 * 1024);
    expect(rateSamples(first)).toEqual([]);
    expect(f.service.list()[0]).toMatchObject({
      state: 'ok',
      lastScrapeAt: t0,
      lastError: null,
      problems: [],
      seriesCount: first.length,
    });

    await f.service.tick(); // same instant: nothing is due
    f.clock.advance(7_400); // the next slot is at least half an interval away
    await f.service.tick();
    expect(run.calls).toHaveLength(1);

    f.clock.advance(15_100); // now at least 1.5 intervals later: due exactly once
    await f.service.tick();
    await f.service.tick();
    expect(run.calls).toHaveLength(2);
    const second = f.sink.appends()[1];
    const cpu = named(second, 'host_cpu_usage_percent');
    expect(cpu.reduce((s, x) => s + x.v, 0)).toBeCloseTo(100);
    expect(valueOf(second, 'host_cpu_usage_percent', { mode: 'user' })).toBeCloseTo(10);
    expect(valueOf(second, 'host_network_receive_bytes_per_second', { device: 'eth0' })).toBeCloseTo(
      1000 / ((f.clock.t - t0) / 1000),
    );
    expect(f.sink.calls.every((c) => c.kind === 'append')).toBe(true);
    expect(f.published.map((p) => p.state)).toEqual(['ok', 'ok']);

    // Steady state (compose ticks once a second): one scrape per interval, on the target's phase.
    const at: number[] = [];
    for (let i = 0; i < 120; i++) {
      f.clock.advance(1_000);
      const before = run.calls.length;
      await f.service.tick();
      if (run.calls.length > before) at.push(f.clock.t);
    }
    expect(at.length).toBeGreaterThanOrEqual(7);
    expect(at.length).toBeLessThanOrEqual(8);
    const phase = phaseOf(web.id, 15_000);
    for (const t of at) expect((t - phase) % 15_000).toBeLessThan(1_000);
    for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBe(15_000);
  });

  it('times samples and rates from when /proc was read, not from when the scrape was asked for', async () => {
    const inner = growing();
    // The first scrape opens the connection (2 s of handshake); the second reuses it.
    const connect = [2_000, 0];
    f = openCollector(async (ciId, o) => ({ ...(await inner(ciId, o)), startedAfterMs: connect.shift() }));
    const web = f.addCi(host('web-01'));
    f.service.set({ ciIds: [web.id], enabled: true, intervalSec: 15 });
    const t0 = f.clock.t;
    await f.service.scrapeNow([web.id]);
    f.clock.advance(15_000);
    await f.service.scrapeNow([web.id]);
    const [first, second] = f.sink.appends();
    expect(first.every((x) => x.t === t0 + 2_000)).toBe(true);
    expect(second.every((x) => x.t === t0 + 15_000)).toBe(true);
    // 1000 bytes between reads 13 s apart, not 15.
    expect(valueOf(second, 'host_network_receive_bytes_per_second', { device: 'eth0' })).toBeCloseTo(1000 / 13);
    expect(f.service.list()[0].lastScrapeAt).toBe(t0 + 15_000);
  });

  it('never scrapes one host twice at once: ticks and scrapeNow join the running scrape', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    f = openCollector(
      async () => {
        calls++;
        await gate;
        return localRun();
      },
      { tickWaitMs: 20 },
    );
    const web = f.addCi(host('web-01'));
    f.service.set({ ciIds: [web.id], enabled: true, intervalSec: 5 });
    await f.service.tick(); // returns after its wait budget; the scrape goes on
    expect(f.service.inFlight()).toBe(1);
    f.clock.advance(60_000);
    await f.service.tick();
    const now = f.service.scrapeNow([web.id]);
    expect(calls).toBe(1);
    release();
    const [row] = await now;
    expect(calls).toBe(1);
    expect(row).toMatchObject({ state: 'ok', lastError: null });
    expect(f.service.inFlight()).toBe(0);
    expect(f.sink.appends()).toHaveLength(1);
  });

  it('scrapes at most maxConcurrent hosts at once and gets through all that are due', async () => {
    let active = 0;
    let peak = 0;
    const inner = growing();
    f = openCollector(
      async (ciId, o) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        return inner(ciId, o);
      },
      { maxConcurrent: 4 },
    );
    const ids = Array.from({ length: 30 }, (_, i) => f!.addCi(host(`web-${String(i).padStart(2, '0')}`)).id);
    f.service.set({ ciIds: ids, enabled: true, intervalSec: 30 });
    await f.service.tick();
    expect(peak).toBe(4);
    expect(new Set(inner.calls.map((c) => c.ciId)).size).toBe(30);
    expect(inner.calls.every((c) => c.timeoutMs === 10_000)).toBe(true);
    expect(f.sink.appends()).toHaveLength(30);
  });
});

describe('a host that stops answering', () => {
  it('goes stale (host_up 0, its other series marked stale, never zero) and recovers', async () => {
    const inner = growing();
    let down = false;
    f = openCollector(async (ciId, o) => {
      if (down) throw new OpsError('unavailable', 'web-01: connection refused on 127.0.0.1:2222 (is sshd running?).');
      return inner(ciId, o);
    });
    const web = f.addCi(host('web-01'));
    f.service.set({ ciIds: [web.id], enabled: true, intervalSec: 15 });
    await f.service.scrapeNow([web.id]);
    f.clock.advance(15_000);
    await f.service.scrapeNow([]);
    f.sink.clear();

    down = true;
    f.clock.advance(15_000);
    const t1 = f.clock.t;
    const [row] = await f.service.scrapeNow([web.id]);
    expect(row).toMatchObject({
      state: 'stale',
      lastScrapeAt: t1,
      lastError: 'web-01: connection refused on 127.0.0.1:2222 (is sshd running?).',
      seriesCount: 1,
    });
    expect(f.sink.calls).toEqual([
      { kind: 'append', samples: [{ labels: { __name__: 'host_up', ci: web.id, host: 'web-01' }, t: t1, v: 0 }] },
      { kind: 'stale', match: { ci: web.id }, t: t1 },
    ]);

    // Still down: host_up stays 0; the series were already ended.
    f.sink.clear();
    f.clock.advance(15_000);
    await f.service.scrapeNow([web.id]);
    expect(f.sink.stales()).toEqual([]);
    expect(
      f.sink
        .appends()
        .flat()
        .map((s) => [s.labels.__name__, s.v]),
    ).toEqual([['host_up', 0]]);

    // Back: gauges at once, rates from the next reading on (never across the gap).
    down = false;
    f.sink.clear();
    f.clock.advance(15_000);
    expect((await f.service.scrapeNow([web.id]))[0]).toMatchObject({ state: 'ok', lastError: null });
    const back = f.sink.appends()[0];
    expect(valueOf(back, 'host_up')).toBe(1);
    expect(rateSamples(back)).toEqual([]);
    f.clock.advance(15_000);
    await f.service.scrapeNow([web.id]);
    expect(named(f.sink.appends()[1], 'host_cpu_usage_percent')).toHaveLength(8);
    expect(f.published.map((p) => p.state)).toEqual(['ok', 'ok', 'stale', 'stale', 'ok', 'ok']);
  });

  it('fails a scrape cut short, or with no /proc, with a sentence naming the host', async () => {
    let out = '';
    f = openCollector(async () => ok(out));
    const web = f.addCi(host('web-01'));
    f.service.set({ ciIds: [web.id], enabled: true, intervalSec: 15 });
    out = '@@opsroom:stat\ncpu  1 2 3 4\n';
    expect((await f.service.scrapeNow([web.id]))[0].lastError).toBe(
      'web-01: the scrape output stopped before its end (the connection ended early).',
    );
    out = '@@opsroom:df\nFilesystem 1024-blocks Used Available Capacity Mounted on\n@@opsroom:end\n';
    expect((await f.service.scrapeNow([web.id]))[0].lastError).toMatch(
      /^web-01 answered over SSH but \/proc\/stat and \/proc\/meminfo could not be read/,
    );
    // Partial but usable: written, with notes.
    out = '@@opsroom:meminfo\nMemTotal: 2048 kB\nbogus line\n@@opsroom:end\n';
    const [row] = await f.service.scrapeNow([web.id]);
    expect(row.state).toBe('ok');
    expect(row.problems).toContain('stat: no output');
    expect(row.problems).toContain('meminfo line 2: Expected "Name: number [kB]".');
    expect(valueOf(f.sink.appends().at(-1)!, 'host_memory_total_bytes')).toBe(2048 * 1024);
  });
});

describe('turning collection off and on', () => {
  it('ends the series of a disabled host, and drops a scrape that finished after it was disabled', async () => {
    let release!: () => void;
    let gate: Promise<void> = Promise.resolve();
    const inner = growing();
    f = openCollector(async (ciId, o) => {
      await gate;
      return inner(ciId, o);
    });
    const web = f.addCi(host('web-01'));
    f.service.set({ ciIds: [web.id], enabled: true, intervalSec: 15 });
    await f.service.scrapeNow([web.id]);
    gate = new Promise<void>((r) => (release = r));
    f.clock.advance(15_000);
    const running = f.service.scrapeNow([web.id]);
    f.sink.clear();
    const t = f.clock.t;
    expect(f.service.set({ ciIds: [web.id], enabled: false, intervalSec: 15 })[0].state).toBe('disabled');
    release();
    await running;
    expect(f.sink.calls).toEqual([{ kind: 'stale', match: { ci: web.id }, t }]);
    f.clock.advance(60_000);
    await f.service.tick();
    expect(inner.calls).toHaveLength(2);
    await expect(f.service.scrapeNow([web.id])).rejects.toThrow(/Collection from web-01 is turned off/);

    // Back on: waiting, scraped on the next tick, gauges first.
    expect(f.service.set({ ciIds: [web.id], enabled: true, intervalSec: 30 })[0]).toMatchObject({
      state: 'waiting',
      intervalSec: 30,
    });
    await f.service.tick();
    expect(inner.calls.at(-1)).toEqual({ ciId: web.id, timeoutMs: 10_000 });
    expect(rateSamples(f.sink.appends().at(-1)!)).toEqual([]);
  });

  it('scrapeNow names what is not collected; with no ids it scrapes every enabled host', async () => {
    const run = growing();
    f = openCollector(run);
    const [a, b, c] = ['a-01', 'b-01', 'c-01'].map((n) => f!.addCi(host(n)));
    await expect(f.service.scrapeNow([a.id])).rejects.toThrow(
      'a-01 is not collected from; turn collection on for it before scraping it.',
    );
    f.service.set({ ciIds: [a.id, b.id], enabled: true, intervalSec: 15 });
    f.service.set({ ciIds: [c.id], enabled: false, intervalSec: 15 });
    const rows = await f.service.scrapeNow([]);
    expect(rows.map((r) => r.ci.name).sort()).toEqual(['a-01', 'b-01']);
    expect(run.calls.map((x) => x.ciId).sort()).toEqual([a.id, b.id].sort());
  });

  it('forgets a target whose CI is deleted', async () => {
    f = openCollector(growing());
    const web = f.addCi(host('web-01'));
    f.service.set({ ciIds: [web.id], enabled: true, intervalSec: 15 });
    f.cmdb.delete({ ids: [web.id] } as never, { actor: 'tester', requestId: 't' });
    expect(f.service.list()).toEqual([]);
    await f.service.tick();
    expect(f.sink.calls).toEqual([]);
  });
});

describe('robustness', () => {
  it('keeps a store failure on the target; tick never throws', async () => {
    f = openCollector(growing());
    const web = f.addCi(host('web-01'));
    f.service.set({ ciIds: [web.id], enabled: true, intervalSec: 15 });
    f.sink.failWith = 'Local series are not built yet.';
    await expect(f.service.tick()).resolves.toBeUndefined();
    expect(f.service.list()[0]).toMatchObject({
      state: 'ok',
      lastError: 'The host answered but its samples could not be stored: Local series are not built yet.',
    });
  });

  it('after a restart, goes on from the last scrape (no rate across the restart)', async () => {
    const run = growing();
    f = openCollector(run);
    const web = f.addCi(host('web-01'));
    f.service.set({ ciIds: [web.id], enabled: true, intervalSec: 15 });
    await f.service.tick();
    await f.service.close();
    const again = f.reopen();
    await again.tick();
    expect(run.calls).toHaveLength(1); // just scraped: not due yet
    f.clock.advance(22_500);
    await again.tick();
    expect(run.calls).toHaveLength(2);
    expect(rateSamples(f.sink.appends()[1])).toEqual([]);
    expect(again.list()[0].state).toBe('ok');
  });
});
