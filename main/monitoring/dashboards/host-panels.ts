import type { Panel } from '../../../shared/api/monitoring-dashboards';
import type { QuerySource, Unit } from '../../../shared/api/monitoring-model';
import { collectorMetric } from '../collector/metrics';

/**
 * The panels of the built-in host dashboard, one set per source. Queries name
 * the host through the dashboard's `host` variable, so picking another CI in
 * the variable bar (or a saved copy) follows it:
 *   $host_id          the CI id: the SSH collector's `ci` label
 *   $host_address_re  the CI's address as a PromQL regex literal, for
 *                     node_exporter's `instance` ("10.0.0.5:9100")
 * The renderer derives both from the picked CI (views/dashboards/variables).
 */

/** Grafana's rate window: at least four scrapes, and never shorter than a step. */
const rateWindow = '$__rate_interval';

const busy = [
  { value: 80, color: 'orange' },
  { value: 90, color: 'red' },
];

interface Spec {
  id: string;
  title: string;
  type: Panel['type'];
  grid: [x: number, y: number, w: number, h: number];
  unit: Unit;
  queries: { expr: string; legend?: string }[];
  decimals?: number;
  min?: number;
  max?: number;
  thresholds?: Panel['thresholds'];
  stacked?: boolean;
  minInterval?: string;
}

function build(s: Spec, source: QuerySource, dy: number): Panel {
  const [x, y, w, h] = s.grid;
  return {
    id: s.id,
    title: s.title,
    type: s.type,
    grid: { x, y: y + dy, w, h },
    queries: s.queries.map((q, i) => ({
      refId: String.fromCharCode(65 + i),
      source,
      expr: q.expr,
      legend: q.legend ?? '',
      hidden: false,
    })),
    unit: s.unit,
    decimals: s.decimals ?? null,
    min: s.min ?? null,
    max: s.max ?? null,
    thresholds: s.thresholds ?? [],
    minInterval: s.minInterval ?? '',
    stacked: s.stacked ?? false,
  };
}

/** Rows: stats (h 4), then three rows of two charts (h 8). */
export const hostPanelsHeight = 4 + 8 * 3;

/** node_exporter's metrics through Prometheus, for the instance whose host part is the CI's address. */
export function prometheusHostPanels(source: QuerySource, dy: number): Panel[] {
  const inst = 'instance=~"$host_address_re(:[0-9]+)?"';
  const fsFilter = `${inst},fstype!~"tmpfs|ramfs|devtmpfs|overlay|squashfs|nsfs|autofs"`;
  const p = (s: Omit<Spec, 'minInterval'>) => build({ ...s, id: `prom-${s.id}`, minInterval: '15s' }, source, dy);
  return [
    p({
      id: 'cpu-busy',
      title: 'CPU busy',
      type: 'stat',
      grid: [0, 0, 4, 4],
      unit: 'percent',
      decimals: 1,
      min: 0,
      max: 100,
      thresholds: busy,
      queries: [{ expr: `100 - avg(rate(node_cpu_seconds_total{mode="idle",${inst}}[${rateWindow}])) * 100` }],
    }),
    p({
      id: 'mem-used',
      title: 'Memory used',
      type: 'gauge',
      grid: [4, 0, 4, 4],
      unit: 'percent',
      decimals: 1,
      min: 0,
      max: 100,
      thresholds: busy,
      queries: [{ expr: `100 * (1 - node_memory_MemAvailable_bytes{${inst}} / node_memory_MemTotal_bytes{${inst}})` }],
    }),
    p({
      id: 'rootfs-used',
      title: 'Root filesystem used',
      type: 'gauge',
      grid: [8, 0, 4, 4],
      unit: 'percent',
      decimals: 1,
      min: 0,
      max: 100,
      thresholds: busy,
      queries: [
        {
          expr: `100 * (1 - node_filesystem_avail_bytes{${inst},mountpoint="/"} / node_filesystem_size_bytes{${inst},mountpoint="/"})`,
        },
      ],
    }),
    p({
      id: 'load1',
      title: 'Load (1 min)',
      type: 'stat',
      grid: [12, 0, 4, 4],
      unit: 'short',
      decimals: 2,
      queries: [{ expr: `node_load1{${inst}}` }],
    }),
    p({
      id: 'cpus',
      title: 'CPUs',
      type: 'stat',
      grid: [16, 0, 4, 4],
      unit: 'short',
      decimals: 0,
      queries: [{ expr: `count(node_cpu_seconds_total{mode="idle",${inst}})` }],
    }),
    p({
      id: 'uptime',
      title: 'Uptime',
      type: 'stat',
      grid: [20, 0, 4, 4],
      unit: 'seconds',
      decimals: 0,
      queries: [{ expr: `node_time_seconds{${inst}} - node_boot_time_seconds{${inst}}` }],
    }),
    p({
      id: 'cpu',
      title: 'CPU by mode',
      type: 'timeseries',
      grid: [0, 4, 12, 8],
      unit: 'percent',
      min: 0,
      max: 100,
      stacked: true,
      thresholds: busy,
      queries: [
        {
          expr: `avg by (mode) (rate(node_cpu_seconds_total{mode!="idle",${inst}}[${rateWindow}])) * 100`,
          legend: '{{mode}}',
        },
      ],
    }),
    p({
      id: 'memory',
      title: 'Memory',
      type: 'timeseries',
      grid: [12, 4, 12, 8],
      unit: 'bytes',
      min: 0,
      queries: [
        { expr: `node_memory_MemTotal_bytes{${inst}} - node_memory_MemAvailable_bytes{${inst}}`, legend: 'used' },
        { expr: `node_memory_MemTotal_bytes{${inst}}`, legend: 'total' },
      ],
    }),
    p({
      id: 'load',
      title: 'Load average',
      type: 'timeseries',
      grid: [0, 12, 12, 8],
      unit: 'short',
      min: 0,
      queries: [
        { expr: `node_load1{${inst}}`, legend: '1 min' },
        { expr: `node_load5{${inst}}`, legend: '5 min' },
        { expr: `node_load15{${inst}}`, legend: '15 min' },
      ],
    }),
    p({
      id: 'filesystems',
      title: 'Filesystems used',
      type: 'timeseries',
      grid: [12, 12, 12, 8],
      unit: 'percent',
      min: 0,
      max: 100,
      thresholds: busy,
      queries: [
        {
          expr: `100 * (1 - node_filesystem_avail_bytes{${fsFilter}} / node_filesystem_size_bytes{${fsFilter}})`,
          legend: '{{mountpoint}}',
        },
      ],
    }),
    p({
      id: 'disk',
      title: 'Disk I/O',
      type: 'timeseries',
      grid: [0, 20, 12, 8],
      unit: 'bytes/s',
      min: 0,
      queries: [
        { expr: `rate(node_disk_read_bytes_total{${inst}}[${rateWindow}])`, legend: '{{device}} read' },
        { expr: `rate(node_disk_written_bytes_total{${inst}}[${rateWindow}])`, legend: '{{device}} written' },
      ],
    }),
    p({
      id: 'network',
      title: 'Network',
      type: 'timeseries',
      grid: [12, 20, 12, 8],
      unit: 'bytes/s',
      min: 0,
      queries: [
        {
          expr: `rate(node_network_receive_bytes_total{${inst},device!="lo"}[${rateWindow}])`,
          legend: '{{device}} in',
        },
        {
          expr: `rate(node_network_transmit_bytes_total{${inst},device!="lo"}[${rateWindow}])`,
          legend: '{{device}} out',
        },
      ],
    }),
  ];
}

/** The unit the collector declares for a metric (a renamed metric fails the host dashboard's tests). */
function unitOf(metric: string): Unit {
  const m = collectorMetric(metric);
  if (!m) throw new Error(`the SSH collector writes no metric named ${metric}`);
  return m.unit;
}

/** The SSH collector's series in the workspace (labels ci = CI id, host = CI name). */
export function localHostPanels(dy: number): Panel[] {
  const source: QuerySource = { kind: 'local' };
  const ci = 'ci="$host_id"';
  const sel = (metric: string, extra = '') => `${metric}{${ci}${extra ? `,${extra}` : ''}}`;
  const p = (s: Omit<Spec, 'minInterval'>) => build({ ...s, id: `local-${s.id}` }, source, dy);
  return [
    p({
      id: 'cpu-busy',
      title: 'CPU busy',
      type: 'stat',
      grid: [0, 0, 4, 4],
      unit: unitOf('host_cpu_usage_percent'),
      decimals: 1,
      min: 0,
      max: 100,
      thresholds: busy,
      queries: [{ expr: `sum(${sel('host_cpu_usage_percent', 'mode!="idle"')})` }],
    }),
    p({
      id: 'mem-used',
      title: 'Memory used',
      type: 'gauge',
      grid: [4, 0, 4, 4],
      unit: 'percent',
      decimals: 1,
      min: 0,
      max: 100,
      thresholds: busy,
      queries: [{ expr: `100 * (1 - ${sel('host_memory_available_bytes')} / ${sel('host_memory_total_bytes')})` }],
    }),
    p({
      id: 'rootfs-used',
      title: 'Root filesystem used',
      type: 'gauge',
      grid: [8, 0, 4, 4],
      unit: unitOf('host_filesystem_used_percent'),
      decimals: 1,
      min: 0,
      max: 100,
      thresholds: busy,
      queries: [{ expr: sel('host_filesystem_used_percent', 'mountpoint="/"') }],
    }),
    p({
      id: 'load1',
      title: 'Load (1 min)',
      type: 'stat',
      grid: [12, 0, 4, 4],
      unit: unitOf('host_load1'),
      decimals: 2,
      queries: [{ expr: sel('host_load1') }],
    }),
    p({
      id: 'cpus',
      title: 'CPUs',
      type: 'stat',
      grid: [16, 0, 4, 4],
      unit: unitOf('host_cpu_count'),
      decimals: 0,
      queries: [{ expr: sel('host_cpu_count') }],
    }),
    p({
      id: 'up',
      title: 'Collector up',
      type: 'stat',
      grid: [20, 0, 4, 4],
      unit: unitOf('host_up'),
      decimals: 0,
      thresholds: [
        { value: 0, color: 'red' },
        { value: 1, color: 'green' },
      ],
      queries: [{ expr: sel('host_up') }],
    }),
    p({
      id: 'cpu',
      title: 'CPU by mode',
      type: 'timeseries',
      grid: [0, 4, 12, 8],
      unit: unitOf('host_cpu_usage_percent'),
      min: 0,
      max: 100,
      stacked: true,
      thresholds: busy,
      queries: [{ expr: sel('host_cpu_usage_percent', 'mode!="idle"'), legend: '{{mode}}' }],
    }),
    p({
      id: 'memory',
      title: 'Memory',
      type: 'timeseries',
      grid: [12, 4, 12, 8],
      unit: unitOf('host_memory_total_bytes'),
      min: 0,
      queries: [
        { expr: sel('host_memory_available_bytes'), legend: 'available' },
        { expr: sel('host_memory_cached_bytes'), legend: 'cached' },
        { expr: sel('host_memory_total_bytes'), legend: 'total' },
      ],
    }),
    p({
      id: 'load',
      title: 'Load average',
      type: 'timeseries',
      grid: [0, 12, 12, 8],
      unit: unitOf('host_load1'),
      min: 0,
      queries: [
        { expr: sel('host_load1'), legend: '1 min' },
        { expr: sel('host_load5'), legend: '5 min' },
        { expr: sel('host_load15'), legend: '15 min' },
      ],
    }),
    p({
      id: 'filesystems',
      title: 'Filesystems used',
      type: 'timeseries',
      grid: [12, 12, 12, 8],
      unit: unitOf('host_filesystem_used_percent'),
      min: 0,
      max: 100,
      thresholds: busy,
      queries: [{ expr: sel('host_filesystem_used_percent'), legend: '{{mountpoint}}' }],
    }),
    p({
      id: 'disk',
      title: 'Disk I/O',
      type: 'timeseries',
      grid: [0, 20, 12, 8],
      unit: unitOf('host_disk_read_bytes_per_second'),
      min: 0,
      queries: [
        { expr: sel('host_disk_read_bytes_per_second'), legend: '{{device}} read' },
        { expr: sel('host_disk_written_bytes_per_second'), legend: '{{device}} written' },
      ],
    }),
    p({
      id: 'network',
      title: 'Network',
      type: 'timeseries',
      grid: [12, 20, 12, 8],
      unit: unitOf('host_network_receive_bytes_per_second'),
      min: 0,
      queries: [
        { expr: sel('host_network_receive_bytes_per_second', 'device!="lo"'), legend: '{{device}} in' },
        { expr: sel('host_network_transmit_bytes_per_second', 'device!="lo"'), legend: '{{device}} out' },
      ],
    }),
  ];
}
