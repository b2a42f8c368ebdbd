import type { Unit } from '../../../shared/api/monitoring-model';

/** One metric the SSH collector writes. Every series also carries `ci` (CI id) and `host` (CI name). */
export interface CollectorMetric {
  name: string;
  unit: Unit;
  help: string;
  /** labels beyond ci and host */
  labels: readonly string[];
  /** 'rate': computed from two consecutive readings of one boot, so absent on a host's first scrape */
  kind: 'gauge' | 'rate';
}

const g = (name: string, unit: Unit, help: string, labels: string[] = []): CollectorMetric => ({
  name,
  unit,
  help,
  labels,
  kind: 'gauge',
});
const r = (name: string, unit: Unit, help: string, labels: string[] = []): CollectorMetric => ({
  name,
  unit,
  help,
  labels,
  kind: 'rate',
});

/** fstype is absent where the host's df has no -T (a minimal busybox). */
const fs = ['mountpoint', 'device', 'fstype'];

/**
 * The collector's metric names: what the host dashboard and alert rules query
 * (`host_memory_available_bytes{ci="…"}`). Names follow Prometheus naming
 * (base units, `_bytes`, `_seconds`, `_per_second`) but are not node_exporter's:
 * these are already rates and percentages, computed on this side.
 */
export const collectorMetrics: readonly CollectorMetric[] = [
  g('host_up', 'none', '1 when the last scrape over SSH succeeded, 0 when the host did not answer'),
  g('host_scrape_duration_seconds', 'seconds', 'Time one scrape took, connection included'),
  g('host_cpu_count', 'short', 'Online CPUs (cpuN lines of /proc/stat)'),
  r(
    'host_cpu_usage_percent',
    'percent',
    'Share of all CPUs’ time per mode since the previous scrape (user, nice, system, idle, iowait, irq, softirq, steal; sums to 100)',
    ['mode'],
  ),
  g('host_memory_total_bytes', 'bytes', 'MemTotal of /proc/meminfo'),
  g('host_memory_available_bytes', 'bytes', 'MemAvailable: memory that can be had without swapping (kernels 3.14+)'),
  g('host_memory_free_bytes', 'bytes', 'MemFree: memory not used at all'),
  g('host_memory_cached_bytes', 'bytes', 'Cached: page cache'),
  g('host_memory_buffers_bytes', 'bytes', 'Buffers: block-device buffers'),
  g('host_swap_total_bytes', 'bytes', 'SwapTotal'),
  g('host_swap_free_bytes', 'bytes', 'SwapFree'),
  g('host_load1', 'short', 'Load average over 1 minute'),
  g('host_load5', 'short', 'Load average over 5 minutes'),
  g('host_load15', 'short', 'Load average over 15 minutes'),
  r('host_disk_read_bytes_per_second', 'bytes/s', 'Bytes read from the disk', ['device']),
  r('host_disk_written_bytes_per_second', 'bytes/s', 'Bytes written to the disk', ['device']),
  r('host_disk_reads_per_second', 'ops/s', 'Reads completed', ['device']),
  r('host_disk_writes_per_second', 'ops/s', 'Writes completed', ['device']),
  r('host_disk_io_time_percent', 'percent', 'Share of wall time with I/O in flight (iostat %util)', ['device']),
  r('host_network_receive_bytes_per_second', 'bytes/s', 'Bytes received on the interface', ['device']),
  r('host_network_transmit_bytes_per_second', 'bytes/s', 'Bytes sent on the interface', ['device']),
  r('host_network_receive_errors_per_second', 'ops/s', 'Receive errors on the interface', ['device']),
  r('host_network_transmit_errors_per_second', 'ops/s', 'Transmit errors on the interface', ['device']),
  g('host_filesystem_size_bytes', 'bytes', 'Filesystem size (df -P)', fs),
  g('host_filesystem_avail_bytes', 'bytes', 'Space available to unprivileged users (df -P)', fs),
  g(
    'host_filesystem_used_percent',
    'percent',
    'Used share of the space users can have: used / (used + available), df’s Use% unrounded (root-reserved blocks are not counted as used)',
    fs,
  ),
];

/** Looks a collector metric up by name (the dashboard's unit and help for a query). */
export function collectorMetric(name: string): CollectorMetric | undefined {
  return collectorMetrics.find((m) => m.name === name);
}
