import { crc32 } from 'node:zlib';
import { OpsError } from '../../../shared/api/errors';
import { BitReader, BitWriter } from '../tsdb/bit-writer';
import { readAdaptive, writeAdaptive } from '../tsdb/adaptive';
import { planDecimal, readDecimal, writeDecimal } from '../tsdb/decimal';
import { INT_BUCKETS, readSigned, readUvarint, writeSigned, writeUvarint } from '../tsdb/varbits';
import { XorDecoder, XorEncoder } from '../tsdb/xor';

/**
 * Rollup buckets of one series at one resolution, as a block:
 *
 *   [version=1][count: uvarint][bit stream…][crc32 of all before: 4 bytes BE]
 *
 * The bit stream is five columns, each coded on its own because each has
 * its own shape: bucket starts as steps in bucket units (1 bit for each
 * consecutive bucket), then count, min, max and sum, each as decimal scaled
 * integers (tsdb/decimal.ts) or Gorilla XOR, whichever is smaller.
 */
export const ROLLUP_BLOCK_VERSION = 1;

export interface RollupColumns {
  /** bucket starts, epoch ms, multiples of the bucket, strictly increasing */
  t: number[];
  count: number[];
  min: number[];
  max: number[];
  sum: number[];
}

export function emptyColumns(): RollupColumns {
  return { t: [], count: [], min: [], max: [], sum: [] };
}

function damaged(why: string): OpsError {
  return new OpsError('integrity', `A rollup block is damaged: ${why}.`);
}

function writeXor(w: BitWriter, vs: number[]): void {
  const x = new XorEncoder(w);
  for (const v of vs) x.write(v);
}

/** One value column: a flag bit, then decimal or XOR coding, whichever is shorter. */
export function writeValueColumn(w: BitWriter, vs: number[]): void {
  const plan = planDecimal(vs);
  if (plan) {
    const scratch = new BitWriter();
    writeXor(scratch, vs);
    if (plan.bits <= scratch.bitLength) {
      w.writeBit(true);
      writeDecimal(w, plan, vs.length);
      return;
    }
  }
  w.writeBit(false);
  writeXor(w, vs);
}

export function readValueColumn(r: BitReader, n: number): number[] {
  if (r.readBit()) return readDecimal(r, n);
  const x = new XorDecoder(r);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = x.read();
  return out;
}

export function encodeRollupBlock(cols: RollupColumns, bucketMs: number): Uint8Array {
  const n = cols.t.length;
  const w = new BitWriter();
  if (n > 0) {
    writeSigned(w, cols.t[0] / bucketMs, INT_BUCKETS);
    const gaps: number[] = [];
    for (let i = 1; i < n; i++) gaps.push((cols.t[i] - cols.t[i - 1]) / bucketMs - 1);
    writeAdaptive(w, gaps, INT_BUCKETS);
    writeValueColumn(w, cols.count);
    writeValueColumn(w, cols.min);
    writeValueColumn(w, cols.max);
    writeValueColumn(w, cols.sum);
  }
  const header: number[] = [ROLLUP_BLOCK_VERSION];
  writeUvarint(header, n);
  const body = w.finish();
  const out = new Uint8Array(header.length + body.length + 4);
  out.set(header, 0);
  out.set(body, header.length);
  new DataView(out.buffer).setUint32(out.length - 4, crc32(out.subarray(0, out.length - 4)));
  return out;
}

export function decodeRollupBlock(bytes: Uint8Array, bucketMs: number): RollupColumns {
  if (!(bytes instanceof Uint8Array) || bytes.length < 6) throw damaged('it is shorter than a header');
  const end = bytes.length - 4;
  const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(end);
  if (crc32(bytes.subarray(0, end)) !== stored) throw damaged('its checksum does not match');
  if (bytes[0] !== ROLLUP_BLOCK_VERSION) {
    throw new OpsError('too_new', `This rollup block has format version ${bytes[0]}; this Opsroom reads version 1.`);
  }
  const { value: n, next } = readUvarint(bytes, 1);
  const r = new BitReader(bytes, next, end);
  if (n * 5 > r.remaining) throw damaged('its bucket count exceeds its length');
  const cols = emptyColumns();
  if (n === 0) return cols;
  let b = readSigned(r, INT_BUCKETS);
  cols.t.push(b * bucketMs);
  for (const gap of readAdaptive(r, n - 1, INT_BUCKETS)) {
    if (gap < 0) throw damaged('its buckets are out of order');
    b += gap + 1;
    cols.t.push(b * bucketMs);
  }
  cols.count = readValueColumn(r, n);
  cols.min = readValueColumn(r, n);
  cols.max = readValueColumn(r, n);
  cols.sum = readValueColumn(r, n);
  if (r.remaining >= 8) throw damaged('it has bytes after its last bucket');
  return cols;
}
