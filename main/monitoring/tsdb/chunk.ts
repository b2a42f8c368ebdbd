import { crc32 } from 'node:zlib';
import { OpsError } from '../../../shared/api/errors';
import { BitReader, BitWriter } from './bit-writer';
import { TS_BUCKETS, readSigned, readUvarint, writeSigned, writeUvarint } from './varbits';
import { adaptiveBits, readAdaptiveInto, writeAdaptive } from './adaptive';
import { planDecimal, readDecimalInto, writeDecimal, type DecimalPlan } from './decimal';
import { XorDecoder, XorEncoder } from './xor';

/**
 * A chunk: Gorilla-encoded samples of one series.
 *
 *   [version=2][value mode][count: uvarint][bit stream…][crc32 of all before: 4 bytes BE]
 *
 * Timestamps are the first one, then either delta-of-deltas (steady or
 * drifting scrapes) or each delta minus the chunk's median interval (scrapes
 * jittering around a fixed slot, where that difference is √3 times smaller),
 * whichever is shorter; both runs are coded by adaptive.ts over TS_BUCKETS.
 *
 * Values are scaled integers with a common divisor when every one is a short
 * decimal or a stale NaN (decimal.ts: counters, byte gauges, rounded rates
 * and percentages), else Gorilla XOR (any float64). Version 1 also had
 * integer delta codings, which scale-0 decimals replace; no version-1 chunk
 * was ever stored, so they are not read. The CRC makes any damaged or
 * truncated chunk fail loudly instead of decoding into plausible wrong numbers.
 */
export const CHUNK_VERSION = 2;

/** 1 and 2 were version 1's integer codings. */
export const ValueMode = { xor: 0, decimal: 3 } as const;
type Mode = (typeof ValueMode)[keyof typeof ValueMode];

/** Timestamps and integer values must stay this small so every delta-of-delta is exact. */
export const MAX_ABS = 2 ** 50;

export interface Samples {
  ts: number[];
  vs: number[];
}

function damaged(message: string, details?: unknown): OpsError {
  return new OpsError('integrity', `The chunk is damaged: ${message}.`, details);
}

function checkInput(ts: number[], vs: number[]): void {
  if (ts.length !== vs.length) {
    throw new OpsError('bad_input', 'A chunk needs as many values as timestamps.', {
      timestamps: ts.length,
      values: vs.length,
    });
  }
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    if (!Number.isInteger(t) || Math.abs(t) > MAX_ABS) {
      throw new OpsError('bad_input', 'Timestamps must be whole milliseconds within ±2^50.', { index: i });
    }
    if (i > 0 && t <= ts[i - 1]) {
      throw new OpsError('bad_input', 'Timestamps must be strictly increasing.', { index: i });
    }
    if (typeof vs[i] !== 'number') {
      throw new OpsError('bad_input', 'Values must be numbers.', { index: i });
    }
  }
}

/** Bits per value above which a decimal run is compared with XOR. */
const XOR_WORTH_TRYING = 24;

/** Consecutive differences, `order` times over (1 = deltas, 2 = delta-of-deltas), from index `order` on. */
function differences(xs: number[], order: 1 | 2): number[] {
  const out: number[] = [];
  for (let i = order; i < xs.length; i++) {
    const d = xs[i] - xs[i - 1];
    out.push(order === 1 ? d : d - (xs[i - 1] - xs[i - 2]));
  }
  return out;
}

function writeTimestamps(w: BitWriter, ts: number[]): void {
  const n = ts.length;
  if (n > 0) writeSigned(w, ts[0], TS_BUCKETS);
  if (n < 2) return;
  const deltas = differences(ts, 1);
  const median = [...deltas].sort((a, b) => a - b)[deltas.length >> 1];
  const biased = deltas.map((d) => d - median);
  const dods = differences(ts, 2);
  // Both start with one signed number of the same size (the median, the first delta).
  if (adaptiveBits(biased, TS_BUCKETS) < adaptiveBits(dods, TS_BUCKETS)) {
    w.writeBit(true);
    writeSigned(w, median, TS_BUCKETS);
    writeAdaptive(w, biased, TS_BUCKETS);
  } else {
    w.writeBit(false);
    writeSigned(w, deltas[0], TS_BUCKETS);
    writeAdaptive(w, dods, TS_BUCKETS);
  }
}

function readTimestamps(r: BitReader, ts: Float64Array, at: number, count: number): void {
  if (count > 0) ts[at] = readSigned(r, TS_BUCKETS);
  if (count < 2) return;
  if (r.readBit()) {
    const median = readSigned(r, TS_BUCKETS);
    readAdaptiveInto(r, count - 1, TS_BUCKETS, ts, at + 1);
    for (let i = at + 1; i < at + count; i++) ts[i] = ts[i - 1] + median + ts[i];
  } else {
    ts[at + 1] = ts[at] + readSigned(r, TS_BUCKETS);
    readAdaptiveInto(r, count - 2, TS_BUCKETS, ts, at + 2);
    integrateInPlace(ts, at, count);
  }
}

function encodeWith(ts: number[], vs: number[], mode: Mode, plan?: DecimalPlan): Uint8Array {
  const w = new BitWriter();
  const n = ts.length;
  writeTimestamps(w, ts);

  if (mode === ValueMode.decimal) {
    writeDecimal(w, plan!, n);
  } else {
    const xor = new XorEncoder(w);
    for (const v of vs) xor.write(v);
  }
  const header: number[] = [CHUNK_VERSION, mode];
  writeUvarint(header, n);
  const body = w.finish();
  const out = new Uint8Array(header.length + body.length + 4);
  out.set(header, 0);
  out.set(body, header.length);
  const crc = crc32(out.subarray(0, out.length - 4));
  new DataView(out.buffer).setUint32(out.length - 4, crc);
  return out;
}

/** Encodes one series; `ts` in ms, strictly increasing. */
export function encodeChunk(ts: number[], vs: number[]): Uint8Array {
  checkInput(ts, vs);
  // XOR is only tried against a decimal run that is long anyway (many
  // digits, wild jumps): it rarely wins below that.
  const plan = ts.length > 0 ? planDecimal(vs) : null;
  if (!plan) return encodeWith(ts, vs, ValueMode.xor);
  const decimal = encodeWith(ts, vs, ValueMode.decimal, plan);
  if (plan.bits < XOR_WORTH_TRYING * ts.length) return decimal;
  const xor = encodeWith(ts, vs, ValueMode.xor);
  return xor.length < decimal.length ? xor : decimal;
}

export function decodeChunk(bytes: Uint8Array): Samples {
  const n = chunkCount(bytes);
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  decodeChunkInto(bytes, ts, vs, 0);
  return { ts: Array.from(ts), vs: Array.from(vs) };
}

/** The number of samples a chunk says it holds (checked against its length by decodeChunkInto). */
export function chunkCount(bytes: Uint8Array): number {
  if (!(bytes instanceof Uint8Array) || bytes.length < 7) {
    throw damaged('it is shorter than a header', { length: bytes?.length });
  }
  const { value: count } = readUvarint(bytes, 2);
  // Every sample takes at least two bits.
  if (count * 2 > (bytes.length - 4) * 8) throw damaged('its sample count exceeds its length', { count });
  return count;
}

/**
 * Decodes into ts[at…] and vs[at…] (the store's read path: one pair of
 * arrays for a whole query, no arrays per chunk); returns the sample count.
 */
export function decodeChunkInto(bytes: Uint8Array, ts: Float64Array, vs: Float64Array, at: number): number {
  const count = chunkCount(bytes);
  const end = bytes.length - 4;
  const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(end);
  if (crc32(bytes.subarray(0, end)) !== stored) throw damaged('its checksum does not match');
  if (bytes[0] > CHUNK_VERSION) {
    throw new OpsError('too_new', `This chunk has format version ${bytes[0]}; this Opsroom reads version 2.`);
  }
  if (bytes[0] !== CHUNK_VERSION) throw damaged(`its format version ${bytes[0]} is unknown`);
  const mode = bytes[1];
  if (mode !== ValueMode.xor && mode !== ValueMode.decimal) throw damaged(`unknown value coding ${mode}`);
  const r = new BitReader(bytes, readUvarint(bytes, 2).next, end);
  if (count * 2 > r.remaining) throw damaged('its sample count exceeds its length', { count });
  if (ts.length < at + count || vs.length < at + count) {
    throw new OpsError('bad_input', 'The arrays have no room for this chunk.', { count, at });
  }

  readTimestamps(r, ts, at, count);
  for (let i = at; i < at + count; i++) {
    if (Math.abs(ts[i]) > MAX_ABS || (i > at && ts[i] <= ts[i - 1])) {
      throw damaged('its timestamps are out of order', { index: i - at });
    }
  }

  if (mode === ValueMode.decimal) {
    readDecimalInto(r, count, vs, at);
  } else {
    const xor = new XorDecoder(r);
    for (let i = at; i < at + count; i++) vs[i] = xor.read();
  }
  if (r.remaining >= 8) throw damaged('it has bytes after its last sample');
  return count;
}

/** Turns xs[at+2…] from delta-of-deltas into values, given the first two values in place. */
function integrateInPlace(xs: Float64Array, at: number, count: number): void {
  let delta = xs[at + 1] - xs[at];
  for (let i = at + 2; i < at + count; i++) {
    delta += xs[i];
    xs[i] = xs[i - 1] + delta;
  }
}
