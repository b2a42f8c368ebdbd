import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectorMetrics } from '../../../main/monitoring/collector/metrics';
import type { CollectorPart } from '../../../main/monitoring/collector/part';
import type { CollectorTarget } from '../../../shared/api/monitoring-collector';
import { RecordingSink } from '../../unit/monitoring-collector/fixture';
import { memTotalBytes, named, valueOf } from '../../unit/monitoring-collector/readings';
import { loginsOf, openCollectorLab, type CollectorLab } from './fixture';

// The SSH collector against real OpenSSH servers on 127.0.0.1 (this machine:
// so what it reads must be what this machine's /proc says).
let lab: CollectorLab;
let sink: RecordingSink;
let part: CollectorPart;
/** real time, moved forward by hand to make a schedule due */
let skew = 0;
const clock = { now: () => Date.now() + skew };
const rateNames = new Set(collectorMetrics.filter((m) => m.kind === 'rate').map((m) => m.name));

beforeAll(async () => {
  lab = await openCollectorLab({ servers: 2, untrusted: [1], clock });
  sink = new RecordingSink();
  part = lab.collector(sink);
}, 120_000);

afterAll(async () => {
  await lab?.close();
});

const scrape = async (ciId: string): Promise<CollectorTarget> => (await part.service.scrapeNow([ciId]))[0];

describe('the SSH collector on real sshd', () => {
  it('reads this machine’s memory and CPUs, over one kept-open connection', async () => {
    const [web] = lab.hosts;
    const pool = lab.app.services.ssh.pool;
    part.service.set({ ciIds: [web.id], enabled: true, intervalSec: 15 });
    const row = await scrape(web.id);
    expect(row).toMatchObject({ state: 'ok', lastError: null, problems: [] });
    expect(row.lastDurationMs).toBeGreaterThan(0);
    const [first] = sink.appends(web.id);
    expect(valueOf(first, 'host_memory_total_bytes')).toBe(memTotalBytes());
    expect(valueOf(first, 'host_cpu_count')).toBe(os.cpus().length);
    expect(valueOf(first, 'host_filesystem_size_bytes', { mountpoint: '/' })).toBeGreaterThan(0);
    // df -PT ran on the host: the root filesystem carries its type.
    const root = named(first, 'host_filesystem_size_bytes').find((s) => s.labels.mountpoint === '/');
    expect(root?.labels.fstype).toMatch(/^[a-z0-9_.]+$/);
    // The first scrape opened the connection: /proc was read after the handshake, and its samples say so.
    expect(first[0].t).toBeGreaterThan(row.lastScrapeAt!);
    expect(first.every((s) => s.labels.ci === web.id && s.labels.host === 'lab-01')).toBe(true);
    expect(first.filter((s) => rateNames.has(s.labels.__name__))).toEqual([]);
    expect(row.seriesCount).toBe(first.length);

    await new Promise((r) => setTimeout(r, 1_200));
    await scrape(web.id);
    await scrape(web.id);
    expect(pool.openCount()).toBe(1);
    expect(loginsOf(lab.lab.servers[0])).toBe(1);
    expect(sink.appends(web.id)).toHaveLength(3);
  });

  it('turns counters into sane rates after two scrapes', async () => {
    const [web] = lab.hosts;
    const [, , third] = sink.appends(web.id);
    const cpu = named(third, 'host_cpu_usage_percent');
    // Two scrapes a few ms apart may see no jiffy go by; the pair 1.2 s apart above did.
    const second = sink.appends(web.id)[1];
    const modes = named(second, 'host_cpu_usage_percent');
    expect(modes).toHaveLength(8);
    expect(modes.reduce((s, x) => s + x.v, 0)).toBeCloseTo(100, 6);
    for (const m of [...modes, ...cpu]) expect(m.v).toBeGreaterThanOrEqual(0);
    for (const s of [second, third].flat().filter((x) => rateNames.has(x.labels.__name__))) {
      expect(s.v).toBeGreaterThanOrEqual(0);
    }
    // The SSH session itself crosses lo: bytes were received there.
    expect(valueOf(second, 'host_network_receive_bytes_per_second', { device: 'lo' })).toBeGreaterThan(0);
    expect(named(second, 'host_disk_reads_per_second').length).toBeGreaterThan(0);
  });

  it('marks a host whose sshd stopped stale (host_up 0, no zeros) and recovers when it answers again', async () => {
    const [web] = lab.hosts;
    const server = lab.lab.servers[0];
    await server.stop();
    sink.clear();
    const before = Date.now();
    const down = await scrape(web.id);
    expect(down.state).toBe('stale');
    // The kept connection died with the server: the collector tried a fresh one before saying so.
    expect(down.lastError).toBe(
      `lab-01: connection refused on 127.0.0.1:${server.port} (is sshd running on that port?).`,
    );
    const stales = sink.stales();
    expect(stales).toHaveLength(1);
    expect(stales[0].match).toEqual({ ci: web.id });
    expect(stales[0].t).toBeGreaterThanOrEqual(before);
    const written = sink.appends(web.id).flat();
    expect(written.map((s) => [s.labels.__name__, s.v])).toEqual([['host_up', 0]]);
    expect(lab.app.services.ssh.pool.openCount()).toBe(0);

    // Still down: no second stale mark, host_up stays 0.
    await scrape(web.id);
    expect(sink.stales()).toHaveLength(1);

    await server.restart(); // same address, port and host key
    sink.clear();
    const back = await scrape(web.id);
    expect(back).toMatchObject({ state: 'ok', lastError: null });
    const [gauges] = sink.appends(web.id);
    expect(valueOf(gauges, 'host_up')).toBe(1);
    expect(valueOf(gauges, 'host_memory_total_bytes')).toBe(memTotalBytes());
    expect(gauges.filter((s) => rateNames.has(s.labels.__name__))).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_100));
    await scrape(web.id);
    expect(named(sink.appends(web.id)[1], 'host_cpu_usage_percent')).toHaveLength(8);
  });

  it('holds an unknown host key for review instead of accepting it', async () => {
    const stranger = lab.hosts[1];
    const server = lab.lab.servers[1];
    part.service.set({ ciIds: [stranger.id], enabled: true, intervalSec: 15 });
    sink.clear();
    const held = await scrape(stranger.id);
    expect(held.state).toBe('stale');
    expect(held.lastError).toMatch(/host key of lab-02 .* is not known yet .*review it in Known hosts/);
    expect(
      sink
        .appends(stranger.id)
        .flat()
        .map((s) => s.labels.__name__),
    ).toEqual(['host_up']);
    expect(loginsOf(server)).toBe(0); // nothing was sent before the key was trusted
    const keys = lab.app.services.ssh.hostKeys.list();
    const pending = keys.pending.find((p) => p.port === server.port);
    expect(pending?.fingerprint).toBe(server.fingerprint);
    expect(keys.known.some((k) => k.port === server.port)).toBe(false);

    // A person accepts it: the next scrape goes through.
    lab.app.services.ssh.hostKeys.accept([pending!.id], true, 'tester');
    expect(await scrape(stranger.id)).toMatchObject({ state: 'ok', lastError: null });
    expect(loginsOf(server)).toBe(1);
  });

  it('scrapes due hosts on tick, publishing each scrape', async () => {
    const events: CollectorTarget[] = [];
    const off = lab.app.bus.subscribe('monitoring.collector.scraped', (p) => events.push(p));
    const ids = lab.hosts.map((h) => h.id);
    await part.ticking!.tick(); // both were just scraped: nothing is due
    expect(events).toEqual([]);
    skew += 60_000;
    await part.ticking!.tick();
    off();
    expect(events.map((e) => [e.ci.id, e.state]).sort()).toEqual(ids.map((id) => [id, 'ok']).sort());
    expect(part.service.inFlight()).toBe(0);
  });
});
