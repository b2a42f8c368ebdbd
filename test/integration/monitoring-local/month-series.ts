// A month of host metrics at 15 s, shaped like what the SSH collector writes:
// memory gauges in whole bytes, rates it computes from /proc counters, a CPU
// busy percentage from /proc/stat ticks and the 2-decimal load average.
// Deterministic (seeded), shared by the integration test and the bench.
import { rateOf } from '../../../main/monitoring/tsdb/rollup';
import type { SampleIn } from '../../../main/monitoring/types';
import { rng } from '../../unit/monitoring-tsdb/series';

export const MONTH_START = Date.UTC(2026, 9, 27, 0, 0, 0);
export const STEP_MS = 15_000;
export const MONTH_SAMPLES = (30 * 24 * 3600 * 1000) / STEP_MS;

const DAY = 24 * 3600 * 1000;
/** 0..1, peaking mid-afternoon: the daily load shape of a service host. */
const daily = (t: number) => 0.5 + 0.5 * Math.sin(((t % DAY) / DAY) * 2 * Math.PI - Math.PI / 2);

export interface MonthSeries {
  labels: Record<string, string>;
  /** a description for reports */
  kind: string;
  ts: number[];
  vs: number[];
}

/** Scrape times: 15 s slots with ±25 ms of timer and SSH round-trip noise. */
function scrapeTimes(n: number, seed: number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => MONTH_START + i * STEP_MS + Math.round((r() * 2 - 1) * 25));
}

/** Per-second rates as collect/rates.ts computes them (a drop is a restart from zero). */
function ratesOf(ts: number[], counter: number[]): number[] {
  return ts.map((t, i) => (i === 0 ? 0 : rateOf([ts[i - 1], t], [counter[i - 1], counter[i]]).rate[0]));
}

export function monthOfSeries(n = MONTH_SAMPLES, host = 'web-1'): MonthSeries[] {
  const ts = scrapeTimes(n, 11);
  const r = rng(5);
  const base = { ci: `ci-${host}`, host };

  // MemAvailable: /proc/meminfo kB × 1024, drifting with the day and page-cache churn.
  let availKb = 6_000_000;
  const avail = ts.map((t) => {
    availKb += Math.round((r() - 0.5) * 2_000 + (0.5 - daily(t)) * 40);
    availKb = Math.min(Math.max(availKb, 1_000_000), 15_000_000);
    return availKb * 1024;
  });

  // eth0 receive counter in bytes; the collector stores its per-second rate.
  let rx = 8e11;
  const rxCounter = ts.map(
    (t) => (rx += Math.floor(15 * (20_000 + 80_000 * daily(t) * r() + (r() < 0.02 ? 2e6 * r() : 0)))),
  );

  // Disk write counter: mostly quiet, with bursts; a reboot on day 20 resets it.
  let written = 5e10;
  const writeCounter = ts.map((_, i) => {
    if (i === Math.floor(n * (2 / 3))) written = 0;
    return (written += r() < 0.3 ? Math.floor(r() * 4e6) * 512 : Math.floor(r() * 40) * 4096);
  });

  // CPU busy %: non-idle ticks out of all ticks of 4 CPUs at 100 Hz since the last scrape.
  const cpu = ts.map((t, i) => {
    if (i === 0) return 0;
    const total = Math.round(((t - ts[i - 1]) / 1000) * 100 * 4) + Math.floor(r() * 3);
    const busy = Math.min(total, Math.round(total * (0.05 + 0.5 * daily(t) * (0.6 + 0.4 * r()))));
    return (100 * busy) / total;
  });

  // load1 as /proc/loadavg prints it: two decimals, following the CPU busy share.
  let load = 0.5;
  const load1 = cpu.map((c) => {
    load = load * 0.92 + (c / 25) * 0.08 + (r() - 0.5) * 0.05;
    return Math.max(0, Math.round(load * 100) / 100);
  });

  return [
    { kind: 'memory gauge (bytes)', labels: { __name__: 'host_memory_available_bytes', ...base }, ts, vs: avail },
    {
      kind: 'rate from a counter (bytes/s)',
      labels: { __name__: 'host_network_receive_bytes_per_second', device: 'eth0', ...base },
      ts,
      vs: ratesOf(ts, rxCounter),
    },
    {
      kind: 'bursty rate with a reset (bytes/s)',
      labels: { __name__: 'host_disk_written_bytes_per_second', device: 'sda', ...base },
      ts,
      vs: ratesOf(ts, writeCounter),
    },
    { kind: 'cpu percent', labels: { __name__: 'host_cpu_usage_percent', mode: 'user', ...base }, ts, vs: cpu },
    { kind: 'load average (2 decimals)', labels: { __name__: 'host_load1', ...base }, ts, vs: load1 },
  ];
}

/** The series as the collector would append them, one scrape (all series at one time) per batch. */
export function* scrapeBatches(series: MonthSeries[], perBatch = 1): Generator<SampleIn[]> {
  const n = series[0].ts.length;
  for (let i = 0; i < n; i += perBatch) {
    const batch: SampleIn[] = [];
    for (let j = i; j < Math.min(n, i + perBatch); j++) {
      for (const s of series) batch.push({ labels: s.labels, t: s.ts[j], v: s.vs[j] });
    }
    yield batch;
  }
}
