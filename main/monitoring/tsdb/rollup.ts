import { OpsError } from '../../../shared/api/errors';

export interface Rollup {
  /** Bucket start, a multiple of bucketMs since the epoch. */
  t: number[];
  min: number[];
  max: number[];
  avg: number[];
  /** Non-NaN samples in the bucket (always ≥ 1: empty buckets are omitted). */
  count: number[];
}

function checkPairs(ts: number[], vs: number[]): void {
  if (ts.length !== vs.length) {
    throw new OpsError('bad_input', 'A series needs as many values as timestamps.', {
      timestamps: ts.length,
      values: vs.length,
    });
  }
}

/**
 * Min/max/avg/count per time bucket, the shape kept for 1 m and 1 h
 * retention tiers. Buckets are aligned to epoch multiples (not to the first
 * sample) so rollups of the same series made at different times agree.
 * NaN is a gap (Prometheus's stale marker is a NaN), not a value.
 */
export function rollup(ts: number[], vs: number[], bucketMs: number): Rollup {
  checkPairs(ts, vs);
  if (!Number.isSafeInteger(bucketMs) || bucketMs <= 0) {
    throw new OpsError('bad_input', 'The rollup bucket must be a positive whole number of milliseconds.', {
      bucketMs,
    });
  }
  const acc = new Map<number, { min: number; max: number; sum: number; count: number }>();
  for (let i = 0; i < ts.length; i++) {
    const v = vs[i];
    if (Number.isNaN(v)) continue;
    const start = Math.floor(ts[i] / bucketMs) * bucketMs;
    const b = acc.get(start);
    if (b === undefined) {
      acc.set(start, { min: v, max: v, sum: v, count: 1 });
    } else {
      if (v < b.min) b.min = v;
      if (v > b.max) b.max = v;
      b.sum += v;
      b.count++;
    }
  }
  const out: Rollup = { t: [], min: [], max: [], avg: [], count: [] };
  // Sorting the keys makes the result independent of input order.
  for (const start of [...acc.keys()].sort((a, b) => a - b)) {
    const b = acc.get(start)!;
    out.t.push(start);
    out.min.push(b.min);
    out.max.push(b.max);
    out.avg.push(b.sum / b.count);
    out.count.push(b.count);
  }
  return out;
}

export interface Rate {
  /** Timestamp of the later sample of each pair. */
  t: number[];
  /** Increase per second over the pair. */
  rate: number[];
}

/**
 * Per-second rate of a counter between consecutive samples. As in
 * Prometheus, any drop means the counter restarted from zero (a reboot, a
 * re-created interface), so the increase is the new value itself. NaN
 * samples are skipped; pairs whose time does not advance yield nothing.
 */
export function rateOf(ts: number[], vs: number[]): Rate {
  checkPairs(ts, vs);
  const out: Rate = { t: [], rate: [] };
  let prev = -1;
  for (let i = 0; i < ts.length; i++) {
    if (Number.isNaN(vs[i])) continue;
    if (prev >= 0) {
      const dt = (ts[i] - ts[prev]) / 1000;
      if (dt > 0) {
        const increase = vs[i] >= vs[prev] ? vs[i] - vs[prev] : vs[i];
        out.t.push(ts[i]);
        out.rate.push(increase / dt);
      }
    }
    prev = i;
  }
  return out;
}
