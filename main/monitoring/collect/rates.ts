import { rateOf } from '../tsdb/rollup';
import type { DiskStats } from './diskstats';
import type { NetDevStats } from './netdev';

/** A reading of cumulative counters keyed by device, taken at `t` (ms). */
export interface Reading<T> {
  t: number;
  stats: Record<string, T>;
}

/** Per-second rates of every counter field, for devices present in both readings. */
function counterRates<T extends object>(prev: Reading<T>, next: Reading<T>): Record<string, Record<keyof T, number>> {
  const out: Record<string, Record<keyof T, number>> = {};
  for (const [device, now] of Object.entries(next.stats) as [string, T][]) {
    const before = prev.stats[device];
    if (before === undefined) continue;
    const rates = {} as Record<keyof T, number>;
    for (const key of Object.keys(now) as (keyof T)[]) {
      // rateOf applies the Prometheus counter-reset rule to each field.
      const r = rateOf([prev.t, next.t], [before[key] as number, now[key] as number]).rate;
      if (r.length === 0) return {}; // time did not advance: no rates at all
      rates[key] = r[0];
    }
    out[device] = rates;
  }
  return out;
}

export interface DiskRates {
  readsPerSec: number;
  writesPerSec: number;
  readBytesPerSec: number;
  writeBytesPerSec: number;
  /** Share of wall time with I/O in flight, 0..1 (iostat's %util / 100). */
  utilisation: number;
}

export function diskRates(prev: Reading<DiskStats>, next: Reading<DiskStats>): Record<string, DiskRates> {
  const raw = counterRates(prev, next);
  return Object.fromEntries(
    Object.entries(raw).map(([d, r]) => [
      d,
      {
        readsPerSec: r.readsCompleted,
        writesPerSec: r.writesCompleted,
        readBytesPerSec: r.readBytes,
        writeBytesPerSec: r.writtenBytes,
        // ioTimeMs per second of wall time, in ms/s, is a share after dividing by 1000.
        utilisation: Math.min(r.ioTimeMs / 1000, 1),
      },
    ]),
  );
}

export type NetRates = Record<keyof NetDevStats, number>;

/** Per-second rx/tx bytes, packets, errors and drops per interface. */
export function netRates(prev: Reading<NetDevStats>, next: Reading<NetDevStats>): Record<string, NetRates> {
  return counterRates(prev, next);
}
