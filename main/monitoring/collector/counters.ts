import { cpuModes, type CpuTimes } from '../collect/proc-stat';
import type { DiskStats } from '../collect/diskstats';
import type { NetDevStats } from '../collect/netdev';
import type { HostScrape } from '../collect/parse-scrape';

/*
 * When two readings may be turned into rates. Prometheus's rate() treats a
 * counter that went down as reset to zero and counts the new value as the
 * increase; over two readings 15 s apart that guess is often wrong (a reboot
 * 3 s ago, a 32-bit counter that wrapped), so the collector writes no rate
 * for that interval instead: a gap is honest, a spike is not.
 */

/**
 * /proc/stat's btime is derived (wall clock minus uptime), so it can move by
 * a second when the clock is adjusted; a reboot moves it by far more.
 */
const BOOT_SLACK_SEC = 2;

/** Whether both readings come from one boot of the host (unknown boot times count as the same). */
export function sameBoot(prev: HostScrape, next: HostScrape): boolean {
  const a = prev.stat?.bootTimeSec;
  const b = next.stat?.bootTimeSec;
  if (a === undefined || b === undefined) return true;
  return Math.abs(a - b) <= BOOT_SLACK_SEC;
}

/** The all-CPU times of both readings when no mode went backwards, else null. */
export function steadyCpu(prev: HostScrape, next: HostScrape): { prev: CpuTimes; next: CpuTimes } | null {
  const a = prev.stat?.cpus.cpu;
  const b = next.stat?.cpus.cpu;
  if (!a || !b) return null;
  return cpuModes.some((m) => b[m] < a[m]) ? null : { prev: a, next: b };
}

/** inProgress is a gauge (requests in flight), not a counter: it may go down. */
export const diskCounters = [
  'readsCompleted',
  'writesCompleted',
  'readBytes',
  'writtenBytes',
  'readTimeMs',
  'writeTimeMs',
  'ioTimeMs',
] as const satisfies readonly (keyof DiskStats)[];

export const netCounters = [
  'rxBytes',
  'rxPackets',
  'rxErrs',
  'rxDrop',
  'txBytes',
  'txPackets',
  'txErrs',
  'txDrop',
] as const satisfies readonly (keyof NetDevStats)[];

/**
 * The previous reading's devices whose counters all stayed put or grew, so
 * the rate helpers (which rate only devices present in both readings) skip
 * a device whose counters reset — a re-plugged NIC, a wrapped counter.
 */
export function steadyDevices<T extends object>(
  prev: Record<string, T>,
  next: Record<string, T>,
  counters: readonly (keyof T)[],
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [device, before] of Object.entries(prev)) {
    const now = next[device];
    if (now === undefined) continue;
    if (counters.every((k) => (now[k] as number) >= (before[k] as number))) out[device] = before;
  }
  return out;
}
