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

/** Where a panel sits and how it draws: the same for both sources, so the two halves line up. */
interface Frame {
  title: string;
  type: Panel['type'];
  grid: [x: number, y: number, w: number, h: number];
  unit: Unit;
  decimals?: number;
  min?: number;
  max?: number;
  thresholds?: Panel['thresholds'];
  stacked?: boolean;
}

type Query = { expr: string; legend?: string };

const percent = { unit: 'percent', min: 0, max: 100, thresholds: busy } as const;

/** Rows: six stats (h 4), then three rows of two charts (h 8). The sixth stat is the source's own. */
const frames = {
  'cpu-busy': { title: 'CPU busy', type: 'stat', grid: [0, 0, 4, 4], decimals: 1, ...percent },
  'mem-used': { title: 'Memory used', type: 'gauge', grid: [4, 0, 4, 4], decimals: 1, ...percent },
  'rootfs-used': { title: 'Root filesystem used', type: 'gauge', grid: [8, 0, 4, 4], decimals: 1, ...percent },
  load1: { title: 'Load (1 min)', type: 'stat', grid: [12, 0, 4, 4], unit: 'short', decimals: 2 },
  cpus: { title: 'CPUs', type: 'stat', grid: [16, 0, 4, 4], unit: 'short', decimals: 0 },
  uptime: { title: 'Uptime', type: 'stat', grid: [20, 0, 4, 4], unit: 'seconds', decimals: 0 },
  up: {
    title: 'Collector up',
    type: 'stat',
    grid: [20, 0, 4, 4],
    unit: 'none',
    decimals: 0,
    thresholds: [
      { value: 0, color: 'red' },
      { value: 1, color: 'green' },
    ],
  },
  cpu: { title: 'CPU by mode', type: 'timeseries', grid: [0, 4, 12, 8], stacked: true, ...percent },
  memory: { title: 'Memory', type: 'timeseries', grid: [12, 4, 12, 8], unit: 'bytes', min: 0 },
  load: { title: 'Load average', type: 'timeseries', grid: [0, 12, 12, 8], unit: 'short', min: 0 },
  filesystems: { title: 'Filesystems used', type: 'timeseries', grid: [12, 12, 12, 8], ...percent },
  disk: { title: 'Disk I/O', type: 'timeseries', grid: [0, 20, 12, 8], unit: 'bytes/s', min: 0 },
  network: { title: 'Network', type: 'timeseries', grid: [12, 20, 12, 8], unit: 'bytes/s', min: 0 },
} satisfies Record<string, Frame>;

type PanelId = keyof typeof frames;

export const hostPanelsHeight = 4 + 8 * 3;

function build(
  prefix: string,
  queries: Partial<Record<PanelId, Query[]>>,
  source: QuerySource,
  dy: number,
  minInterval = '',
): Panel[] {
  return (Object.entries(queries) as [PanelId, Query[]][]).map(([id, qs]) => {
    const f: Frame = frames[id];
    const [x, y, w, h] = f.grid;
    return {
      id: `${prefix}-${id}`,
      title: f.title,
      type: f.type,
      grid: { x, y: y + dy, w, h },
      queries: qs.map((q, i) => ({
        refId: String.fromCharCode(65 + i),
        source,
        expr: q.expr,
        legend: q.legend ?? '',
        hidden: false,
      })),
      unit: f.unit,
      decimals: f.decimals ?? null,
      min: f.min ?? null,
      max: f.max ?? null,
      thresholds: f.thresholds ?? [],
      minInterval,
      stacked: f.stacked ?? false,
    };
  });
}

/**
 * df's Use% from node_exporter's filesystem series: used / (used + avail),
 * where used = size - free. `1 - avail / size` would count the blocks ext4
 * reserves for root (5 % by default) as used, disagreeing with df and with
 * the SSH collector's host_filesystem_used_percent on the same disk.
 */
function dfUsedPercent(sel: string): string {
  const used = `(node_filesystem_size_bytes{${sel}} - node_filesystem_free_bytes{${sel}})`;
  return `100 * ${used} / (${used} + node_filesystem_avail_bytes{${sel}})`;
}

/** node_exporter's metrics through Prometheus, for the instance whose host part is the CI's address. */
export function prometheusHostPanels(source: QuerySource, dy: number): Panel[] {
  const inst = 'instance=~"$host_address_re(:[0-9]+)?"';
  const fsFilter = `${inst},fstype!~"tmpfs|ramfs|devtmpfs|overlay|squashfs|nsfs|autofs"`;
  const m = (name: string, extra = '') => `${name}{${extra ? `${extra},` : ''}${inst}}`;
  const rate = (name: string, extra = '') => `rate(${m(name, extra)}[${rateWindow}])`;
  const queries: Partial<Record<PanelId, Query[]>> = {
    'cpu-busy': [{ expr: `100 - avg(${rate('node_cpu_seconds_total', 'mode="idle"')}) * 100` }],
    'mem-used': [{ expr: `100 * (1 - ${m('node_memory_MemAvailable_bytes')} / ${m('node_memory_MemTotal_bytes')})` }],
    'rootfs-used': [{ expr: dfUsedPercent(`${inst},mountpoint="/"`) }],
    load1: [{ expr: m('node_load1') }],
    cpus: [{ expr: `count(${m('node_cpu_seconds_total', 'mode="idle"')})` }],
    uptime: [{ expr: `${m('node_time_seconds')} - ${m('node_boot_time_seconds')}` }],
    cpu: [{ expr: `avg by (mode) (${rate('node_cpu_seconds_total', 'mode!="idle"')}) * 100`, legend: '{{mode}}' }],
    memory: [
      { expr: `${m('node_memory_MemTotal_bytes')} - ${m('node_memory_MemAvailable_bytes')}`, legend: 'used' },
      { expr: m('node_memory_MemTotal_bytes'), legend: 'total' },
    ],
    load: [
      { expr: m('node_load1'), legend: '1 min' },
      { expr: m('node_load5'), legend: '5 min' },
      { expr: m('node_load15'), legend: '15 min' },
    ],
    filesystems: [{ expr: dfUsedPercent(fsFilter), legend: '{{mountpoint}}' }],
    disk: [
      { expr: rate('node_disk_read_bytes_total'), legend: '{{device}} read' },
      { expr: rate('node_disk_written_bytes_total'), legend: '{{device}} written' },
    ],
    network: [
      { expr: rate('node_network_receive_bytes_total', 'device!="lo"'), legend: '{{device}} in' },
      { expr: rate('node_network_transmit_bytes_total', 'device!="lo"'), legend: '{{device}} out' },
    ],
  };
  return build('prom', queries, source, dy, '15s');
}

/** The SSH collector's series in the workspace (labels ci = CI id, host = CI name). */
export function localHostPanels(dy: number): Panel[] {
  const sel = (metric: string, extra = '') => {
    // A renamed collector metric fails here (and the host dashboard's tests), not as an empty panel.
    if (!collectorMetric(metric)) throw new Error(`the SSH collector writes no metric named ${metric}`);
    return `${metric}{ci="$host_id"${extra ? `,${extra}` : ''}}`;
  };
  const queries: Partial<Record<PanelId, Query[]>> = {
    'cpu-busy': [{ expr: `sum(${sel('host_cpu_usage_percent', 'mode!="idle"')})` }],
    'mem-used': [{ expr: `100 * (1 - ${sel('host_memory_available_bytes')} / ${sel('host_memory_total_bytes')})` }],
    'rootfs-used': [{ expr: sel('host_filesystem_used_percent', 'mountpoint="/"') }],
    load1: [{ expr: sel('host_load1') }],
    cpus: [{ expr: sel('host_cpu_count') }],
    up: [{ expr: sel('host_up') }],
    cpu: [{ expr: sel('host_cpu_usage_percent', 'mode!="idle"'), legend: '{{mode}}' }],
    memory: [
      { expr: sel('host_memory_available_bytes'), legend: 'available' },
      { expr: sel('host_memory_cached_bytes'), legend: 'cached' },
      { expr: sel('host_memory_total_bytes'), legend: 'total' },
    ],
    load: [
      { expr: sel('host_load1'), legend: '1 min' },
      { expr: sel('host_load5'), legend: '5 min' },
      { expr: sel('host_load15'), legend: '15 min' },
    ],
    filesystems: [{ expr: sel('host_filesystem_used_percent'), legend: '{{mountpoint}}' }],
    disk: [
      { expr: sel('host_disk_read_bytes_per_second'), legend: '{{device}} read' },
      { expr: sel('host_disk_written_bytes_per_second'), legend: '{{device}} written' },
    ],
    network: [
      { expr: sel('host_network_receive_bytes_per_second', 'device!="lo"'), legend: '{{device}} in' },
      { expr: sel('host_network_transmit_bytes_per_second', 'device!="lo"'), legend: '{{device}} out' },
    ],
  };
  return build('local', queries, { kind: 'local' }, dy);
}
