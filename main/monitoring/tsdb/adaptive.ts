import type { BitReader, BitWriter } from './bit-writer';
import { readRiceInto, riceBits, writeRice } from './rice';
import { POW2, readSigned, writeSigned, type Buckets } from './varbits';

/**
 * A run of signed integers (delta-of-deltas, deltas) coded with one width
 * chosen per chunk: '0' + k-bit two's complement when a number fits, else '1'
 * and the Gorilla bucket coding. Fixed Gorilla buckets waste bits when the
 * noise sits just past a bucket edge (scrape jitter of ±40 ms, a counter's
 * rate noise); picking k from the data costs 6 bits per chunk and removes
 * that waste. k = 0 degenerates to Gorilla's one-bit '0' for steady runs.
 *
 * When it is shorter, the run is Rice-coded instead (rice.ts): the 6-bit
 * width field then holds RICE and is followed by the Rice parameter.
 */
const WIDTH_BITS = 6; // k ≤ 53
const MAX_K = 53;
const RICE = 63;

/** The smallest k with -2^(k-1) ≤ v < 2^(k-1) (0 for v = 0). */
function widthOf(v: number): number {
  if (v === 0) return 0;
  const m = v < 0 ? -v - 1 : v; // two's complement needs one bit more than this magnitude
  if (m < 2 ** 31) return 33 - Math.clz32(m);
  return Math.floor(Math.log2(m)) + 2;
}

/** Bits the bucket coding spends on a value of each width (0..MAX_K+1), per bucket list. */
const costTables = new Map<Buckets, number[]>();
function bucketCosts(widths: Buckets): number[] {
  let table = costTables.get(widths);
  if (!table) {
    table = [];
    for (let w = 0; w <= MAX_K + 1; w++) {
      const i = widths.findIndex((x) => x >= w);
      table.push(i < 0 ? widths.length + 54 : i + 1 + widths[i]);
    }
    costTables.set(widths, table);
  }
  return table;
}

/**
 * The width with the fewest bits overall, from a histogram of the widths the
 * values need: O(n + 54) instead of trying every width against every value.
 */
function bestWidth(values: number[], widths: Buckets): { k: number; bits: number } {
  const costs = bucketCosts(widths);
  const count = new Array<number>(MAX_K + 2).fill(0);
  for (const v of values) count[Math.min(widthOf(v), MAX_K + 1)]++;
  // cost(k) = (values of width ≤ k) × (1 + k) + ('1' + bucket cost) of the wider ones
  let fitting = 0;
  let wider = 0;
  for (let w = 0; w <= MAX_K + 1; w++) wider += count[w] * (1 + costs[w]);
  let best = 0;
  let bestCost = Infinity;
  for (let k = 0; k <= MAX_K; k++) {
    fitting += count[k];
    wider -= count[k] * (1 + costs[k]);
    const cost = fitting * (1 + k) + wider;
    if (cost < bestCost) {
      bestCost = cost;
      best = k;
    }
  }
  return { k: best, bits: bestCost };
}

interface Choice {
  rice: boolean;
  k: number;
  bits: number;
}

/** The cheaper of the best fixed width and the best Rice parameter (tried around log2 of the mean). */
function choose(values: number[], widths: Buckets): Choice {
  const fixed = bestWidth(values, widths);
  let best: Choice = { rice: false, k: fixed.k, bits: fixed.bits };
  let mean = 0;
  for (const v of values) mean += Math.min(Math.abs(v) * 2, 2 ** 53) / values.length;
  const k0 = mean < 1 ? 0 : Math.floor(Math.log2(mean));
  const costs = bucketCosts(widths);
  const escape = (v: number) => costs[Math.min(widthOf(v), MAX_K + 1)];
  for (let k = Math.max(0, k0 - 2); k <= Math.min(MAX_K, k0 + 2); k++) {
    const bits = WIDTH_BITS + riceBits(values, k, escape, best.bits);
    if (bits < best.bits) best = { rice: true, k, bits };
  }
  return best;
}

/** Bits writeAdaptive would spend on `values` (to compare codings without writing them). */
export function adaptiveBits(values: number[], widths: Buckets): number {
  return values.length === 0 ? 0 : WIDTH_BITS + choose(values, widths).bits;
}

export function writeAdaptive(w: BitWriter, values: number[], widths: Buckets): void {
  if (values.length === 0) return;
  const c = choose(values, widths);
  if (c.rice) {
    w.writeBits(RICE, WIDTH_BITS);
    w.writeBits(c.k, WIDTH_BITS);
    writeRice(w, values, c.k, widths);
    return;
  }
  const k = c.k;
  w.writeBits(k, WIDTH_BITS);
  const half = k === 0 ? 0 : 2 ** (k - 1);
  const full = 2 ** k;
  for (const v of values) {
    if (k === 0 ? v === 0 : v >= -half && v < half) {
      w.writeBit(false);
      if (k > 0) {
        const u = v < 0 ? v + full : v;
        if (k <= 32) w.writeBits(u, k);
        else w.writeBits64(Math.floor(u / 2 ** 32), u % 2 ** 32, k);
      }
    } else {
      w.writeBit(true);
      writeSigned(w, v, widths);
    }
  }
}

/** Reads `count` numbers; a width beyond 53 can only come from damage and is read as written. */
export function readAdaptive(r: BitReader, count: number, widths: Buckets): number[] {
  const out = new Float64Array(count);
  readAdaptiveInto(r, count, widths, out, 0);
  return Array.from(out);
}

/** readAdaptive into out[at], out[at+1], … (the decoders' hot path: no array per call). */
export function readAdaptiveInto(r: BitReader, count: number, widths: Buckets, out: Float64Array, at: number): void {
  if (count === 0) return;
  const field = r.readBits(WIDTH_BITS);
  if (field === RICE) {
    readRiceInto(r, count, Math.min(r.readBits(WIDTH_BITS), MAX_K), widths, out, at);
    return;
  }
  const k = Math.min(field, MAX_K);
  if (k > 31) {
    // Never chosen for real data (a 32-bit jitter); the plain reader is fast enough.
    for (let i = at; i < at + count; i++) {
      if (r.readBit()) out[i] = readSigned(r, widths);
      else {
        const u = r.readBits(k - 32) * 2 ** 32 + r.readBits(32);
        out[i] = u >= 2 ** (k - 1) ? u - 2 ** k : u;
      }
    }
    return;
  }
  // The flag and a k-bit value are read as one (k+1)-bit field from a
  // 32-bit window, with the cursor in a local.
  const b = r.bytes;
  const end = r.endBit;
  const n = k + 1;
  const half = k === 0 ? 0 : 2 ** (k - 1);
  const full = 2 ** k;
  let pos = r.pos;
  for (let i = at; i < at + count; i++) {
    // pos ≤ end here, so the flag load is in range (padding or trailer); a
    // flag past the end reads as 0 and is caught by the check below.
    const idx = pos >>> 3;
    const used = pos & 7;
    if ((b[idx] >>> (7 - used)) & 1) {
      r.pos = pos + 1;
      out[i] = readSigned(r, widths);
      pos = r.pos;
      continue;
    }
    if (pos + n > end) {
      r.pos = pos;
      throw r.truncated();
    }
    // used + n ≤ 7 + 32: at most 5 bytes; the reader pads its copy with zeros.
    const word = (b[idx] << 24) | (b[idx + 1] << 16) | (b[idx + 2] << 8) | b[idx + 3];
    let u: number;
    if (used + n <= 32) {
      u = (word << used) >>> (32 - n);
    } else {
      const extra = used + n - 32;
      u = ((word << used) >>> used) * POW2[extra] + (b[idx + 4] >>> (8 - extra));
    }
    pos += n;
    // The field's top bit is the '0' flag, so the field is the value itself.
    out[i] = k === 0 ? 0 : u >= half ? u - full : u;
  }
  r.pos = pos;
}
