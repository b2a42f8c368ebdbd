import { cpuModes, type CpuTimes } from './proc-stat';

/** Modes whose fractions are reported; guest time is already inside user/nice. */
export const usageModes = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;
export type CpuUsage = Record<(typeof usageModes)[number], number>;

/**
 * Fraction of CPU time per mode between two /proc/stat readings, summing to 1.
 * The kernel counts guest and guest_nice inside user and nice, so they are left
 * out of the total (as node_exporter's users usually do). If any counter went
 * backwards the host rebooted: the new reading is then the whole interval.
 * Returns null when no time passed (the same reading twice).
 */
export function cpuUsage(prev: CpuTimes, next: CpuTimes): CpuUsage | null {
  const restarted = cpuModes.some((m) => next[m] < prev[m]);
  const delta = Object.fromEntries(usageModes.map((m) => [m, restarted ? next[m] : next[m] - prev[m]]));
  const total = usageModes.reduce((sum, m) => sum + delta[m], 0);
  if (!(total > 0)) return null;
  return Object.fromEntries(usageModes.map((m) => [m, delta[m] / total])) as CpuUsage;
}
