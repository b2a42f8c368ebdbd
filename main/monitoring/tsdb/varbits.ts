import { OpsError } from '../../../shared/api/errors';
import type { BitReader, BitWriter } from './bit-writer';

/**
 * Signed integers in size buckets chosen by a unary prefix, as Gorilla does
 * for timestamp delta-of-deltas: bucket i is i one-bits then a zero, followed
 * by a `widths[i]`-bit two's-complement value; past the last bucket comes a
 * sign bit and a 53-bit magnitude, which holds any safe integer exactly.
 */
export type Buckets = readonly number[];

/** Timestamp delta-of-deltas in ms: 0 (steady scrapes), ±64 ms jitter, ±2 s, ±8.7 min. */
export const TS_BUCKETS: Buckets = [0, 7, 12, 20];
/** Integer value deltas: wider, because counters move by thousands per scrape. */
export const INT_BUCKETS: Buckets = [0, 6, 12, 18, 25, 33];

const TWO32 = 2 ** 32;
/** POW2[k] = 2^k, for the hot paths (Math.pow is slower than a load). */
export const POW2: readonly number[] = Array.from({ length: 64 }, (_, k) => 2 ** k);

export function writeSigned(w: BitWriter, v: number, widths: Buckets): void {
  for (let i = 0; i < widths.length; i++) {
    const width = widths[i];
    const half = width === 0 ? 0 : 2 ** (width - 1);
    if (v >= -half && v < half) {
      w.writeBits(i === 0 ? 0 : (1 << (i + 1)) - 2, i + 1); // i ones, then a zero
      if (width > 0) {
        const u = v < 0 ? v + 2 ** width : v;
        w.writeBits64(Math.floor(u / TWO32), u % TWO32, width);
      }
      return;
    }
  }
  for (let i = 0; i < widths.length; i++) w.writeBit(true);
  const mag = Math.abs(v);
  w.writeBit(v < 0);
  w.writeBits64(Math.floor(mag / TWO32), mag % TWO32, 53);
}

export function readSigned(r: BitReader, widths: Buckets): number {
  let i = 0;
  while (i < widths.length && r.readBit()) i++;
  if (i < widths.length) {
    const width = widths[i];
    if (width === 0) return 0;
    const u = width <= 32 ? r.readBits(width) : r.readBits(width - 32) * TWO32 + r.readBits(32);
    return u >= POW2[width - 1] ? u - POW2[width] : u;
  }
  const negative = r.readBit();
  const mag = r.readBits(21) * TWO32 + r.readBits(32);
  return negative ? -mag : mag;
}

/** Unsigned LEB128 for header fields, exact up to 2^53. */
export function writeUvarint(out: number[], v: number): void {
  let x = v;
  while (x >= 0x80) {
    out.push((x % 0x80) | 0x80);
    x = Math.floor(x / 0x80);
  }
  out.push(x);
}

export function readUvarint(bytes: Uint8Array, pos: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let p = pos; p < bytes.length && p < pos + 8; p++) {
    const b = bytes[p];
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) return { value, next: p + 1 };
    scale *= 0x80;
  }
  throw new OpsError('integrity', 'The chunk header is truncated or damaged.', { offset: pos });
}
