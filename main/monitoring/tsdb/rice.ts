import type { BitReader, BitWriter } from './bit-writer';
import { POW2, readSigned, writeSigned, type Buckets } from './varbits';

/**
 * Golomb–Rice coding of a run of signed integers with parameter k: each
 * number is zig-zagged to u ≥ 0 (0, -1, 1, -2 … → 0, 1, 2, 3 …), then written
 * as q = ⌊u / 2^k⌋ one-bits, a zero, and the k low bits of u.
 *
 * Scrape jitter and a gauge's noise are bell-shaped: most values are small,
 * a few are large. A fixed width pays for the largest common value on every
 * sample; Rice pays about one bit more than the typical one. On ±25 ms of
 * jitter that is ~7 bits a timestamp instead of ~9.
 *
 * A value with q ≥ MAX_Q (a counter reset, a burst) is written as MAX_Q
 * one-bits and then in the Gorilla bucket coding, so no value costs more
 * than MAX_Q bits over its plain coding.
 */
export const MAX_Q = 20;
const TWO32 = 2 ** 32;

const zigzag = (v: number): number => (v >= 0 ? 2 * v : -2 * v - 1);
const unzigzag = (u: number): number => (u % 2 === 0 ? u / 2 : -(u + 1) / 2);
const quotient = (u: number, k: number): number => (u < TWO32 && k < 32 ? u >>> k : Math.floor(u / POW2[k]));

/** Sizes for choosing k are counted by adaptive.ts (riceSizes), for five k in one pass. */
export function writeRice(w: BitWriter, values: readonly number[], k: number, widths: Buckets): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const u = Math.abs(v) > 2 ** 52 ? Infinity : zigzag(v);
    const q = u === Infinity ? MAX_Q : quotient(u, k);
    if (q >= MAX_Q) {
      w.writeBits((1 << MAX_Q) - 1, MAX_Q);
      writeSigned(w, v, widths);
      continue;
    }
    const low = u - q * POW2[k];
    if (q + 1 + k <= 32) {
      // q ones, a zero and the low bits as one field (the usual case).
      w.writeBits(((1 << q) - 1) * 2 * POW2[k] + low, q + 1 + k);
      continue;
    }
    w.writeBits(((1 << q) - 1) * 2, q + 1); // q ones, then a zero
    if (k <= 32) w.writeBits(low, k);
    else w.writeBits64(Math.floor(low / TWO32), low % TWO32, k);
  }
}

/**
 * Reads `count` Rice-coded numbers into out[at…]. The common case (a short
 * run of ones and k ≤ 16) is taken from one 32-bit window, like the
 * fixed-width reader in adaptive.ts.
 */
export function readRiceInto(
  r: BitReader,
  count: number,
  k: number,
  widths: Buckets,
  out: Float64Array,
  at: number,
): void {
  const b = r.bytes;
  const end = r.endBit;
  // With q + 1 + k ≤ 25, u = q·2^k + low < 2^29: 32-bit integer operations are exact.
  const fastLimit = 25 - 1 - k;
  let pos = r.pos;
  for (let i = at; i < at + count; i++) {
    const idx = pos >>> 3;
    // 25 or more of the window's bits are the stream's (or zero padding past it).
    const win = ((b[idx] << 24) | (b[idx + 1] << 16) | (b[idx + 2] << 8) | b[idx + 3]) << (pos & 7);
    const q = Math.clz32(~win);
    if (q <= fastLimit && q < MAX_Q && pos + q + 1 + k <= end) {
      const low = k === 0 ? 0 : (win << (q + 1)) >>> (32 - k);
      const u = (q << k) | low;
      out[i] = (u >>> 1) ^ -(u & 1);
      pos += q + 1 + k;
      continue;
    }
    r.pos = pos;
    out[i] = readSlow(r, k, widths);
    pos = r.pos;
  }
  r.pos = pos;
}

/** A long run of ones, an escape, or a wide k: ones counted a window at a time, then the plain reader. */
function readSlow(r: BitReader, k: number, widths: Buckets): number {
  const b = r.bytes;
  let q = 0;
  for (;;) {
    const pos = r.pos;
    const avail = Math.min(25, r.endBit - pos);
    if (avail <= 0) throw r.truncated();
    const idx = pos >>> 3;
    const win = ((b[idx] << 24) | (b[idx + 1] << 16) | (b[idx + 2] << 8) | b[idx + 3]) << (pos & 7);
    const ones = Math.min(Math.clz32(~win), avail, MAX_Q - q);
    q += ones;
    r.pos = pos + ones;
    if (q === MAX_Q) return readSigned(r, widths);
    if (ones < avail) break; // the next bit is the terminating zero
  }
  r.pos++;
  const low = k <= 32 ? r.readBits(k) : r.readBits(k - 32) * TWO32 + r.readBits(32);
  return unzigzag(q * POW2[k] + low);
}
