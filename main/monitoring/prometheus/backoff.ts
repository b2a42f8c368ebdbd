/**
 * Per-datasource backoff after Prometheus could not be reached: a dashboard
 * of twenty panels refreshing every 5 s must not hammer a server that is
 * restarting (or wait twenty timeouts); during the window calls fail at once
 * with the last error and when the next try will be. A success resets it.
 */

export interface BackoffPolicy {
  /** the first window (default 1 s); each further failure doubles it */
  baseMs: number;
  /** the longest window (default 30 s) */
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, maxMs: 30_000 };

export interface BackoffState {
  /** epoch ms before which calls fail fast */
  until: number;
  /** the error that opened the window, as a sentence */
  lastError: string;
  failures: number;
}

export class Backoff {
  private failures = 0;
  private until = 0;
  private lastError = '';

  constructor(private readonly policy: BackoffPolicy = defaultBackoff) {}

  /** The open window at `now`, or null when a call may go ahead. */
  blocked(now: number): BackoffState | null {
    return this.failures > 0 && now < this.until
      ? { until: this.until, lastError: this.lastError, failures: this.failures }
      : null;
  }

  /**
   * Records a failure and returns the window's end. Failures of calls that
   * were already in flight when the window opened do not lengthen it: twenty
   * panels failing together are one outage, not twenty.
   */
  fail(now: number, message: string): number {
    if (this.failures > 0 && now < this.until) return this.until;
    this.failures++;
    const delay = Math.min(this.policy.maxMs, this.policy.baseMs * 2 ** Math.min(this.failures - 1, 30));
    this.until = now + delay;
    this.lastError = message;
    return this.until;
  }

  succeed(): void {
    this.failures = 0;
    this.until = 0;
    this.lastError = '';
  }
}

/** "4 s", "1 min 5 s": how long until a window closes (at least 1 s). */
export function waitText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}
