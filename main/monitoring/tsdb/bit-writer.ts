import { OpsError } from '../../../shared/api/errors';

/**
 * Bit-granular buffers for the Gorilla chunk codec. Values of up to 32 bits
 * are moved per call; 64-bit quantities are split into hi/lo words by the
 * caller, so no BigInt sits on the hot path.
 */
export class BitWriter {
  private buf = new Uint8Array(64);
  private byte = 0; // index of the byte being filled
  private bit = 0; // bits already used in buf[byte], 0..7

  /** Appends the low `n` bits of `value` (0 ≤ n ≤ 32), most significant first. */
  writeBits(value: number, n: number): void {
    let left = n;
    while (left > 0) {
      if (this.byte >= this.buf.length) this.grow();
      const free = 8 - this.bit;
      const take = left < free ? left : free;
      const bits = (value >>> (left - take)) & ((1 << take) - 1);
      this.buf[this.byte] |= bits << (free - take);
      left -= take;
      this.bit += take;
      if (this.bit === 8) {
        this.bit = 0;
        this.byte++;
      }
    }
  }

  writeBit(on: boolean): void {
    this.writeBits(on ? 1 : 0, 1);
  }

  /** Writes the low `n` bits (0 ≤ n ≤ 64) of the 64-bit word hi:lo. */
  writeBits64(hi: number, lo: number, n: number): void {
    if (n > 32) {
      this.writeBits(hi, n - 32);
      this.writeBits(lo, 32);
    } else {
      this.writeBits(lo, n);
    }
  }

  get bitLength(): number {
    return this.byte * 8 + this.bit;
  }

  /** The written bits, zero-padded to a whole byte. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.byte + (this.bit > 0 ? 1 : 0));
  }

  /** What finish() returns, without the copy: only valid until the next write or reset. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.byte + (this.bit > 0 ? 1 : 0));
  }

  /** Empties the writer, keeping its buffer (writes OR into zeroed bytes). */
  reset(): void {
    this.buf.fill(0, 0, this.byte + 1);
    this.byte = 0;
    this.bit = 0;
  }

  private grow(): void {
    const next = new Uint8Array(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
  }
}

/** Reads what BitWriter wrote; running past the end is an integrity error, never garbage. */
export class BitReader {
  /** bit position in `bytes`; hot loops (adaptive.ts) read and advance it directly */
  pos = 0;
  /** the stream followed by 8 zero bytes */
  readonly bytes: Uint8Array;
  readonly endBit: number;
  private readonly startBit: number;

  constructor(source: Uint8Array, start = 0, end = source.length) {
    // Reads load whole 32-bit windows, up to 5 bytes past the cursor. When 4
    // bytes follow the stream (a chunk's CRC does) it is read in place;
    // otherwise from a copy padded with zeros, so no load is ever out of
    // range (that would also make V8 deoptimise the hot loops).
    const e = Math.max(end, start);
    if (source.length >= e + 4) {
      this.bytes = source;
      this.pos = start * 8;
    } else {
      this.bytes = new Uint8Array(e - start + 8);
      this.bytes.set(source.subarray(start, e));
      this.pos = 0;
    }
    this.startBit = this.pos;
    this.endBit = this.pos + (e - start) * 8;
  }

  get remaining(): number {
    return this.endBit - this.pos;
  }

  truncated(): OpsError {
    return new OpsError('integrity', 'The chunk ends before its last sample: it is truncated or damaged.', {
      bitOffset: this.pos - this.startBit,
    });
  }

  /** Reads `n` bits (0 ≤ n ≤ 32) as an unsigned number. */
  readBits(n: number): number {
    if (n > this.endBit - this.pos) throw this.truncated();
    if (n === 0) return 0;
    const b = this.bytes;
    const idx = this.pos >>> 3;
    const used = this.pos & 7;
    this.pos += n;
    // Up to 32 bits span at most 5 bytes; bytes past the end read as zero
    // (they are never part of the result: `remaining` was checked above).
    const word = ((b[idx] << 24) | (b[idx + 1] << 16) | (b[idx + 2] << 8) | b[idx + 3]) >>> 0;
    if (used + n <= 32) return n === 32 ? word : ((word << used) >>> 0) >>> (32 - n);
    // The 5th byte supplies the last (used + n - 32) bits.
    const extra = used + n - 32;
    const high = ((word << used) >>> 0) >>> (32 - n + extra);
    return high * 2 ** extra + (b[idx + 4] >>> (8 - extra));
  }

  readBit(): boolean {
    if (this.pos >= this.endBit) this.readBits(1); // throws the truncation error
    const p = this.pos++;
    return ((this.bytes[p >>> 3] >>> (7 - (p & 7))) & 1) === 1;
  }
}
