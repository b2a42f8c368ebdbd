import type { BitReader, BitWriter } from './bit-writer';
import { MAX_Q, readRiceInto, writeRice } from './rice';
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
const TWO32 = 2 ** 32;

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

/** The histogram bestWidth fills; one per process, as encoding never re-enters itself. */
const widthCount = new Float64Array(MAX_K + 2);

/**
 * The width with the fewest bits overall, from a histogram of the widths the
 * values need: O(n + 54) instead of trying every width against every value.
 * Writes the best width and its cost into `into` and returns the mean that
 * chooseAdaptive needs, so the values are walked once for both.
 */
function bestWidth(values: readonly number[], costs: readonly number[], into: Choice): number {
  const count = widthCount;
  count.fill(0);
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const w = widthOf(v);
    count[w > MAX_K + 1 ? MAX_K + 1 : w]++;
    // Summed term by term exactly as the format's first encoder did: a
    // differently rounded mean could move k0 across a power of two and
    // change which Rice parameter, and so which bytes, a chunk gets.
    mean += Math.min(Math.abs(v) * 2, 2 ** 53) / n;
  }
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
  into.rice = false;
  into.k = best;
  into.bits = bestCost;
  return mean;
}

/** How writeAdaptive codes a run: from chooseAdaptive, reusable so a run is sized once. */
export interface Choice {
  rice: boolean;
  k: number;
  bits: number;
}

/** Rice sizes of the five parameters tried, filled by riceSizes. */
const riceSize = new Float64Array(5);

/**
 * The cheaper of the best fixed width and the best Rice parameter (tried
 * around log2 of the mean). The five Rice sizes come from one pass; taking
 * the first k whose full size beats the best so far picks what trying them
 * one by one with an early stop picked (a stopped count was never smaller).
 */
export function chooseAdaptive(values: readonly number[], widths: Buckets): Choice {
  const costs = bucketCosts(widths);
  const best: Choice = { rice: false, k: 0, bits: 0 };
  const mean = bestWidth(values, costs, best);
  const k0 = mean < 1 ? 0 : Math.floor(Math.log2(mean));
  const lo = Math.max(0, k0 - 2);
  const hi = Math.min(MAX_K, k0 + 2);
  riceSizes(values, lo, hi, costs);
  for (let k = lo; k <= hi; k++) {
    const bits = WIDTH_BITS + riceSize[k - lo];
    if (bits < best.bits) {
      best.rice = true;
      best.k = k;
      best.bits = bits;
    }
  }
  return best;
}

/** The bits writeRice (rice.ts) spends at each k in lo..hi, all in one pass, into riceSize[k - lo]. */
function riceSizes(values: readonly number[], lo: number, hi: number, costs: readonly number[]): void {
  riceSize.fill(0);
  // Imports in locals: unbundled (tsx, vitest) every imported binding is a getter call.
  const maxQ = MAX_Q;
  const pow2 = POW2;
  const span = hi - lo;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let escape = -1; // computed once per value, when some k needs it
    if (Math.abs(v) > 2 ** 52) {
      escape = costs[Math.min(widthOf(v), MAX_K + 1)];
      for (let j = 0; j <= span; j++) riceSize[j] += maxQ + escape;
      continue;
    }
    const u = v >= 0 ? 2 * v : -2 * v - 1;
    for (let j = 0; j <= span; j++) {
      const k = lo + j;
      const q = u < TWO32 && k < 32 ? u >>> k : Math.floor(u / pow2[k]);
      if (q < maxQ) riceSize[j] += q + 1 + k;
      else {
        if (escape < 0) escape = costs[Math.min(widthOf(v), MAX_K + 1)];
        riceSize[j] += maxQ + escape;
      }
    }
  }
}

/** Bits writeAdaptive would spend on `values` (to compare codings without writing them). */
export function adaptiveBits(values: readonly number[], widths: Buckets): number {
  return values.length === 0 ? 0 : choiceBits(chooseAdaptive(values, widths));
}

/** Bits writeAdaptive spends with this choice (none for an empty run, which has no choice). */
export function choiceBits(c: Choice | undefined): number {
  return c ? WIDTH_BITS + c.bits : 0;
}

/** Writes `values`; `chosen` (from chooseAdaptive on the same values) saves sizing them again. */
export function writeAdaptive(w: BitWriter, values: readonly number[], widths: Buckets, chosen?: Choice): void {
  if (values.length === 0) return;
  const c = chosen ?? chooseAdaptive(values, widths);
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
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (k === 0 ? v === 0 : v >= -half && v < half) {
      const u = v < 0 ? v + full : v;
      // The '0' flag and the k bits as one field: u < 2^k, so the flag is its top bit.
      if (k < 32) w.writeBits(u, k + 1);
      else {
        w.writeBit(false);
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
