import { execSync } from 'node:child_process';
import { readFileSync, statfsSync } from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseDf } from '../../../main/monitoring/collect/df';
import { parseDiskstats } from '../../../main/monitoring/collect/diskstats';
import { parseLoadavg } from '../../../main/monitoring/collect/loadavg';
import { parseMeminfo } from '../../../main/monitoring/collect/meminfo';
import { parseNetDev } from '../../../main/monitoring/collect/netdev';
import { parseScrape } from '../../../main/monitoring/collect/parse-scrape';
import { parseProcStat } from '../../../main/monitoring/collect/proc-stat';
import { scrapeCommand } from '../../../main/monitoring/collect/scrape';

// This machine's own /proc and df: the formats the SSH collector will meet.
const read = (p: string) => readFileSync(p, 'utf8');

describe('parsers on this machine', () => {
  it('/proc/stat: one line per online CPU plus the total, no problems', () => {
    const { value, problems } = parseProcStat(read('/proc/stat'));
    expect(problems).toEqual([]);
    expect(Object.keys(value.cpus).filter((k) => k !== 'cpu')).toHaveLength(os.cpus().length);
    expect(value.bootTimeSec).toBeGreaterThan(1e9);
  });

  it('/proc/meminfo: MemTotal equals what Node reports', () => {
    const { value, problems } = parseMeminfo(read('/proc/meminfo'));
    expect(problems).toEqual([]);
    expect(value.MemTotal).toBe(os.totalmem());
  });

  it('/proc/loadavg, /proc/diskstats, /proc/net/dev parse cleanly', () => {
    expect(parseLoadavg(read('/proc/loadavg')).value?.load1).toBeCloseTo(os.loadavg()[0], 1);
    const disks = parseDiskstats(read('/proc/diskstats'));
    expect(disks.problems).toEqual([]);
    expect(Object.keys(disks.value).some((d) => /^(loop|ram)\d/.test(d))).toBe(false);
    const net = parseNetDev(read('/proc/net/dev'));
    expect(net.problems).toEqual([]);
    expect(Object.keys(net.value)).toContain('lo');
  });

  it('df -P -k: the root filesystem matches statfs', () => {
    const { value, problems } = parseDf(
      execSync('df -P -k', { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }),
    );
    expect(problems).toEqual([]);
    const root = value.find((e) => e.mount === '/');
    const s = statfsSync('/');
    expect(root).toBeDefined();
    // df rounds up to whole KiB.
    expect(Math.abs(root!.sizeBytes - s.blocks * s.bsize)).toBeLessThan(1024);
  });

  it('the real scrape command returns every section, complete and problem-free', () => {
    const scrape = parseScrape(execSync(scrapeCommand(), { encoding: 'utf8' }));
    expect(scrape.missing).toEqual([]);
    expect(scrape.complete).toBe(true);
    expect(scrape.problems).toEqual([]);
    expect(scrape.meminfo?.MemTotal).toBe(os.totalmem());
    // df -T names the type the kernel mounted / with (the last mount over / is the visible one).
    const rootType = read('/proc/self/mounts')
      .split('\n')
      .map((l) => l.split(' '))
      .filter((f) => f[1] === '/')
      .at(-1)?.[2];
    expect(scrape.df?.find((e) => e.mount === '/')?.fstype).toBe(rootType);
  });

  it('the scrape command survives a csh-like quoting context: one single-quoted sh -c', () => {
    const cmd = scrapeCommand();
    expect(cmd.startsWith("env LC_ALL=C sh -c '")).toBe(true);
    expect(cmd.slice("env LC_ALL=C sh -c '".length, -1)).not.toContain("'");
  });
});
