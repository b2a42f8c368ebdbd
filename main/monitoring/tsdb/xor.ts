import { OpsError } from '../../../shared/api/errors';
import type { BitReader, BitWriter } from './bit-writer';

/**
 * Gorilla XOR coding of float64 values (Pelkonen et al. 2015, §4.1.2; the
 * same scheme as Prometheus's XOR chunk). A value equal to the previous one
 * costs one bit; otherwise the XOR's meaningful bits are written inside the
 * previous leading/trailing-zero window when they fit, or with a new window.
 * Exact for every bit pattern, so -0 and ±Infinity survive untouched.
 */

function clz64(hi: number, lo: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

function ctz32(x: number): number {
  // x & -x isolates the lowest set bit; clz32 of it gives its position.
  return 31 - Math.clz32(x & -x);
}

function ctz64(hi: number, lo: number): number {
  return lo !== 0 ? ctz32(lo) : 32 + ctz32(hi);
}

/**
 * One 8-byte view shared by every coder, to move a double's bits in and out
 * (coding is synchronous, so no two uses interleave). The 64-bit shifts below
 * are inlined rather than returning [hi, lo] pairs: an array per value was
 * most of the decoder's allocation.
 */
const bits = new DataView(new ArrayBuffer(8));

export class XorEncoder {
  private first = true;
  private prevHi = 0;
  private prevLo = 0;
  private leading = -1; // -1: no window yet
  private trailing = 0;

  constructor(private readonly w: BitWriter) {}

  write(v: number): void {
    bits.setFloat64(0, v);
    const hi = bits.getUint32(0);
    const lo = bits.getUint32(4);
    if (this.first) {
      this.first = false;
      this.w.writeBits64(hi, lo, 64);
    } else {
      this.writeXor((hi ^ this.prevHi) >>> 0, (lo ^ this.prevLo) >>> 0);
    }
    this.prevHi = hi;
    this.prevLo = lo;
  }

  private writeXor(xh: number, xl: number): void {
    const w = this.w;
    if (xh === 0 && xl === 0) {
      w.writeBit(false);
      return;
    }
    w.writeBit(true);
    // The leading count is stored in 5 bits, so cap it at 31.
    const lz = Math.min(clz64(xh, xl), 31);
    const tz = ctz64(xh, xl);
    if (this.leading >= 0 && lz >= this.leading && tz >= this.trailing) {
      w.writeBit(false);
      writeShifted(w, xh, xl, this.trailing, 64 - this.leading - this.trailing);
      return;
    }
    w.writeBit(true);
    const sig = 64 - lz - tz;
    w.writeBits(lz, 5);
    w.writeBits(sig & 63, 6); // 64 significant bits is stored as 0
    writeShifted(w, xh, xl, tz, sig);
    this.leading = lz;
    this.trailing = tz;
  }
}

/** Writes the low n bits of (hi:lo >>> k). */
function writeShifted(w: BitWriter, hi: number, lo: number, k: number, n: number): void {
  if (k === 0) w.writeBits64(hi, lo, n);
  else if (k >= 32) w.writeBits64(0, hi >>> (k - 32), n);
  else w.writeBits64(hi >>> k, ((lo >>> k) | (hi << (32 - k))) >>> 0, n);
}

export class XorDecoder {
  private first = true;
  private hi = 0;
  private lo = 0;
  private leading = -1;
  private trailing = 0;

  constructor(private readonly r: BitReader) {}

  read(): number {
    const r = this.r;
    if (this.first) {
      this.first = false;
      this.hi = r.readBits(32);
      this.lo = r.readBits(32);
    } else if (r.readBit()) {
      if (r.readBit()) {
        const lz = r.readBits(5);
        const sig = r.readBits(6) || 64;
        if (lz + sig > 64) {
          throw new OpsError('integrity', 'The chunk holds an impossible value window: it is damaged.');
        }
        this.leading = lz;
        this.trailing = 64 - lz - sig;
      } else if (this.leading < 0) {
        throw new OpsError('integrity', 'The chunk reuses a value window it never opened: it is damaged.');
      }
      const n = 64 - this.leading - this.trailing;
      const h = n > 32 ? r.readBits(n - 32) : 0;
      const l = r.readBits(n > 32 ? 32 : n);
      // XOR in (h:l << trailing); trailing ≤ 63
      const k = this.trailing;
      if (k === 0) {
        this.hi = (this.hi ^ h) >>> 0;
        this.lo = (this.lo ^ l) >>> 0;
      } else if (k >= 32) {
        this.hi = (this.hi ^ (l << (k - 32))) >>> 0;
      } else {
        this.hi = (this.hi ^ ((h << k) | (l >>> (32 - k)))) >>> 0;
        this.lo = (this.lo ^ (l << k)) >>> 0;
      }
    }
    bits.setUint32(0, this.hi);
    bits.setUint32(4, this.lo);
    return bits.getFloat64(0);
  }
}
