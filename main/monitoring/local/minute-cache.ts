import { decodeChunkInto } from '../tsdb/chunk';
import { MINUTE } from './buckets';
import { emptyColumns, type RollupColumns } from './rollup-codec';

/**
 * Minute buckets made from raw chunks, kept in memory per 6-hour window of
 * chunk starts. While raw samples exist, a minute-tier query (a dashboard
 * over days) would otherwise decode every raw sample on every refresh:
 * ~17k buckets from 1M samples. Chunks are never changed once written, so a
 * window's buckets stay right while its set of chunks (first and last id,
 * number of chunks, number of samples) is the same; a new chunk or retention
 * changes that set and the window is made again.
 *
 * Exactness: the answer is the same, to the bit, as bucketizing all the raw
 * samples in one pass. A window's first and last buckets may share a minute
 * with a neighbouring window, so their samples are kept as they are and fed,
 * in order, through the same one-pass loop as the head's samples; only the
 * buckets strictly inside a window (whose samples all lie in its chunks)
 * are taken whole.
 */
export const WINDOW_MS = 6 * 60 * MINUTE;
/** about 16 MB of buckets (5 doubles each) across all series */
const MAX_CACHED_BUCKETS = 400_000;

export interface WindowShape {
  w: number;
  firstId: number;
  lastId: number;
  chunks: number;
  samples: number;
}

interface WindowBuckets {
  shape: WindowShape;
  /** samples of the first and last bucket, NaN (stale) ones left out */
  headT: Float64Array;
  headV: Float64Array;
  tailT: Float64Array;
  tailV: Float64Array;
  /** the buckets strictly between them */
  inner: { t: Float64Array; count: Float64Array; min: Float64Array; max: Float64Array; sum: Float64Array };
}

const sameShape = (a: WindowShape, b: WindowShape) =>
  a.firstId === b.firstId && a.lastId === b.lastId && a.chunks === b.chunks && a.samples === b.samples;

/** Buckets one window's samples (time-ordered) into the cached form. */
export function windowBuckets(shape: WindowShape, ts: Float64Array, vs: Float64Array): WindowBuckets {
  // Non-stale samples only: the one-pass loop skips NaN anyway.
  let n = 0;
  for (let i = 0; i < ts.length; i++) {
    if (vs[i] === vs[i]) {
      ts[n] = ts[i];
      vs[n++] = vs[i];
    }
  }
  const bucketOf = (t: number) => Math.floor(t / MINUTE) * MINUTE;
  let a = 0;
  if (n > 0) {
    const first = bucketOf(ts[0]);
    while (a < n && bucketOf(ts[a]) === first) a++;
  }
  let b = n;
  if (n > a) {
    const last = bucketOf(ts[n - 1]);
    while (b > a && bucketOf(ts[b - 1]) === last) b--;
  }
  const inner = bucketizeColumns(ts.subarray(a, b), vs.subarray(a, b));
  return {
    shape,
    headT: ts.slice(0, a),
    headV: vs.slice(0, a),
    tailT: ts.slice(b, n),
    tailV: vs.slice(b, n),
    inner,
  };
}

function bucketizeColumns(ts: Float64Array, vs: Float64Array): WindowBuckets['inner'] {
  const cap = ts.length;
  const t = new Float64Array(cap);
  const count = new Float64Array(cap);
  const min = new Float64Array(cap);
  const max = new Float64Array(cap);
  const sum = new Float64Array(cap);
  let k = -1;
  let curEnd = -Infinity;
  for (let i = 0; i < ts.length; i++) {
    const x = ts[i];
    const v = vs[i];
    if (k >= 0 && x >= t[k] && x < curEnd) {
      count[k]++;
      if (v < min[k]) min[k] = v;
      if (v > max[k]) max[k] = v;
      sum[k] += v;
      continue;
    }
    k++;
    t[k] = Math.floor(x / MINUTE) * MINUTE;
    curEnd = t[k] + MINUTE;
    count[k] = 1;
    min[k] = max[k] = sum[k] = v;
  }
  const m = k + 1;
  return {
    t: t.slice(0, m),
    count: count.slice(0, m),
    min: min.slice(0, m),
    max: max.slice(0, m),
    sum: sum.slice(0, m),
  };
}

/**
 * The one-pass minute bucketing (bucketize()'s loop, plain sums), fed samples and
 * whole buckets in time order, keeping buckets that start in [lo, hi].
 */
export class MinuteAssembler {
  readonly out: RollupColumns = emptyColumns();
  private cur = -Infinity;
  private curEnd = -Infinity;
  private count = 0;
  private min = 0;
  private max = 0;
  private sum = 0;

  constructor(
    private readonly lo: number,
    private readonly hi: number,
  ) {}

  samples(ts: ArrayLike<number>, vs: ArrayLike<number>): void {
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i];
      const v = vs[i];
      if (v !== v) continue;
      if (t >= this.cur && t < this.curEnd) {
        this.count++;
        if (v < this.min) this.min = v;
        if (v > this.max) this.max = v;
        this.sum += v;
        continue;
      }
      this.close();
      this.cur = Math.floor(t / MINUTE) * MINUTE;
      this.curEnd = this.cur + MINUTE;
      this.count = 1;
      this.min = v;
      this.max = v;
      this.sum = v;
    }
  }

  buckets(c: WindowBuckets['inner']): void {
    this.close();
    this.cur = this.curEnd = -Infinity;
    for (let i = 0; i < c.t.length; i++) this.push(c.t[i], c.count[i], c.min[i], c.max[i], c.sum[i]);
  }

  finish(): RollupColumns {
    this.close();
    this.cur = this.curEnd = -Infinity;
    return this.out;
  }

  private close(): void {
    if (this.count > 0) this.push(this.cur, this.count, this.min, this.max, this.sum);
    this.count = 0;
  }

  private push(t: number, count: number, min: number, max: number, sum: number): void {
    if (t < this.lo || t > this.hi) return;
    const o = this.out;
    o.t.push(t);
    o.count.push(count);
    o.min.push(min);
    o.max.push(max);
    o.sum.push(sum);
  }
}

export interface ChunkReader {
  /** the shape of each window of chunk starts in [fromW, toW), by window */
  shapes(seriesId: number, fromW: number, toW: number): WindowShape[];
  /** the encoded chunks starting in [w, w + WINDOW_MS), in time order */
  chunks(seriesId: number, w: number): { count: number; data: Uint8Array }[];
}

/** The cache itself: windows by series and start, least recently used dropped first. */
export class MinuteCache {
  private readonly entries = new Map<string, WindowBuckets>();
  private cached = 0;

  constructor(private readonly reader: ChunkReader) {}

  clear(): void {
    this.entries.clear();
    this.cached = 0;
  }

  /** Drops a series' windows (retention forgot it; its id may be given to a new series). */
  forgetSeries(seriesId: number): void {
    const prefix = `${seriesId}:`;
    for (const [key, wb] of this.entries) if (key.startsWith(prefix)) this.forget(key, wb);
  }

  /**
   * Minute buckets starting in [lo, hi] from the raw chunks of a series,
   * then from `head` (its unflushed samples, after every chunk).
   */
  read(
    seriesId: number,
    lo: number,
    hi: number,
    maxChunkSpan: number,
    head?: { ts: number[]; vs: number[] },
  ): RollupColumns {
    const asm = new MinuteAssembler(lo, hi);
    const fromW = Math.floor((lo - maxChunkSpan) / WINDOW_MS) * WINDOW_MS;
    const toW = Math.floor((hi + MINUTE) / WINDOW_MS) * WINDOW_MS + WINDOW_MS;
    for (const shape of this.reader.shapes(seriesId, fromW, toW)) {
      const wb = this.window(seriesId, shape);
      asm.samples(wb.headT, wb.headV);
      asm.buckets(wb.inner);
      asm.samples(wb.tailT, wb.tailV);
    }
    if (head) asm.samples(head.ts, head.vs);
    return asm.finish();
  }

  private window(seriesId: number, shape: WindowShape): WindowBuckets {
    const key = `${seriesId}:${shape.w}`;
    const hit = this.entries.get(key);
    if (hit && sameShape(hit.shape, shape)) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    if (hit) this.forget(key, hit);
    const rows = this.reader.chunks(seriesId, shape.w);
    let n = 0;
    for (const r of rows) n += r.count;
    const ts = new Float64Array(n);
    const vs = new Float64Array(n);
    let k = 0;
    for (const r of rows) k += decodeChunkInto(r.data, ts, vs, k);
    const wb = windowBuckets(shape, ts.subarray(0, k), vs.subarray(0, k));
    this.entries.set(key, wb);
    this.cached += wb.inner.t.length + 2;
    for (const [oldKey, old] of this.entries) {
      if (this.cached <= MAX_CACHED_BUCKETS || oldKey === key) break;
      this.forget(oldKey, old);
    }
    return wb;
  }

  private forget(key: string, wb: WindowBuckets): void {
    this.entries.delete(key);
    this.cached -= wb.inner.t.length + 2;
  }
}
