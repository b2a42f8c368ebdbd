import { OpsError } from '../../../shared/api/errors';
import type { Labels } from '../../../shared/api/monitoring-model';
import { decodeChunk, encodeChunk } from '../tsdb/chunk';
import { readUvarint, writeUvarint } from '../tsdb/varbits';
import { HOUR } from './buckets';
import { decodeRollupBlock, emptyColumns, encodeRollupBlock, type RollupColumns } from './rollup-codec';

/** A head is cut into a chunk at this many samples (30 min at 15 s, 2 h at 1 min, as Prometheus does)… */
export const CUT_SAMPLES = 120;
/**
 * …or when its first sample is this old, so a slow series still reaches disk
 * as chunks. Not shorter: at 1-minute scrapes a 30-minute cut made chunks of
 * 30 samples, four times the encoding and rows per sample and 2.3 instead of
 * 1.7 bytes a sample (the demo's day of series). The head is written every
 * minute whatever its age, so a longer one loses nothing on a crash.
 */
export const CUT_AGE_MS = 2 * 60 * 60_000;
/**
 * Every chunk spans less than this: queries look this far back for chunks
 * that reach into a range. Chunks stored when the cut age was 30 minutes
 * span less still, so they are found as well.
 */
export const MAX_CHUNK_SPAN_MS = CUT_AGE_MS;

/**
 * The in-memory state of one series: samples since its last chunk, and the
 * hourly rollup buckets made from its chunks that are not yet a stored block
 * (the last one may be partial: the next chunk adds to it).
 */
export interface SeriesState {
  id: number;
  labels: Labels;
  ts: number[];
  vs: number[];
  /** the newest sample's time, -Infinity when none is known; older samples are refused */
  lastT: number;
  /** the newest sample is a stale marker */
  lastStale: boolean;
  pending: RollupColumns;
  /** changed since its head row was written */
  dirty: boolean;
}

export function newState(id: number, labels: Labels): SeriesState {
  return { id, labels, ts: [], vs: [], lastT: -Infinity, lastStale: false, pending: emptyColumns(), dirty: false };
}

const HEAD_VERSION = 1;

/**
 * The head row: [version][raw chunk length][raw chunk][pending length][pending block],
 * both parts in the same codecs as stored chunks and blocks, so a head costs
 * what a chunk costs rather than a row per sample.
 */
export function encodeHead(s: SeriesState): Uint8Array {
  const raw = encodeChunk(s.ts, s.vs);
  const pending = encodeRollupBlock(s.pending, HOUR);
  const header: number[] = [HEAD_VERSION];
  writeUvarint(header, raw.length);
  const mid: number[] = [];
  writeUvarint(mid, pending.length);
  const out = new Uint8Array(header.length + raw.length + mid.length + pending.length);
  out.set(header, 0);
  out.set(raw, header.length);
  out.set(mid, header.length + raw.length);
  out.set(pending, header.length + raw.length + mid.length);
  return out;
}

export function decodeHead(bytes: Uint8Array, id: number, labels: Labels): SeriesState {
  if (bytes.length < 2 || bytes[0] !== HEAD_VERSION) {
    throw new OpsError('integrity', `The head of series ${id} has an unknown format; it was left as it is.`);
  }
  const a = readUvarint(bytes, 1);
  const raw = decodeChunk(bytes.subarray(a.next, a.next + a.value));
  const b = readUvarint(bytes, a.next + a.value);
  const pending = decodeRollupBlock(bytes.subarray(b.next, b.next + b.value), HOUR);
  const s = newState(id, labels);
  s.ts = raw.ts;
  s.vs = raw.vs;
  s.pending = pending;
  if (s.ts.length > 0) {
    s.lastT = s.ts[s.ts.length - 1];
    s.lastStale = Number.isNaN(s.vs[s.vs.length - 1]);
  }
  return s;
}
