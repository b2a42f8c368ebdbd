/*
 * When each host is scraped. Every target keeps its own phase within its
 * interval (from a hash of its CI id, as Prometheus offsets its targets), so
 * five hundred hosts enabled in one click spread over the interval instead of
 * all being scraped in the same second, every interval, forever.
 */

/** A stable offset in [0, intervalMs) for this target. */
export function phaseOf(ciId: string, intervalMs: number): number {
  // FNV-1a: tiny, stable across runs and platforms, spreads short ids well.
  let h = 0x811c9dc5;
  for (let i = 0; i < ciId.length; i++) {
    h ^= ciId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % Math.max(1, Math.floor(intervalMs));
}

/**
 * The target's next slot (phase + k·interval) after a scrape that started at
 * `from`, at least half an interval later so a late scrape is not followed by
 * a second one straight away.
 */
export function nextSlot(from: number, intervalMs: number, phase: number): number {
  const earliest = from + intervalMs / 2;
  const k = Math.ceil((earliest - phase) / intervalMs);
  return phase + k * intervalMs;
}

/** A scrape must end before the next one is due: 80 % of the interval, 10 s at most. */
export function scrapeTimeoutMs(intervalSec: number): number {
  return Math.round(Math.min(10_000, Math.max(1_000, intervalSec * 1000 * 0.8)));
}

export interface Schedulable {
  ciId: string;
  enabled: boolean;
}

/**
 * The targets due at `now` that are not being scraped already, most overdue
 * first (so when the concurrency limit makes some wait, the longest-waiting
 * go first).
 */
export function dueTargets<T extends Schedulable>(
  targets: readonly T[],
  now: number,
  dueAt: (t: T) => number,
  busy: ReadonlySet<string>,
): T[] {
  return targets
    .filter((t) => t.enabled && !busy.has(t.ciId) && dueAt(t) <= now)
    .map((t) => ({ t, due: dueAt(t) }))
    .sort((a, b) => a.due - b.due || a.t.ciId.localeCompare(b.t.ciId))
    .map((x) => x.t);
}

/** A counting limit on concurrent scrapes; waiters are served in order. */
export class Limiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly max: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter, so the count never dips and overshoots.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }

  inUse(): number {
    return this.active;
  }
}
