import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDf } from '../../../main/monitoring/collect/df';
import { parseDiskstats } from '../../../main/monitoring/collect/diskstats';
import { parseLoadavg } from '../../../main/monitoring/collect/loadavg';
import { parseMeminfo } from '../../../main/monitoring/collect/meminfo';
import { parseNetDev } from '../../../main/monitoring/collect/netdev';
import { parseProcStat } from '../../../main/monitoring/collect/proc-stat';
import { DF, DF_512, DF_TYPED, DISKSTATS, LOADAVG, MEMINFO, NET_DEV, PROC_STAT, PROC_STAT_OLD } from './fixtures';

describe('parseProcStat', () => {
  it('reads every cpu line and the scalar counters', () => {
    const { value, problems } = parseProcStat(PROC_STAT);
    expect(problems).toEqual([]);
    expect(Object.keys(value.cpus)).toEqual(['cpu', 'cpu0', 'cpu1']);
    expect(value.cpus.cpu).toEqual({
      user: 10132153,
      nice: 290696,
      system: 3084719,
      idle: 46828483,
      iowait: 16683,
      irq: 0,
      softirq: 25195,
      steal: 0,
      guest: 175628,
      guestNice: 0,
    });
    expect(value).toMatchObject({ contextSwitches: 115315, bootTimeSec: 1676000000, procsRunning: 3, procsBlocked: 1 });
  });

  it('fills columns an old kernel lacks with 0, and reports bad lines', () => {
    expect(parseProcStat(PROC_STAT_OLD).value.cpus.cpu).toMatchObject({ softirq: 7, steal: 0, guestNice: 0 });
    const { value, problems } = parseProcStat('cpu 1 2 x 4\ncpu0 1 2 3 4\n');
    expect(value.cpus.cpu0.idle).toBe(4);
    expect(problems.map((p) => p.line)).toEqual([1, 0]);
  });
});

describe('parseMeminfo', () => {
  it('turns kB into bytes and keeps unitless counts', () => {
    const { value, problems } = parseMeminfo(MEMINFO);
    expect(problems).toEqual([]);
    expect(value.MemTotal).toBe(16318156 * 1024);
    expect(value.MemAvailable).toBe(9842160 * 1024);
    expect(value.HugePages_Total).toBe(0);
  });

  it('reports malformed lines and a missing MemTotal', () => {
    const { value, problems } = parseMeminfo('MemFree: 12 MB\nMemFree: 3 kB\ngarbage\n');
    expect(value).toEqual({ MemFree: 3072 });
    expect(problems.map((p) => p.line)).toEqual([1, 3, 0]);
  });
});

describe('parseLoadavg', () => {
  it('reads the five fields', () => {
    expect(parseLoadavg(LOADAVG)).toEqual({
      value: { load1: 0.52, load5: 0.58, load15: 0.59, running: 2, total: 1234, lastPid: 5678 },
      problems: [],
    });
  });
  it('yields null and a problem for anything else', () => {
    expect(parseLoadavg('0.5 0.5\n').value).toBeNull();
    expect(parseLoadavg('').problems).toHaveLength(1);
  });
});

describe('parseDiskstats', () => {
  it('skips ram and loop devices and converts sectors to bytes', () => {
    const { value, problems } = parseDiskstats(DISKSTATS);
    expect(problems).toEqual([]);
    expect(Object.keys(value)).toEqual(['nvme0n1', 'nvme0n1p1', 'sda', 'dm-0']);
    expect(value.nvme0n1).toEqual({
      readsCompleted: 2270640,
      readBytes: 151048458 * 512,
      readTimeMs: 497766,
      writesCompleted: 4393431,
      writtenBytes: 243215184 * 512,
      writeTimeMs: 4193745,
      inProgress: 0,
      ioTimeMs: 2466428,
    });
  });
  it('reports short lines', () => {
    expect(parseDiskstats('8 0 sda 1 2 3\n').problems).toHaveLength(1);
  });
});

describe('parseNetDev', () => {
  it('reads interfaces, including the no-space form of old kernels', () => {
    const { value, problems } = parseNetDev(NET_DEV);
    expect(problems).toEqual([]);
    expect(value.enp3s0).toEqual({
      rxBytes: 1284951219,
      rxPackets: 1042151,
      rxErrs: 3,
      rxDrop: 17,
      txBytes: 97155401,
      txPackets: 589712,
      txErrs: 1,
      txDrop: 2,
    });
    expect(value.lo.txBytes).toBe(2776770);
  });
});

describe('parseDf', () => {
  it('reads rows, keeping spaces in mount points and treating "-" as unknown', () => {
    const { value, problems } = parseDf(DF);
    expect(problems).toEqual([]);
    expect(value.map((e) => e.mount)).toEqual([
      '/dev',
      '/',
      '/media/My Backup Disk',
      '/mnt/nas share',
      '/proc/sys/fs/binfmt_misc',
    ]);
    expect(value[1]).toEqual({
      filesystem: '/dev/nvme0n1p2',
      fstype: null,
      sizeBytes: 479079112 * 1024,
      usedBytes: 273891012 * 1024,
      availBytes: 180778616 * 1024,
      capacityPercent: 61,
      mount: '/',
    });
    expect(value[4]).toMatchObject({ sizeBytes: 0, capacityPercent: null });
  });
  it('honours the block size in the header', () => {
    expect(parseDf(DF_512).value[0].sizeBytes).toBe(2000 * 512);
  });

  it('reads the Type column of df -PT, even after a name with spaces and digits', () => {
    const { value, problems } = parseDf(DF_TYPED);
    expect(problems).toEqual([]);
    expect(value.map((e) => [e.filesystem, e.fstype, e.mount])).toEqual([
      ['udev', 'devtmpfs', '/dev'],
      ['/dev/nvme0n1p2', 'ext4', '/'],
      ['/dev/loop3', 'squashfs', '/snap/core/16202'],
      ['//nas/share', 'cifs', '/mnt/nas share'],
      ['My Disk 2', 'fuseblk', '/media/My Disk 2'],
      ['none', 'binfmt_misc', '/proc/sys/fs/binfmt_misc'],
    ]);
    expect(value[1]).toMatchObject({ sizeBytes: 479079112 * 1024, availBytes: 180778616 * 1024, capacityPercent: 61 });
  });

  it('property: any df -P or df -PT table, as df pads it, reads back exactly', () => {
    const word = fc.stringMatching(/^[a-z/_.:-]{1,12}$/);
    const row = fc.record({
      filesystem: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
      fstype: fc.stringMatching(/^[a-z0-9_.]{1,10}$/),
      size: fc.nat(2 ** 40),
      used: fc.nat(2 ** 40),
      avail: fc.nat(2 ** 40),
      capacity: fc.option(fc.nat(100), { nil: null }),
      mount: fc
        .array(fc.stringMatching(/^[A-Za-z0-9_./-]{1,10}$/), { minLength: 1, maxLength: 3 })
        .map((w) => `/${w.join(' ')}`),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.boolean(), fc.nat(3), (rows, typed, pad) => {
        const sp = ' '.repeat(pad + 1);
        const head = `Filesystem${sp}${typed ? `Type${sp}` : ''}1024-blocks${sp}Used${sp}Available${sp}Capacity Mounted on`;
        const lines = rows.map((r) =>
          [
            r.filesystem,
            ...(typed ? [r.fstype] : []),
            r.size,
            r.used,
            r.avail,
            r.capacity === null ? '-' : `${r.capacity}%`,
            r.mount,
          ].join(sp),
        );
        const { value, problems } = parseDf([head, ...lines].join('\n'));
        expect(problems).toEqual([]);
        expect(value).toEqual(
          rows.map((r) => ({
            filesystem: r.filesystem,
            fstype: typed ? r.fstype : null,
            sizeBytes: r.size * 1024,
            usedBytes: r.used * 1024,
            availBytes: r.avail * 1024,
            capacityPercent: r.capacity,
            mount: r.mount,
          })),
        );
      }),
      { numRuns: 500 },
    );
  });
});
