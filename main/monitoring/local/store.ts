import { OpsError } from '../../../shared/api/errors';
import type { Labels } from '../../../shared/api/monitoring-model';
import type { Logger } from '../../applog/types';
import type { Db } from '../../store/migration';
import { decodeChunk, decodeChunkInto, encodeChunk } from '../tsdb/chunk';
import type { SampleIn, SampleSink } from '../types';
import { HOUR, MINUTE, bucketize, mergeBuckets, sliceBuckets } from './buckets';
import { CUT_AGE_MS, CUT_SAMPLES, MAX_CHUNK_SPAN_MS, decodeHead, encodeHead, newState, type SeriesState } from './head';
import { LOOKBACK_MS } from './eval/types';
import { MinuteCache, WINDOW_MS, type WindowShape } from './minute-cache';
import { labelProblem } from './labels';
import type { LabelMatcher } from './promql/ast';
import { STALE_NAN, roundValue } from './precision';
import { decodeRollupBlock, encodeRollupBlock, type RollupColumns } from './rollup-codec';
import { SeriesIndex, type SeriesRef } from './series-index';
import { StoreTotals } from './totals';

const DAY = 24 * HOUR;
/** Hourly buckets are stored one block per UTC day; minute buckets one block per 6 hours (retention.ts). */
export const BLOCK_SPAN_MS: Readonly<Record<number, number>> = { [HOUR]: DAY, [MINUTE]: 6 * HOUR };

/** What one append call learned about a labels object. */
interface Resolved {
  /** why the labels cannot be stored */
  problem: string | null;
  ref: SeriesRef | null;
  state: SeriesState | null;
}

export interface RawSamples {
  ts: Float64Array;
  vs: Float64Array;
}

/**
 * The series store: an in-memory head per series, cut into encoded chunks;
 * hourly rollups made from each chunk as it is cut.
 *
 * Durability: every append call is one transaction; chunks (and the head rows
 * of the series they came from) are written in it. Other heads are written
 * by flush(), which the part runs at least once a minute, and by close(). A
 * clean close loses nothing; a crash loses at most the samples appended since
 * the last flush — at most FLUSH_EVERY_MS (one minute, within the two-minute
 * promise) — and the database never holds a sample twice, because a chunk
 * and the head it came from are written in the same transaction.
 */
export class LocalStore implements SampleSink {
  readonly index: SeriesIndex;
  /** running totals of what is on disk, for stats */
  readonly totals: StoreTotals;
  private readonly states = new Map<number, SeriesState>();
  private closed = false;
  private readonly log: Logger;
  private readonly sql;
  /** minute buckets made from raw chunks, reused while the chunks stay the same */
  private readonly minutes: MinuteCache;
  /** one better-sqlite3 transaction wrapper, made once (making one per call costs more than a small append) */
  private readonly inTransaction: (fn: () => void) => void;

  constructor(
    private readonly db: Db,
    logger: Logger,
  ) {
    this.log = logger.child('local-series');
    this.index = new SeriesIndex(db);
    this.totals = new StoreTotals(db);
    this.inTransaction = db.transaction((fn: () => void) => fn());
    this.sql = {
      insertChunk: db.prepare(
        'INSERT INTO local_chunks (series_id, start_ms, end_ms, count, data) VALUES (?, ?, ?, ?, ?)',
      ),
      insertBlock: db.prepare(
        'INSERT INTO local_rollups (series_id, res_ms, start_ms, end_ms, count, data) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      upsertHead: db.prepare(
        'INSERT INTO local_heads (series_id, data) VALUES (?, ?) ON CONFLICT(series_id) DO UPDATE SET data = excluded.data',
      ),
      deleteHead: db.prepare('DELETE FROM local_heads WHERE series_id = ?'),
      lastChunk: db.prepare('SELECT end_ms, data FROM local_chunks WHERE series_id = ? ORDER BY start_ms DESC LIMIT 1'),
      chunks: db.prepare(
        `SELECT count, data FROM local_chunks WHERE series_id = ? AND start_ms > ? AND start_ms <= ? AND end_ms >= ?
         ORDER BY start_ms`,
      ),
      blocks: db
        .prepare(
          `SELECT data FROM local_rollups WHERE series_id = ? AND res_ms = ? AND start_ms > ? AND start_ms <= ?
           AND end_ms >= ? ORDER BY start_ms`,
        )
        .pluck(),
      windowShapes: db.prepare(
        `SELECT (start_ms / ${WINDOW_MS}) * ${WINDOW_MS} AS w, min(id) AS firstId, max(id) AS lastId,
           count(*) AS chunks, sum(count) AS samples
         FROM local_chunks WHERE series_id = ? AND start_ms >= ? AND start_ms < ?
         GROUP BY start_ms / ${WINDOW_MS} ORDER BY w`,
      ),
      windowChunks: db.prepare(
        'SELECT count, data FROM local_chunks WHERE series_id = ? AND start_ms >= ? AND start_ms < ? ORDER BY start_ms',
      ),
    };
    const sql = this.sql;
    this.minutes = new MinuteCache({
      shapes: (id, fromW, toW) => sql.windowShapes.all(id, fromW, toW) as WindowShape[],
      chunks: (id, w) => sql.windowChunks.all(id, w, w + WINDOW_MS) as { count: number; data: Buffer }[],
    });
    this.loadHeads();
  }

  /**
   * Drops every in-memory head (unflushed samples included) and reads the
   * series and heads on disk again: after a workspace restore the file holds
   * the snapshot's series, and what was appended since is gone with it.
   */
  reload(): void {
    this.checkOpen();
    this.states.clear();
    this.minutes.clear();
    this.index.reload();
    this.loadHeads();
  }

  private loadHeads(): void {
    const heads = this.db.prepare('SELECT series_id AS id, data FROM local_heads').all() as {
      id: number;
      data: Buffer;
    }[];
    for (const h of heads) {
      const ref = this.index.get(h.id);
      if (!ref) continue;
      try {
        this.states.set(h.id, decodeHead(h.data, h.id, ref.labels));
      } catch (e) {
        // A damaged head loses that series' last minutes, never the store: log it and start afresh.
        this.log.error('a series head could not be read; its unflushed samples are lost', {
          seriesId: h.id,
          error: (e as Error).message,
        });
      }
    }
  }

  // ------------------------------------------------------------------ writing

  append(samples: readonly SampleIn[]): void {
    this.checkOpen();
    const problems: string[] = [];
    let outOfOrder = 0;
    const cut = new Set<SeriesState>();
    // A writer passes the same labels object for every sample of a series (the demo seed a day of them, a
    // collector each scrape's): its series is looked up once per object per call, not once per sample.
    const seen = new Map<object, Resolved>();
    this.inTransaction(() => {
      for (const s of samples) {
        const labels: unknown = s?.labels;
        let r = typeof labels === 'object' && labels !== null ? seen.get(labels) : undefined;
        if (!r) {
          r = this.resolve(labels);
          if (typeof labels === 'object' && labels !== null) seen.set(labels, r);
        }
        const problem = r.problem ?? sampleProblem(s);
        if (problem) {
          problems.push(problem);
          continue;
        }
        // Made on the first good sample, so labels whose samples are all refused create no series.
        r.state ??= this.stateOf(r.ref ?? this.index.getOrCreate(s.labels));
        if (!this.push(r.state, s.t, Number.isNaN(s.v) ? NaN : roundValue(s.v), cut)) outOfOrder++;
      }
      for (const state of cut) this.writeHead(state);
    });
    if (problems.length > 0) {
      this.log.warn('samples refused', { count: problems.length, first: problems[0] });
    }
    if (outOfOrder > 0) this.log.debug('samples older than their series’ newest were dropped', { outOfOrder });
  }

  /** A labels object's series when it was written before in this key order, else whether it can be stored. */
  private resolve(labels: unknown): Resolved {
    const ref = this.index.known(labels);
    if (ref) return { problem: null, ref, state: null };
    return { problem: labelProblem(labels), ref: null, state: null };
  }

  markStale(match: Labels, t: number): void {
    this.checkOpen();
    if (!Number.isSafeInteger(t)) throw new OpsError('bad_input', 'A stale marker needs a time in whole milliseconds.');
    const matchers = Object.entries(match).map(([name, value]) => ({ name, op: '=' as const, value }));
    const cut = new Set<SeriesState>();
    this.inTransaction(() => {
      for (const ref of this.index.select(matchers)) {
        // A series sealed for being idle, or silent for the whole lookback, shows no value at t already.
        const state = this.states.get(ref.id);
        if (state && t - state.lastT < LOOKBACK_MS) this.push(state, t, NaN, cut);
      }
      for (const state of cut) this.writeHead(state);
    });
  }

  /** Appends one sample (NaN = stale marker); false when it is not newer than the series' newest. */
  private push(state: SeriesState, t: number, v: number, cut: Set<SeriesState>): boolean {
    if (!(t > state.lastT)) return false;
    const stale = Number.isNaN(v);
    if (stale && (state.lastStale || state.lastT === -Infinity)) return true; // already ended (or never began)
    const n = state.ts.length;
    if (n >= CUT_SAMPLES || (n > 0 && t - state.ts[0] >= CUT_AGE_MS)) {
      this.cut(state);
      cut.add(state);
    }
    state.ts.push(t);
    state.vs.push(stale ? STALE_NAN : v);
    state.lastT = t;
    state.lastStale = stale;
    state.dirty = true;
    return true;
  }

  /** Head → chunk row; its hourly buckets join the pending ones; whole days become a block. */
  private cut(state: SeriesState): void {
    const { ts, vs } = state;
    if (ts.length === 0) return;
    this.sql.insertChunk.run(state.id, ts[0], ts[ts.length - 1], ts.length, encodeChunk(ts, vs));
    state.pending = mergeBuckets([state.pending, bucketize(ts, vs, HOUR, true)], true);
    state.ts = [];
    state.vs = [];
    this.writeBlocks(state, false);
  }

  /** Writes pending hourly buckets of finished days (all of them when `all`). */
  private writeBlocks(state: SeriesState, all: boolean): void {
    const p = state.pending;
    if (p.t.length === 0) return;
    const lastDay = Math.floor(p.t[p.t.length - 1] / DAY);
    const doneUntil = all ? Infinity : lastDay * DAY;
    while (state.pending.t.length > 0 && state.pending.t[0] < doneUntil) {
      const day = Math.floor(state.pending.t[0] / DAY) * DAY;
      const block = sliceBuckets(state.pending, day, day + DAY);
      this.insertBlock(state.id, HOUR, block);
      state.pending = sliceBuckets(state.pending, day + DAY, Infinity);
    }
  }

  insertBlock(seriesId: number, res: number, b: RollupColumns): void {
    if (b.t.length === 0) return;
    const data = encodeRollupBlock(b, res);
    this.sql.insertBlock.run(seriesId, res, b.t[0], b.t[b.t.length - 1], b.t.length, data);
  }

  private writeHead(state: SeriesState): void {
    if (state.ts.length === 0 && state.pending.t.length === 0) this.sql.deleteHead.run(state.id);
    else this.sql.upsertHead.run(state.id, encodeHead(state));
    state.dirty = false;
  }

  /** The live state of a series, rebuilt from its last chunk when its head was sealed or never loaded. */
  private stateOf(ref: SeriesRef): SeriesState {
    let state = this.states.get(ref.id);
    if (state) return state;
    state = newState(ref.id, ref.labels);
    const last = this.sql.lastChunk.get(ref.id) as { end_ms: number; data: Buffer } | undefined;
    if (last) {
      state.lastT = last.end_ms;
      const { vs } = decodeChunk(last.data);
      state.lastStale = Number.isNaN(vs[vs.length - 1]);
    }
    this.states.set(ref.id, state);
    return state;
  }

  /** Writes every changed head (the crash-loss bound is the time between two calls). */
  flush(): number {
    const dirty = [...this.states.values()].filter((s) => s.dirty);
    if (dirty.length > 0) this.inTransaction(() => dirty.forEach((s) => this.writeHead(s)));
    return dirty.length;
  }

  /**
   * Series with no sample since `before` are sealed: the head becomes a
   * chunk, pending buckets a block, and the series leaves memory.
   */
  sealIdle(before: number): number {
    const idle = [...this.states.values()].filter((s) => s.lastT < before);
    if (idle.length === 0) return 0;
    this.inTransaction(() => {
      for (const s of idle) {
        this.cut(s);
        this.writeBlocks(s, true);
        this.sql.deleteHead.run(s.id);
        this.states.delete(s.id);
      }
    });
    return idle.length;
  }

  /** Forgets the in-memory state of a series (retention deleted all of it). */
  drop(id: number): void {
    this.states.delete(id);
    this.minutes.forgetSeries(id);
  }

  liveState(id: number): SeriesState | undefined {
    return this.states.get(id);
  }

  liveStates(): IterableIterator<SeriesState> {
    return this.states.values();
  }

  headSamples(): number {
    let n = 0;
    for (const s of this.states.values()) n += s.ts.length;
    return n;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }

  private checkOpen(): void {
    if (this.closed) throw new OpsError('unavailable', 'The local series store is closed.');
  }

  // ------------------------------------------------------------------ reading

  select(matchers: readonly LabelMatcher[]): SeriesRef[] {
    return this.index.select(matchers);
  }

  /** Samples (stale markers as NaN) with from ≤ t ≤ to, oldest first. */
  raw(id: number, from: number, to: number): RawSamples {
    const rows = this.sql.chunks.all(id, from - MAX_CHUNK_SPAN_MS, to, from) as { count: number; data: Buffer }[];
    const head = this.states.get(id);
    let n = head ? head.ts.length : 0;
    for (const row of rows) n += row.count;
    const ts = new Float64Array(n);
    const vs = new Float64Array(n);
    let k = 0;
    for (const row of rows) k += decodeChunkInto(row.data, ts, vs, k);
    if (head) {
      ts.set(head.ts, k);
      vs.set(head.vs, k);
      k += head.ts.length;
    }
    // Chunks and the head are in time order: the range is one contiguous slice.
    const a = lowerBound(ts, k, from);
    const b = lowerBound(ts, k, to + 1);
    return { ts: ts.subarray(a, b), vs: vs.subarray(a, b) };
  }

  /** Rollup buckets (start in [from, to]) at 1 minute or 1 hour, merged from blocks, pending buckets and raw. */
  buckets(id: number, res: number, from: number, to: number): RollupColumns {
    const lo = Math.floor(from / res) * res;
    const lists: RollupColumns[] = [];
    const span = BLOCK_SPAN_MS[res];
    for (const data of this.sql.blocks.iterate(id, res, lo - span, to, lo) as Iterable<Buffer>) {
      lists.push(decodeRollupBlock(data, res));
    }
    if (res === HOUR) {
      const state = this.states.get(id);
      if (state) lists.push(state.pending, bucketize(state.ts, state.vs, HOUR, false));
    } else {
      lists.push(this.minutes.read(id, lo, to, MAX_CHUNK_SPAN_MS, this.states.get(id)));
    }
    return sliceBuckets(mergeBuckets(lists), lo, to + 1);
  }
}

/** The first index in ts[0..n) with ts[i] ≥ t. */
function lowerBound(ts: Float64Array, n: number, t: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sampleProblem(s: SampleIn): string | null {
  if (!Number.isSafeInteger(s.t) || s.t < 0) return `time ${String(s.t)} is not whole milliseconds since 1970`;
  if (typeof s.v !== 'number') return `value ${String(s.v)} is not a number`;
  return null;
}
