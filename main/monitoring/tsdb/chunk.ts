import { crc32 } from 'node:zlib';
import { OpsError } from '../../../shared/api/errors';
import { BitReader, BitWriter } from './bit-writer';
import { TS_BUCKETS, readSigned, readUvarint, writeSigned, writeUvarint } from './varbits';
import { chooseAdaptive, readAdaptiveInto, writeAdaptive, type Choice } from './adaptive';
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

/**
 * How a chunk's timestamps are coded, decided once per chunk (encodeChunk may
 * write them twice, to compare value codings).
 */
interface TimestampPlan {
  biased: boolean;
  /** the median delta or the first delta */
  lead: number;
  run: number[];
  choice?: Choice;
}

/** planTimestamps' working arrays (encoding never re-enters itself). */
let deltaScratch = new Float64Array(256);
let selectScratch = new Float64Array(256);

function planTimestamps(ts: readonly number[]): TimestampPlan | null {
  const n = ts.length;
  if (n < 2) return null;
  if (deltaScratch.length < n) {
    deltaScratch = new Float64Array(2 * n);
    selectScratch = new Float64Array(2 * n);
  }
  const deltas = deltaScratch;
  for (let i = 1; i < n; i++) deltas[i - 1] = selectScratch[i - 1] = ts[i] - ts[i - 1];
  const median = nth(selectScratch, 0, n - 2, (n - 1) >> 1);
  const biased = new Array<number>(n - 1);
  for (let i = 0; i < n - 1; i++) biased[i] = deltas[i] - median;
  const dods = new Array<number>(n - 2);
  for (let i = 1; i < n - 1; i++) dods[i - 1] = deltas[i] - deltas[i - 1];
  // One delta: the delta-of-delta run is empty (no bits) and always won.
  if (n === 2) return { biased: false, lead: deltas[0], run: dods };
  // Both start with one signed number of the same size (the median, the first delta).
  const byMedian = chooseAdaptive(biased, TS_BUCKETS);
  const byDod = chooseAdaptive(dods, TS_BUCKETS);
  return byMedian.bits < byDod.bits
    ? { biased: true, lead: median, run: biased, choice: byMedian }
    : { biased: false, lead: deltas[0], run: dods, choice: byDod };
}

/**
 * The k-th smallest of xs[first..last] (Hoare's selection; reorders them):
 * the value sorting would put at k, without sorting.
 */
function nth(xs: Float64Array, first: number, last: number, k: number): number {
  let lo = first;
  let hi = last;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        const t = xs[i];
        xs[i] = xs[j];
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return xs[k];
}

function writeTimestamps(w: BitWriter, ts: readonly number[], plan: TimestampPlan | null): void {
  if (ts.length > 0) writeSigned(w, ts[0], TS_BUCKETS);
  if (!plan) return;
  w.writeBit(plan.biased);
  writeSigned(w, plan.lead, TS_BUCKETS);
  writeAdaptive(w, plan.run, TS_BUCKETS, plan.choice);
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

function encodeWith(
  ts: number[],
  vs: number[],
  times: TimestampPlan | null,
  mode: Mode,
  plan?: DecimalPlan,
): Uint8Array {
  const w = scratch;
  w.reset();
  const n = ts.length;
  writeTimestamps(w, ts, times);

  if (mode === ValueMode.decimal) {
    writeDecimal(w, plan!, n);
  } else {
    const xor = new XorEncoder(w);
    for (const v of vs) xor.write(v);
  }
  const header: number[] = [CHUNK_VERSION, mode];
  writeUvarint(header, n);
  const body = w.view();
  const out = new Uint8Array(header.length + body.length + 4);
  out.set(header, 0);
  out.set(body, header.length);
  const end = out.length - 4;
  const crc = crc32(out.subarray(0, end));
  out[end] = crc >>> 24;
  out[end + 1] = crc >>> 16;
  out[end + 2] = crc >>> 8;
  out[end + 3] = crc;
  return out;
}

/** The writer every chunk is built in (its bytes are copied out), so none grows from empty each time. */
const scratch = new BitWriter();

/** Encodes one series; `ts` in ms, strictly increasing. */
export function encodeChunk(ts: number[], vs: number[]): Uint8Array {
  checkInput(ts, vs);
  // XOR is only tried against a decimal run that is long anyway (many
  // digits, wild jumps): it rarely wins below that.
  const times = planTimestamps(ts);
  const plan = ts.length > 0 ? planDecimal(vs) : null;
  if (!plan) return encodeWith(ts, vs, times, ValueMode.xor);
  const decimal = encodeWith(ts, vs, times, ValueMode.decimal, plan);
  if (plan.bits < XOR_WORTH_TRYING * ts.length) return decimal;
  const xor = encodeWith(ts, vs, times, ValueMode.xor);
  return xor.length < decimal.length ? xor : decimal;
}

/** decodeChunk's working arrays, grown to the largest chunk seen (decoding never re-enters itself). */
let decodeTs = new Float64Array(256);
let decodeVs = new Float64Array(256);

export function decodeChunk(bytes: Uint8Array): Samples {
  const n = chunkCount(bytes);
  if (decodeTs.length < n) {
    decodeTs = new Float64Array(n);
    decodeVs = new Float64Array(n);
  }
  decodeChunkInto(bytes, decodeTs, decodeVs, 0);
  // Plain loops build packed arrays faster than Array.from on a typed array.
  const ts = new Array<number>(n);
  const vs = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    ts[i] = decodeTs[i];
    vs[i] = decodeVs[i];
  }
  return { ts, vs };
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
