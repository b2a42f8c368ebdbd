import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { parseScrape } from '../../../main/monitoring/collect/parse-scrape';
import { scrapeCommand } from '../../../main/monitoring/collect/scrape';
import type { HostReading } from '../../../main/monitoring/collector/samples';
import type { SampleIn } from '../../../main/monitoring/types';

export interface Counters {
  btime: number;
  /** user nice system idle iowait irq softirq steal */
  cpu: number[];
  /** per device: reads, readSectors, writes, writtenSectors, ioTimeMs */
  disks: Record<string, [number, number, number, number, number]>;
  /** per interface: rxBytes, rxErrs, txBytes, txErrs */
  nics: Record<string, [number, number, number, number]>;
}

/** The text one scrape prints, built from counters (the shapes of a real 5.x kernel). */
export function scrapeText(c: Counters, extra: { df?: string } = {}): string {
  const cpu = c.cpu.join(' ');
  const stat = `cpu  ${cpu} 0 0\ncpu0 ${cpu} 0 0\ncpu1 ${cpu} 0 0\nintr 1 0\nctxt 5\nbtime ${c.btime}\nprocesses 9\n`;
  const disks = Object.entries(c.disks)
    .map(([d, [r, rs, w, ws, io]], i) => `   8       ${i} ${d} ${r} 0 ${rs} 10 ${w} 0 ${ws} 20 1 ${io} 30 0 0 0 0\n`)
    .join('');
  const nics = Object.entries(c.nics)
    .map(([n, [rb, re, tb, te]]) => `${n.padStart(6)}: ${rb} 10 ${re} 0 0 0 0 0 ${tb} 20 ${te} 0 0 0 0 0\n`)
    .join('');
  const df =
    extra.df ??
    'Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/vda 1000 300 600 34% /\ntmpfs 50 0 50 0% /dev/shm\n';
  return [
    '@@opsroom:stat',
    stat,
    '@@opsroom:meminfo',
    'MemTotal: 1000 kB\nMemFree: 100 kB\nMemAvailable: 600 kB\nBuffers: 20 kB\nCached: 300 kB\nSwapTotal: 0 kB\nSwapFree: 0 kB\n',
    '@@opsroom:loadavg',
    '0.50 0.25 0.10 1/100 4242\n',
    '@@opsroom:diskstats',
    disks,
    '@@opsroom:netdev',
    'Inter-|   Receive |  Transmit\n face |bytes packets|bytes packets\n' + nics,
    '@@opsroom:df',
    df,
    '@@opsroom:end\n',
  ].join('\n');
}

export const reading = (t: number, c: Counters, extra?: { df?: string }): HostReading => ({
  t,
  scrape: parseScrape(scrapeText(c, extra)),
});

/** This machine's own /proc and df, read by the real scrape command. */
export function realReading(t: number): HostReading {
  return { t, scrape: parseScrape(execFileSync('sh', ['-c', scrapeCommand()], { encoding: 'utf8' })) };
}

/** MemTotal in bytes, read independently of the parsers under test. */
export function memTotalBytes(): number {
  const m = /^MemTotal:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'));
  if (!m) throw new Error('no MemTotal in /proc/meminfo');
  return Number(m[1]) * 1024;
}

export const named = (s: readonly SampleIn[], name: string): SampleIn[] => s.filter((x) => x.labels.__name__ === name);

export function valueOf(s: readonly SampleIn[], name: string, labels: Record<string, string> = {}): number | undefined {
  const hit = named(s, name).filter((x) => Object.entries(labels).every(([k, v]) => x.labels[k] === v));
  if (hit.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matched ${hit.length} series`);
  return hit[0]?.v;
}
