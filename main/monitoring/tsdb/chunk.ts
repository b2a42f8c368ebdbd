import { crc32 } from 'node:zlib';
import { OpsError } from '../../../shared/api/errors';
import { BitReader, BitWriter } from './bit-writer';
import { INT_BUCKETS, TS_BUCKETS, readSigned, readUvarint, writeSigned, writeUvarint } from './varbits';
import { readAdaptive, writeAdaptive } from './adaptive';
import { XorDecoder, XorEncoder } from './xor';

/**
 * A chunk: Gorilla-encoded samples of one series.
 *
 *   [version=1][value mode][count: uvarint][bit stream…][crc32 of all before: 4 bytes BE]
 *
 * Timestamps are delta-of-delta coded (adaptive.ts over TS_BUCKETS). Values use the smallest
 * of three codings, tried in turn: Gorilla XOR (any float64), or — when every
 * value is an integer, as for counters and byte gauges — plain deltas or
 * delta-of-deltas. The CRC makes any damaged or truncated chunk fail loudly
 * instead of decoding into plausible wrong numbers.
 */
export const CHUNK_VERSION = 1;

export const ValueMode = { xor: 0, intDelta: 1, intDoubleDelta: 2 } as const;
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

function allSmallIntegers(vs: number[]): boolean {
  // -0 is not an integer for this purpose: integer coding would turn it into +0.
  return vs.every((v) => Number.isInteger(v) && Math.abs(v) <= MAX_ABS && !Object.is(v, -0));
}

/** Consecutive differences, `order` times over (1 = deltas, 2 = delta-of-deltas), from index `order` on. */
function differences(xs: number[], order: 1 | 2): number[] {
  const out: number[] = [];
  for (let i = order; i < xs.length; i++) {
    const d = xs[i] - xs[i - 1];
    out.push(order === 1 ? d : d - (xs[i - 1] - xs[i - 2]));
  }
  return out;
}

function encodeWith(ts: number[], vs: number[], mode: Mode): Uint8Array {
  const w = new BitWriter();
  const n = ts.length;
  // Timestamps: first value, first delta, then delta-of-deltas.
  if (n > 0) writeSigned(w, ts[0], TS_BUCKETS);
  if (n > 1) writeSigned(w, ts[1] - ts[0], TS_BUCKETS);
  writeAdaptive(w, differences(ts, 2), TS_BUCKETS);

  if (mode === ValueMode.xor) {
    const xor = new XorEncoder(w);
    for (const v of vs) xor.write(v);
  } else {
    if (n > 0) writeSigned(w, vs[0], INT_BUCKETS);
    if (mode === ValueMode.intDoubleDelta) {
      if (n > 1) writeSigned(w, vs[1] - vs[0], INT_BUCKETS);
      writeAdaptive(w, differences(vs, 2), INT_BUCKETS);
    } else {
      writeAdaptive(w, differences(vs, 1), INT_BUCKETS);
    }
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

/** Rebuilds a series from its first value, first delta and the rest of its (`order`) differences. */
function integrate(first: number[], rest: number[], order: 1 | 2): number[] {
  const out = first.slice();
  let delta = out.length > 1 ? out[1] - out[0] : 0;
  for (const d of rest) {
    delta = order === 1 ? d : delta + d;
    out.push(out[out.length - 1] + delta);
  }
  return out;
}

/** Encodes one series; `ts` in ms, strictly increasing. */
export function encodeChunk(ts: number[], vs: number[]): Uint8Array {
  checkInput(ts, vs);
  let best = encodeWith(ts, vs, ValueMode.xor);
  if (ts.length > 1 && allSmallIntegers(vs)) {
    for (const mode of [ValueMode.intDelta, ValueMode.intDoubleDelta]) {
      const candidate = encodeWith(ts, vs, mode);
      if (candidate.length < best.length) best = candidate;
    }
  }
  return best;
}

export function decodeChunk(bytes: Uint8Array): Samples {
  if (!(bytes instanceof Uint8Array) || bytes.length < 7) {
    throw damaged('it is shorter than a header', { length: bytes?.length });
  }
  const end = bytes.length - 4;
  const stored = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(end);
  if (crc32(bytes.subarray(0, end)) !== stored) throw damaged('its checksum does not match');
  if (bytes[0] !== CHUNK_VERSION) {
    throw new OpsError('too_new', `This chunk has format version ${bytes[0]}; this Opsroom reads version 1.`);
  }
  const mode = bytes[1];
  if (mode !== ValueMode.xor && mode !== ValueMode.intDelta && mode !== ValueMode.intDoubleDelta) {
    throw damaged(`unknown value coding ${mode}`);
  }
  const { value: count, next } = readUvarint(bytes, 2);
  const r = new BitReader(bytes, next, end);
  // Every sample takes at least two bits, so a huge count cannot make us allocate or loop for long.
  if (count * 2 > r.remaining) throw damaged('its sample count exceeds its length', { count });

  const tsHead: number[] = [];
  if (count > 0) tsHead.push(readSigned(r, TS_BUCKETS));
  if (count > 1) tsHead.push(tsHead[0] + readSigned(r, TS_BUCKETS));
  const ts = integrate(tsHead, readAdaptive(r, Math.max(count - 2, 0), TS_BUCKETS), 2);
  for (let i = 0; i < count; i++) {
    if (Math.abs(ts[i]) > MAX_ABS || (i > 0 && ts[i] <= ts[i - 1])) {
      throw damaged('its timestamps are out of order', { index: i });
    }
  }

  let vs: number[];
  if (mode === ValueMode.xor) {
    const xor = new XorDecoder(r);
    vs = new Array<number>(count);
    for (let i = 0; i < count; i++) vs[i] = xor.read();
  } else {
    const head: number[] = [];
    if (count > 0) head.push(readSigned(r, INT_BUCKETS));
    if (mode === ValueMode.intDoubleDelta) {
      if (count > 1) head.push(head[0] + readSigned(r, INT_BUCKETS));
      vs = integrate(head, readAdaptive(r, Math.max(count - 2, 0), INT_BUCKETS), 2);
    } else {
      vs = integrate(head, readAdaptive(r, Math.max(count - 1, 0), INT_BUCKETS), 1);
    }
    if (!vs.every(Number.isSafeInteger)) throw damaged('an integer value is out of range');
  }
  if (r.remaining >= 8) throw damaged('it has bytes after its last sample');
  return { ts, vs };
}
