import type { CallInput } from '../../shared/api';

type DashboardInput = CallInput<'monitoring.dashboards.save'>;
type PanelInput = DashboardInput['panels'][number];

const local = { kind: 'local' } as const;
const red = '#e03131';
const orange = '#f08c00';
const green = '#2f9e44';

const panel = (
  id: string,
  title: string,
  type: PanelInput['type'],
  grid: PanelInput['grid'],
  queries: { expr: string; legend?: string }[],
  rest: Partial<PanelInput> = {},
): PanelInput => ({
  id,
  title,
  type,
  grid,
  queries: queries.map((q, i) => ({ refId: String.fromCharCode(65 + i), source: null, ...q })),
  ...rest,
});

/** Warning and critical bands for a used-% panel. */
const usedBands = (warn: number, crit: number) => [
  { value: 0, color: green },
  { value: warn, color: orange },
  { value: crit, color: red },
];

/**
 * The demo's "Fleet overview": every panel type over the SSH collector's
 * metric names on the workspace's own series, the fleet at a glance first,
 * then per-host detail. Uses only what the local engine evaluates (selectors,
 * sum/avg/max/count by, arithmetic, comparisons).
 */
export function fleetOverview(): DashboardInput {
  return {
    title: 'Fleet overview',
    description:
      'All hosts at a glance, from the series the SSH collector stores in this workspace (the demo seeds 24 hours of them). ' +
      'backup-01.fra1 is filling its restic repository: see the Filesystems table and the Alerts view.',
    tags: ['demo', 'fleet'],
    source: local,
    variables: [],
    range: { from: 'now-6h', to: 'now' },
    refreshSec: 0,
    panels: [
      panel('up', 'Hosts up', 'stat', { x: 0, y: 0, w: 4, h: 4 }, [{ expr: 'sum(host_up)' }], {
        unit: 'none',
        decimals: 0,
      }),
      panel(
        'cpu-avg',
        'Fleet CPU busy',
        'stat',
        { x: 4, y: 0, w: 5, h: 4 },
        [{ expr: 'avg(100 - host_cpu_usage_percent{mode="idle"})' }],
        { unit: 'percent', decimals: 1, thresholds: usedBands(70, 85) },
      ),
      panel(
        'mem',
        'Fleet memory used',
        'gauge',
        { x: 9, y: 0, w: 5, h: 4 },
        [{ expr: '100 * (1 - sum(host_memory_available_bytes) / sum(host_memory_total_bytes))' }],
        { unit: 'percent', decimals: 1, min: 0, max: 100, thresholds: usedBands(75, 90) },
      ),
      panel(
        'fs-max',
        'Fullest filesystem',
        'gauge',
        { x: 14, y: 0, w: 5, h: 4 },
        [{ expr: 'max(host_filesystem_used_percent)' }],
        { unit: 'percent', decimals: 1, min: 0, max: 100, thresholds: usedBands(80, 90) },
      ),
      panel('cpus', 'CPUs', 'stat', { x: 19, y: 0, w: 5, h: 4 }, [{ expr: 'sum(host_cpu_count)' }], {
        unit: 'short',
        decimals: 0,
      }),
      panel(
        'cpu',
        'CPU busy by host',
        'timeseries',
        { x: 0, y: 4, w: 12, h: 8 },
        [{ expr: '100 - host_cpu_usage_percent{mode="idle"}', legend: '{{host}}' }],
        { unit: 'percent', min: 0, max: 100, thresholds: [{ value: 85, color: red }] },
      ),
      panel(
        'fs',
        'Filesystem used',
        'timeseries',
        { x: 12, y: 4, w: 12, h: 8 },
        [{ expr: 'host_filesystem_used_percent', legend: '{{host}} {{mountpoint}}' }],
        { unit: 'percent', min: 0, max: 100, thresholds: [{ value: 90, color: red }] },
      ),
      panel(
        'load',
        'Load (1 min) by host',
        'timeseries',
        { x: 0, y: 12, w: 8, h: 7 },
        [{ expr: 'host_load1', legend: '{{host}}' }],
        { unit: 'short', decimals: 2 },
      ),
      panel(
        'net',
        'Fleet network',
        'timeseries',
        { x: 8, y: 12, w: 8, h: 7 },
        [
          { expr: 'sum(host_network_receive_bytes_per_second)', legend: 'in' },
          { expr: 'sum(host_network_transmit_bytes_per_second)', legend: 'out' },
        ],
        { unit: 'bytes/s' },
      ),
      panel(
        'disk',
        'Fleet disk I/O',
        'timeseries',
        { x: 16, y: 12, w: 8, h: 7 },
        [
          { expr: 'sum(host_disk_read_bytes_per_second)', legend: 'read' },
          { expr: 'sum(host_disk_written_bytes_per_second)', legend: 'written' },
        ],
        { unit: 'bytes/s' },
      ),
      panel(
        'fs-table',
        'Filesystems',
        'table',
        { x: 0, y: 19, w: 12, h: 9 },
        [{ expr: 'host_filesystem_used_percent', legend: '{{host}} {{mountpoint}}' }],
        { unit: 'percent', decimals: 1, thresholds: usedBands(80, 90) },
      ),
      panel(
        'mem-table',
        'Memory available by host',
        'table',
        { x: 12, y: 19, w: 12, h: 9 },
        [{ expr: 'host_memory_available_bytes', legend: '{{host}}' }],
        { unit: 'bytes' },
      ),
    ],
  };
}
