import fc from 'fast-check';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { collectorMetric, collectorMetrics } from '../../../main/monitoring/collector/metrics';
import { buildSamples, keptFilesystems, rateBasis } from '../../../main/monitoring/collector/samples';
import type { SampleIn } from '../../../main/monitoring/types';
import { memTotalBytes, named, reading, realReading, valueOf, type Counters } from './readings';

const id = { ci: 'ci-1', host: 'web-01' };
const rateNames = collectorMetrics.filter((m) => m.kind === 'rate').map((m) => m.name);
const seriesKey = (s: SampleIn) => JSON.stringify(Object.entries(s.labels).sort());

/** Every sample is a documented metric with exactly its documented labels. */
function expectDocumented(samples: SampleIn[]): void {
  for (const s of samples) {
    const m = collectorMetric(s.labels.__name__);
    expect(m, s.labels.__name__).toBeDefined();
    expect(Object.keys(s.labels).sort()).toEqual(['__name__', 'ci', 'host', ...m!.labels].sort());
    expect(s.labels).toMatchObject(id);
    expect(Number.isFinite(s.v)).toBe(true);
  }
  expect(new Set(samples.map(seriesKey)).size).toBe(samples.length);
}

function burnCpu(ms: number): void {
  const end = performance.now() + ms;
  let x = 0;
  while (performance.now() < end) x += Math.sqrt(x + 1);
  if (x < 0) throw new Error('unreachable');
}

describe('samples from this machine’s /proc', () => {
  it('the first scrape writes gauges only, MemTotal and the CPU count as /proc says', () => {
    const first = realReading(1_000);
    expect(first.scrape.problems).toEqual([]);
    const s = buildSamples(undefined, first, id, 42);
    expectDocumented(s);
    expect(s.filter((x) => rateNames.includes(x.labels.__name__))).toEqual([]);
    expect(valueOf(s, 'host_memory_total_bytes')).toBe(memTotalBytes());
    expect(valueOf(s, 'host_cpu_count')).toBe(os.cpus().length);
    expect(valueOf(s, 'host_up')).toBe(1);
    expect(valueOf(s, 'host_scrape_duration_seconds')).toBe(0.042);
    expect(valueOf(s, 'host_load1')).toBeCloseTo(os.loadavg()[0], 0);
    expect(valueOf(s, 'host_filesystem_size_bytes', { mountpoint: '/' })).toBeGreaterThan(0);
    expect(s.every((x) => x.t === 1_000)).toBe(true);
  });

  it('two readings make sane rates: CPU modes sum to 100, nothing negative', async () => {
    const t0 = Date.now();
    const a = realReading(t0);
    burnCpu(300);
    await new Promise((r) => setTimeout(r, 100));
    const b = realReading(Date.now());
    const s = buildSamples(a, b, id, 10);
    expectDocumented(s);
    const modes = named(s, 'host_cpu_usage_percent');
    expect(modes.map((m) => m.labels.mode).sort()).toEqual(
      ['idle', 'iowait', 'irq', 'nice', 'softirq', 'steal', 'system', 'user'].sort(),
    );
    expect(modes.reduce((sum, m) => sum + m.v, 0)).toBeCloseTo(100, 6);
    for (const m of modes) expect(m.v).toBeGreaterThanOrEqual(0);
    expect(valueOf(s, 'host_cpu_usage_percent', { mode: 'user' })).toBeGreaterThan(0);
    for (const x of s.filter((y) => rateNames.includes(y.labels.__name__))) expect(x.v).toBeGreaterThanOrEqual(0);
    expect(valueOf(s, 'host_network_receive_bytes_per_second', { device: 'lo' })).toBeGreaterThanOrEqual(0);
    // Partitions and loop devices repeat their disk: no series of their own.
    const devices = named(s, 'host_disk_reads_per_second').map((x) => x.labels.device);
    expect(devices.filter((d) => /^(loop|ram|zram)\d|^[shv]d[a-z]+\d|p\d+$/.test(d))).toEqual([]);
    for (const x of named(s, 'host_disk_io_time_percent')) expect(x.v).toBeLessThanOrEqual(100);
  });
});

const base: Counters = {
  btime: 1_700_000_000,
  cpu: [1000, 0, 500, 8000, 100, 0, 0, 0],
  disks: { vda: [100, 2000, 50, 1000, 400], vda1: [10, 20, 5, 10, 40], 'dm-0': [1, 1, 1, 1, 1] },
  nics: { lo: [5000, 0, 5000, 0], eth0: [1_000_000, 3, 2_000_000, 1] },
};

function after(c: Counters, f: (n: Counters) => void): Counters {
  const n = structuredClone(c);
  f(n);
  return n;
}

describe('rates from two parsed scrapes', () => {
  const later = after(base, (n) => {
    n.cpu = [1300, 0, 600, 8500, 100, 0, 0, 100]; // +300 user, +100 system, +500 idle, +100 steal
    n.disks.vda = [300, 2000 + 20_000, 70, 1000 + 4000, 400 + 5000];
    n.nics.eth0 = [1_000_000 + 100_000, 3 + 10, 2_000_000 + 50_000, 1];
  });

  it('turns counters into per-second rates and CPU shares in percent', () => {
    const s = buildSamples(reading(0, base), reading(10_000, later), id, 5);
    expect(valueOf(s, 'host_cpu_usage_percent', { mode: 'user' })).toBeCloseTo(30);
    expect(valueOf(s, 'host_cpu_usage_percent', { mode: 'system' })).toBeCloseTo(10);
    expect(valueOf(s, 'host_cpu_usage_percent', { mode: 'idle' })).toBeCloseTo(50);
    expect(valueOf(s, 'host_cpu_usage_percent', { mode: 'steal' })).toBeCloseTo(10);
    expect(valueOf(s, 'host_disk_reads_per_second', { device: 'vda' })).toBe(20);
    expect(valueOf(s, 'host_disk_read_bytes_per_second', { device: 'vda' })).toBe((20_000 * 512) / 10);
    expect(valueOf(s, 'host_disk_writes_per_second', { device: 'vda' })).toBe(2);
    expect(valueOf(s, 'host_disk_written_bytes_per_second', { device: 'vda' })).toBe((4000 * 512) / 10);
    expect(valueOf(s, 'host_disk_io_time_percent', { device: 'vda' })).toBeCloseTo(50);
    expect(valueOf(s, 'host_disk_reads_per_second', { device: 'vda1' })).toBeUndefined();
    expect(valueOf(s, 'host_disk_reads_per_second', { device: 'dm-0' })).toBe(0);
    expect(valueOf(s, 'host_network_receive_bytes_per_second', { device: 'eth0' })).toBe(10_000);
    expect(valueOf(s, 'host_network_receive_errors_per_second', { device: 'eth0' })).toBe(1);
    expect(valueOf(s, 'host_network_transmit_bytes_per_second', { device: 'eth0' })).toBe(5_000);
    expect(valueOf(s, 'host_network_transmit_errors_per_second', { device: 'eth0' })).toBe(0);
    expect(valueOf(s, 'host_memory_total_bytes')).toBe(1000 * 1024);
    expectDocumented(s);
  });

  it('writes no rate across a reboot, even when the new counters happen to be higher', () => {
    const rebooted = after(later, (n) => (n.btime = base.btime + 3600));
    const s = buildSamples(reading(0, base), reading(10_000, rebooted), id, 5);
    expect(s.filter((x) => rateNames.includes(x.labels.__name__))).toEqual([]);
    expect(valueOf(s, 'host_memory_total_bytes')).toBe(1000 * 1024);
  });

  it('tolerates btime moving by a second (a clock adjustment, not a reboot)', () => {
    const jittered = after(later, (n) => (n.btime = base.btime + 1));
    const s = buildSamples(reading(0, base), reading(10_000, jittered), id, 5);
    expect(valueOf(s, 'host_cpu_usage_percent', { mode: 'user' })).toBeCloseTo(30);
  });

  it('skips a device whose counters went back, and CPU shares when a CPU counter did', () => {
    const reset = after(later, (n) => {
      n.nics.eth0 = [500, 0, 2_100_000, 1]; // rx reset (re-plugged NIC), tx grew
      n.cpu = [1300, 0, 600, 7000, 100, 0, 0, 100]; // idle went back
    });
    const s = buildSamples(reading(0, base), reading(10_000, reset), id, 5);
    expect(named(s, 'host_network_receive_bytes_per_second').map((x) => x.labels.device)).toEqual(['lo']);
    expect(named(s, 'host_network_transmit_bytes_per_second').map((x) => x.labels.device)).toEqual(['lo']);
    expect(named(s, 'host_cpu_usage_percent')).toEqual([]);
    expect(valueOf(s, 'host_disk_reads_per_second', { device: 'vda' })).toBe(20);
  });

  it('writes no rate when time did not move forward', () => {
    const s = buildSamples(reading(10_000, base), reading(10_000, later), id, 5);
    expect(s.filter((x) => rateNames.includes(x.labels.__name__))).toEqual([]);
  });
});

describe('filesystems', () => {
  it('keeps real filesystems once and computes used% as df does', () => {
    const df = [
      'Filesystem 1024-blocks Used Available Capacity Mounted on',
      '/dev/vda 1000 300 600 34% /',
      'devtmpfs 500 0 500 0% /dev',
      'tmpfs 50 0 50 0% /dev/shm',
      'proc - - - - /proc',
      'cgroup 0 0 0 - /sys/fs/cgroup',
      'overlay 100 10 90 10% /var/lib/docker/overlay2/abc/merged',
      '/dev/vdb1 200 100 100 50% /data',
      '/dev/vdb1 200 150 50 75% /data',
      'tmpfs 64 1 63 2% /run',
    ].join('\n');
    const s = buildSamples(undefined, reading(0, base, { df: df + '\n' }), id, 1);
    expect(named(s, 'host_filesystem_size_bytes').map((x) => x.labels.mountpoint)).toEqual(['/', '/data', '/run']);
    expect(valueOf(s, 'host_filesystem_used_percent', { mountpoint: '/' })).toBeCloseTo((100 * 300) / 900);
    expect(valueOf(s, 'host_filesystem_used_percent', { mountpoint: '/data' })).toBe(75);
    expect(valueOf(s, 'host_filesystem_avail_bytes', { mountpoint: '/data', device: '/dev/vdb1' })).toBe(50 * 1024);
    expect(keptFilesystems([])).toEqual([]);
  });

  it('labels df -PT rows with their fstype and leaves out images and kernel filesystems', () => {
    const df = [
      'Filesystem Type 1024-blocks Used Available Capacity Mounted on',
      'overlay overlay 1000 300 600 34% /',
      '/dev/loop3 squashfs 56960 56960 0 100% /snap/core/16202',
      '/dev/sr0 iso9660 4000 4000 0 100% /media/cdrom',
      'overlay overlay 100 10 90 10% /srv/containers/x/merged',
      'nfs:/export nfs4 2000 1000 500 67% /mnt/share',
      'tmpfs tmpfs 64 1 63 2% /run',
      'none tracefs 1 0 1 0% /srv/trace',
    ].join('\n');
    const s = buildSamples(undefined, reading(0, base, { df: `${df}\n` }), id, 1);
    expectDocumented(s);
    expect(named(s, 'host_filesystem_size_bytes').map((x) => [x.labels.mountpoint, x.labels.fstype])).toEqual([
      ['/', 'overlay'],
      ['/mnt/share', 'nfs4'],
      ['/run', 'tmpfs'],
    ]);
    // Root-reserved space is not "used": 1000 used of the 1500 users can have, not of the 2000.
    expect(valueOf(s, 'host_filesystem_used_percent', { mountpoint: '/mnt/share' })).toBeCloseTo((100 * 1000) / 1500);
  });

  it('used% is df’s Use% on this machine, before df rounds it up', () => {
    const r = realReading(1);
    const shown = named(buildSamples(undefined, r, id, 1), 'host_filesystem_used_percent');
    expect(shown.length).toBeGreaterThan(0);
    for (const x of shown) {
      const row = r.scrape.df?.find((e) => e.mount === x.labels.mountpoint && e.filesystem === x.labels.device);
      expect(row?.capacityPercent, x.labels.mountpoint).toBeTypeOf('number');
      // df rounds up from its raw block counts; the printed KiB may tip it by one.
      expect(Math.abs(Math.ceil(x.v) - row!.capacityPercent!), x.labels.mountpoint).toBeLessThanOrEqual(1);
    }
  });
});

describe('what is kept between scrapes', () => {
  it('rateBasis keeps only what rates need, and the rates from it are the same', () => {
    const later = after(base, (n) => {
      n.cpu = [1300, 0, 600, 8500, 100, 0, 0, 100];
      n.disks.vda = [300, 22_000, 70, 5000, 5400];
    });
    const a = reading(0, base);
    const kept = { t: 0, scrape: rateBasis(a.scrape) };
    expect(Object.keys(kept.scrape.stat!.cpus)).toEqual(['cpu']);
    expect(Object.keys(kept.scrape.diskstats!).sort()).toEqual(['dm-0', 'vda']);
    expect(kept.scrape.meminfo).toBeUndefined();
    expect(kept.scrape.df).toBeUndefined();
    const b = reading(10_000, later);
    expect(buildSamples(kept, b, id, 5)).toEqual(buildSamples(a, b, id, 5));
  });
});

describe('properties', () => {
  const nat = fc.nat(2 ** 40);
  const counters = fc.record({
    btime: fc.constantFrom(1_700_000_000, 1_700_000_001, 1_700_003_600),
    cpu: fc.array(nat, { minLength: 8, maxLength: 8 }),
    disks: fc.dictionary(
      fc.constantFrom('sda', 'sda1', 'vdb', 'nvme0n1', 'nvme0n1p2', 'dm-1', 'md0'),
      fc.tuple(nat, nat, nat, nat, nat),
    ),
    nics: fc.dictionary(fc.constantFrom('lo', 'eth0', 'wlan0', 'br-x'), fc.tuple(nat, nat, nat, nat)),
  });

  it('any two readings: finite values, no negative rate, CPU shares sum to 100 when written', () => {
    fc.assert(
      fc.property(counters, counters, fc.integer({ min: -5000, max: 60_000 }), (a, b, dt) => {
        const s = buildSamples(reading(100_000, a), reading(100_000 + dt, b), id, 3);
        expectDocumented(s);
        for (const x of s.filter((y) => rateNames.includes(y.labels.__name__))) expect(x.v).toBeGreaterThanOrEqual(0);
        const cpu = named(s, 'host_cpu_usage_percent');
        if (cpu.length > 0) expect(cpu.reduce((sum, x) => sum + x.v, 0)).toBeCloseTo(100, 6);
        if (dt <= 0 || Math.abs(a.btime - b.btime) > 2) {
          expect(s.filter((y) => rateNames.includes(y.labels.__name__))).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
