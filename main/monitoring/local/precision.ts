/**
 * What the store keeps of a value.
 *
 * Whole numbers (byte counts, counters, packet totals) are kept exactly.
 * Fractional values are rounded to VALUE_DIGITS significant digits, one
 * digit finer than what the agentless collector can measure: a rate is a
 * counter delta over the time between two scrapes stamped in milliseconds
 * after an SSH round trip, so a few ms of 15 s (~2e-4) is noise already; a
 * CPU share counts 10 ms ticks, ~1,500 per CPU per scrape (~7e-4);
 * /proc/loadavg prints two decimals. The relative error is at most
 * 5e-5 (half a unit in the 5th significant digit).
 *
 * Rounding turns those values into short decimals, which the chunk codec
 * stores as small scaled integers (tsdb/decimal.ts) instead of 50-bit XOR
 * residues: a load average or a CPU percentage drops from ~8 to ~1.5–3 bytes
 * a sample (measured in test/integration/monitoring-local and the bench).
 */
export const VALUE_DIGITS = 5;

const POW10: readonly number[] = Array.from({ length: 23 }, (_, e) => 10 ** e);

/** `v` with at most VALUE_DIGITS significant digits; whole numbers, NaN and ±Infinity as they are. */
export function roundValue(v: number): number {
  if (Number.isInteger(v) || !Number.isFinite(v)) return v;
  const a = Math.abs(v);
  const decimals = VALUE_DIGITS - 1 - Math.floor(Math.log10(a));
  if (decimals <= 0) {
    // 63289754.3 → 63290000: the digits past the 5th are noise here too.
    const p = POW10[-decimals];
    return (v < 0 ? -1 : 1) * Math.round(a / p) * p;
  }
  // Below ~1e-15 a value cannot be a short decimal anyway; keep it as it is (the codec falls back to XOR).
  if (decimals >= POW10.length) return v;
  const p = POW10[decimals];
  const r = Math.round(a * p) / p;
  return v < 0 ? -r : r;
}

/**
 * Prometheus's stale marker (value.StaleNaN, bit pattern 0x7ff0000000000002).
 * JavaScript engines may canonicalise a NaN's payload as it moves through
 * arrays, so the store never tells NaNs apart: it never stores any NaN other
 * than a stale marker (an appended NaN is read as "no value here"), and every
 * NaN it reads back ends the series at that point.
 */
export const STALE_NAN: number = new Float64Array(new BigUint64Array([0x7ff0000000000002n]).buffer)[0];
