import type { Labels, QuerySource } from '../../shared/api/monitoring-model';

/**
 * How the monitoring parts meet. The query service, alert rules and panels
 * evaluate expressions through an Engine; Prometheus (prometheus/) and the
 * workspace's own series (local/) are the two engines. The SSH collector
 * writes through a SampleSink. Parts depend on these shapes, not on each
 * other's files.
 */

/** One series as evaluated: parallel arrays, NaN marks a gap (no sample or stale). */
export interface EngineSeries {
  labels: Labels;
  t: Float64Array;
  v: Float64Array;
}

export interface EngineRange {
  series: EngineSeries[];
  warnings: string[];
}

export interface EngineSample {
  labels: Labels;
  value: number;
  /** epoch ms */
  t: number;
}

export interface EngineInstant {
  samples: EngineSample[];
  warnings: string[];
}

/**
 * Evaluates an expression. Every method rejects with an OpsError: 'bad_input'
 * for a bad expression (never retried; the message is the engine's own),
 * 'unavailable' or 'timeout' when the server cannot be reached (retryable).
 */
export interface Engine {
  /** start/end/step already chosen and aligned by the caller (shared/monitoring/step.ts); ms */
  range(expr: string, startMs: number, endMs: number, stepMs: number, signal?: AbortSignal): Promise<EngineRange>;
  instant(expr: string, atMs: number, signal?: AbortSignal): Promise<EngineInstant>;
  labelNames(match: string | undefined, signal?: AbortSignal): Promise<string[]>;
  labelValues(label: string, match: string | undefined, signal?: AbortSignal): Promise<string[]>;
}

/** Picks the engine for a source; throws OpsError not_found for an unknown datasource. */
export interface Engines {
  engine(source: QuerySource): Engine;
}

/** One sample as the collector writes it; `labels.__name__` is the metric name. */
export interface SampleIn {
  labels: Labels;
  /** epoch ms */
  t: number;
  v: number;
}

/** Where collected samples go (the local series store). */
export interface SampleSink {
  append(samples: readonly SampleIn[]): void;
  /**
   * Ends every series whose labels include all of `match` at time t (a host
   * stopped answering): queries show a gap after t, never a drop to zero.
   * A series that already holds a sample at t (or later) keeps it: a marker
   * is a sample too, and a sample not newer than a series' newest is dropped.
   */
  markStale(match: Labels, t: number): void;
}

/** A monitoring part that works on a schedule: compose.ts calls tick() about once a second. */
export interface Ticking {
  /** does whatever is due at clock.now(); never throws (errors are recorded on the item) */
  tick(): Promise<void>;
}
