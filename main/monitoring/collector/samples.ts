import type { Labels } from '../../../shared/api/monitoring-model';
import { cpuUsage, usageModes } from '../collect/cpu-usage';
import type { DfEntry } from '../collect/df';
import type { HostScrape } from '../collect/parse-scrape';
import { diskRates, netRates } from '../collect/rates';
import type { SampleIn } from '../types';
import { diskCounters, netCounters, sameBoot, steadyCpu, steadyDevices } from './counters';

/** One parsed scrape and when it was taken (epoch ms, the scrape's start). */
export interface HostReading {
  t: number;
  scrape: HostScrape;
}

/** Who the series belong to: `ci` is the CI id (stable), `host` its name (readable). */
export interface HostIdentity {
  ci: string;
  host: string;
}

/**
 * Partitions repeat their disk's I/O; node_exporter leaves them out by default
 * for the same reason (sda1, vdb2, xvda1, nvme0n1p1, mmcblk0p1), and floppies
 * and zram (compressed swap in RAM) are not storage.
 */
const PARTITION = /^((h|s|v|xv)d[a-z]+\d+|nvme\d+n\d+p\d+|mmcblk\d+p\d+|fd\d+|zram\d+)$/;

/** Kernel interfaces, not storage: their "filesystems" would only add noise to the disk panels. */
const PSEUDO_MOUNT =
  /^\/(dev|proc|sys|run\/credentials\/.+|var\/lib\/docker\/.+|var\/lib\/containers\/storage\/.+)($|\/)/;

/**
 * node_exporter's default fstype exclusions, for the same reasons: kernel
 * interfaces, and read-only images (squashfs snaps, ISO 9660) that are always
 * 100 % used and would trip every "disk full" alert. overlay is a container
 * layer, except where it is the host's own root (a live system).
 */
const PSEUDO_FSTYPE =
  /^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$/;

function pseudo(e: DfEntry): boolean {
  if (PSEUDO_MOUNT.test(e.mount)) return true;
  if (e.fstype === null) return false;
  return PSEUDO_FSTYPE.test(e.fstype) || (e.fstype === 'overlay' && e.mount !== '/');
}

/** Real filesystems worth a series: a size, and not a kernel, image or container-runtime mount. */
export function keptFilesystems(df: readonly DfEntry[]): DfEntry[] {
  const byKey = new Map<string, DfEntry>();
  for (const e of df) {
    if (e.sizeBytes <= 0 || pseudo(e)) continue;
    // A mount stacked over the same point twice is one series; the later (visible) one wins.
    byKey.set(`${e.mount}\u0000${e.filesystem}`, e);
  }
  return [...byKey.values()];
}

/**
 * What the next scrape's rates need from this one: the all-CPU times, the
 * boot time and the device counters (whole disks only). Kept per target
 * between scrapes, so a 64-core host with hundreds of veth interfaces does
 * not keep its per-core lines, partitions, memory and df in memory too.
 */
export function rateBasis(scrape: HostScrape): HostScrape {
  const cpu = scrape.stat?.cpus.cpu;
  const disks = scrape.diskstats;
  return {
    stat: scrape.stat && { cpus: cpu ? { cpu } : {}, bootTimeSec: scrape.stat.bootTimeSec },
    diskstats: disks && Object.fromEntries(Object.entries(disks).filter(([d]) => !PARTITION.test(d))),
    netdev: scrape.netdev,
    missing: [],
    complete: true,
    problems: [],
  };
}

/**
 * The samples of one successful scrape. Gauges come from `next` alone; rates
 * and CPU shares need `prev`, from the same boot with counters that did not
 * go back (see counters.ts), so a host's first scrape writes gauges only.
 */
export function buildSamples(
  prev: HostReading | undefined,
  next: HostReading,
  id: HostIdentity,
  durationMs: number,
): SampleIn[] {
  const { t, scrape } = next;
  const out: SampleIn[] = [];
  const put = (name: string, v: number, extra?: Labels) => {
    if (!Number.isFinite(v)) return;
    out.push({ labels: { __name__: name, ci: id.ci, host: id.host, ...extra }, t, v });
  };

  put('host_up', 1);
  put('host_scrape_duration_seconds', durationMs / 1000);

  const cpus = scrape.stat ? Object.keys(scrape.stat.cpus).filter((k) => k !== 'cpu').length : 0;
  if (cpus > 0) put('host_cpu_count', cpus);

  const mem = scrape.meminfo;
  if (mem) {
    const memory: [string, string][] = [
      ['host_memory_total_bytes', 'MemTotal'],
      ['host_memory_available_bytes', 'MemAvailable'],
      ['host_memory_free_bytes', 'MemFree'],
      ['host_memory_cached_bytes', 'Cached'],
      ['host_memory_buffers_bytes', 'Buffers'],
      ['host_swap_total_bytes', 'SwapTotal'],
      ['host_swap_free_bytes', 'SwapFree'],
    ];
    for (const [name, field] of memory) if (mem[field] !== undefined) put(name, mem[field]);
  }

  if (scrape.loadavg) {
    put('host_load1', scrape.loadavg.load1);
    put('host_load5', scrape.loadavg.load5);
    put('host_load15', scrape.loadavg.load15);
  }

  for (const e of keptFilesystems(scrape.df ?? [])) {
    // An empty fstype (a df without -T) is an absent label, as in Prometheus.
    const labels = { mountpoint: e.mount, device: e.filesystem, fstype: e.fstype ?? '' };
    put('host_filesystem_size_bytes', e.sizeBytes, labels);
    put('host_filesystem_avail_bytes', e.availBytes, labels);
    // df's Use%: used over what users can have. size - avail would count the blocks reserved
    // for root (5 % on ext4) as used, so an empty disk would read 5 % and the figure would
    // disagree with the df a person runs to check it. Unrounded here; df rounds up.
    const usable = e.usedBytes + e.availBytes;
    if (usable > 0) put('host_filesystem_used_percent', (100 * e.usedBytes) / usable, labels);
  }

  if (prev && prev.t < t && sameBoot(prev.scrape, scrape)) rates(prev, next, put);
  return out;
}

function rates(prev: HostReading, next: HostReading, put: (name: string, v: number, extra?: Labels) => void): void {
  const cpu = steadyCpu(prev.scrape, next.scrape);
  const usage = cpu && cpuUsage(cpu.prev, cpu.next);
  if (usage) for (const mode of usageModes) put('host_cpu_usage_percent', usage[mode] * 100, { mode });

  const a = prev.scrape.diskstats;
  const b = next.scrape.diskstats;
  if (a && b) {
    const disks = diskRates({ t: prev.t, stats: steadyDevices(a, b, diskCounters) }, { t: next.t, stats: b });
    for (const [device, r] of Object.entries(disks)) {
      if (PARTITION.test(device)) continue;
      const labels = { device };
      put('host_disk_read_bytes_per_second', r.readBytesPerSec, labels);
      put('host_disk_written_bytes_per_second', r.writeBytesPerSec, labels);
      put('host_disk_reads_per_second', r.readsPerSec, labels);
      put('host_disk_writes_per_second', r.writesPerSec, labels);
      put('host_disk_io_time_percent', r.utilisation * 100, labels);
    }
  }

  const c = prev.scrape.netdev;
  const d = next.scrape.netdev;
  if (c && d) {
    const nics = netRates({ t: prev.t, stats: steadyDevices(c, d, netCounters) }, { t: next.t, stats: d });
    for (const [device, r] of Object.entries(nics)) {
      const labels = { device };
      put('host_network_receive_bytes_per_second', r.rxBytes, labels);
      put('host_network_transmit_bytes_per_second', r.txBytes, labels);
      put('host_network_receive_errors_per_second', r.rxErrs, labels);
      put('host_network_transmit_errors_per_second', r.txErrs, labels);
    }
  }
}
