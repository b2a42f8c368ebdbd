import type { BitReader, BitWriter } from './bit-writer';
import { readSigned, writeSigned, type Buckets } from './varbits';

/**
 * A run of signed integers (delta-of-deltas, deltas) coded with one width
 * chosen per chunk: '0' + k-bit two's complement when a number fits, else '1'
 * and the Gorilla bucket coding. Fixed Gorilla buckets waste bits when the
 * noise sits just past a bucket edge (scrape jitter of ±40 ms, a counter's
 * rate noise); picking k from the data costs 6 bits per chunk and removes
 * that waste. k = 0 degenerates to Gorilla's one-bit '0' for steady runs.
 */
const WIDTH_BITS = 6; // k ≤ 53

function fits(v: number, k: number): boolean {
  if (k === 0) return v === 0;
  const half = 2 ** (k - 1);
  return v >= -half && v < half;
}

function bucketCost(v: number, widths: Buckets): number {
  for (let i = 0; i < widths.length; i++) if (fits(v, widths[i])) return i + 1 + widths[i];
  return widths.length + 54;
}

function bestWidth(values: number[], widths: Buckets): number {
  const fallback = values.map((v) => 1 + bucketCost(v, widths));
  let best = 0;
  let bestCost = Infinity;
  for (let k = 0; k <= 53; k++) {
    let cost = 0;
    for (let i = 0; i < values.length && cost < bestCost; i++) {
      cost += fits(values[i], k) ? 1 + k : fallback[i];
    }
    if (cost < bestCost) {
      bestCost = cost;
      best = k;
    }
  }
  return best;
}

export function writeAdaptive(w: BitWriter, values: number[], widths: Buckets): void {
  if (values.length === 0) return;
  const k = bestWidth(values, widths);
  w.writeBits(k, WIDTH_BITS);
  for (const v of values) {
    if (fits(v, k)) {
      w.writeBit(false);
      if (k > 0) {
        const u = v < 0 ? v + 2 ** k : v;
        w.writeBits64(Math.floor(u / 2 ** 32), u % 2 ** 32, k);
      }
    } else {
      w.writeBit(true);
      writeSigned(w, v, widths);
    }
  }
}

/** Reads `count` numbers; a width beyond 53 can only come from damage and is read as written. */
export function readAdaptive(r: BitReader, count: number, widths: Buckets): number[] {
  const out = new Array<number>(count);
  if (count === 0) return out;
  const k = Math.min(r.readBits(WIDTH_BITS), 53);
  for (let i = 0; i < count; i++) {
    if (r.readBit()) {
      out[i] = readSigned(r, widths);
    } else if (k === 0) {
      out[i] = 0;
    } else {
      const [hi, lo] = r.readBits64(k);
      const u = hi * 2 ** 32 + lo;
      out[i] = u >= 2 ** (k - 1) ? u - 2 ** k : u;
    }
  }
  return out;
}
