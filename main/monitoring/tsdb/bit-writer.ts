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

  private grow(): void {
    const next = new Uint8Array(this.buf.length * 2);
    next.set(this.buf);
    this.buf = next;
  }
}

/** Reads what BitWriter wrote; running past the end is an integrity error, never garbage. */
export class BitReader {
  private pos = 0; // absolute bit position

  constructor(
    private readonly bytes: Uint8Array,
    private readonly start = 0,
    private readonly end = bytes.length,
  ) {
    this.pos = start * 8;
  }

  get remaining(): number {
    return this.end * 8 - this.pos;
  }

  /** Reads `n` bits (0 ≤ n ≤ 32) as an unsigned number. */
  readBits(n: number): number {
    if (n > this.remaining) {
      throw new OpsError('integrity', 'The chunk ends before its last sample: it is truncated or damaged.', {
        bitOffset: this.pos - this.start * 8,
      });
    }
    let out = 0;
    let left = n;
    while (left > 0) {
      const idx = this.pos >>> 3;
      const used = this.pos & 7;
      const avail = 8 - used;
      const take = left < avail ? left : avail;
      const bits = (this.bytes[idx] >>> (avail - take)) & ((1 << take) - 1);
      // Multiply instead of shifting: 32-bit results must stay unsigned.
      out = out * (1 << take) + bits;
      left -= take;
      this.pos += take;
    }
    return out;
  }

  readBit(): boolean {
    return this.readBits(1) === 1;
  }

  /** Reads `n` bits (0 ≤ n ≤ 64) into a hi:lo pair of unsigned 32-bit words. */
  readBits64(n: number): [number, number] {
    if (n > 32) {
      const hi = this.readBits(n - 32);
      return [hi, this.readBits(32)];
    }
    return [0, this.readBits(n)];
  }
}
