import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { VALUE_DIGITS, roundValue } from '../../../main/monitoring/local/precision';
import { decodeRollupBlock, encodeRollupBlock, type RollupColumns } from '../../../main/monitoring/local/rollup-codec';
import { BitReader, BitWriter } from '../../../main/monitoring/tsdb/bit-writer';
import { readAdaptive, writeAdaptive } from '../../../main/monitoring/tsdb/adaptive';
import { ValueMode, decodeChunk, encodeChunk } from '../../../main/monitoring/tsdb/chunk';
import { decimalScale } from '../../../main/monitoring/tsdb/decimal';
import { INT_BUCKETS, TS_BUCKETS } from '../../../main/monitoring/tsdb/varbits';

const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('roundValue (what the store keeps of a value)', () => {
  it('keeps whole numbers, NaN and infinities exactly', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constantFrom(NaN, Infinity, -Infinity, 0)), (v) => {
        expect(Object.is(roundValue(v), v)).toBe(true);
      }),
    );
  });

  it(`keeps ${VALUE_DIGITS} significant digits of a fractional value, and is idempotent`, () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (v) => {
        fc.pre(!Number.isInteger(v) && Math.abs(v) > 1e-9);
        const r = roundValue(v);
        expect(Math.abs(r - v)).toBeLessThanOrEqual(Math.abs(v) * 0.5 * 10 ** (1 - VALUE_DIGITS) * (1 + 1e-9));
        expect(roundValue(r)).toBe(r);
        expect(decimalScale(r)).toBeGreaterThanOrEqual(0); // a short decimal the codec stores as an integer
      }),
      { numRuns: 3000 },
    );
  });

  it('rounds the way a person reads the figure', () => {
    expect(roundValue(22496.334066)).toBe(22496);
    expect(roundValue(10.194902548)).toBe(10.195);
    expect(roundValue(0.066666667)).toBe(0.066667);
    expect(roundValue(63289754.3)).toBe(63290000);
    expect(roundValue(-1.23456789)).toBe(-1.2346);
  });
});

const scrapeTimes = fc
  .tuple(
    fc.integer({ min: 0, max: 2 ** 42 }),
    fc.integer({ min: 1, max: 200 }),
    fc.integer({ min: 0, max: 300 }),
    fc.integer(),
  )
  .map(([t0, n, jitter, seed]) => {
    let x = seed;
    const ts: number[] = [];
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1103515245) + 12345) | 0;
      ts.push(Math.max(t0 + i * 15_000 + (jitter ? x % jitter : 0), i > 0 ? ts[i - 1] + 1 : 0));
    }
    return ts;
  });

describe('decimal chunks', () => {
  const decimals = fc.oneof(
    fc.double({ min: -1e9, max: 1e9, noNaN: true }).map(roundValue),
    fc.integer({ min: -1e6, max: 1e6 }).map((k) => k * 1024),
    fc.integer({ min: 0, max: 2000 }).map((k) => k / 100),
    fc.constant(NaN),
  );

  it('round-trips rounded values, byte counts, 2-decimal gauges and stale markers exactly', () => {
    fc.assert(
      fc.property(
        scrapeTimes.chain((ts) =>
          fc.tuple(fc.constant(ts), fc.array(decimals, { minLength: ts.length, maxLength: ts.length })),
        ),
        ([ts, vs]) => {
          const out = decodeChunk(encodeChunk(ts, vs));
          expect(out.ts).toEqual(ts);
          if (!same(out.vs, vs)) expect(out.vs).toEqual(vs);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('codes short decimals as scaled integers, far below XOR', () => {
    const ts = Array.from({ length: 120 }, (_, i) => 1_700_000_000_000 + i * 15_000);
    const load = ts.map((_, i) => Math.round(100 * (1 + Math.sin(i / 9))) / 100);
    const bytes = encodeChunk(ts, load);
    expect(bytes[1]).toBe(ValueMode.decimal);
    expect(bytes.length / ts.length).toBeLessThan(2);
    // The same values a hair off a short decimal: only XOR can keep them.
    const xor = encodeChunk(
      ts,
      load.map((v) => v + 1e-13),
    );
    expect(xor[1]).toBe(ValueMode.xor);
    expect(xor.length).toBeGreaterThan(bytes.length * 3);
  });

  it('keeps a stale marker (NaN) inside a decimal chunk as a gap', () => {
    const ts = [1000, 16000, 31000, 46000];
    const vs = [1.5, NaN, 2.25, NaN];
    const bytes = encodeChunk(ts, vs);
    expect(bytes[1]).toBe(ValueMode.decimal);
    expect(decodeChunk(bytes).vs).toEqual([1.5, NaN, 2.25, NaN]);
  });
});

describe('adaptive runs (fixed width or Rice)', () => {
  it('round-trip any safe integers, bell-shaped or wild', () => {
    const run = fc.oneof(
      fc.array(fc.integer({ min: -60, max: 60 }), { maxLength: 200 }),
      fc.array(fc.integer(), { maxLength: 100 }),
      fc.array(
        fc.oneof(fc.integer({ min: -3, max: 3 }), fc.maxSafeInteger(), fc.integer({ min: -(2 ** 52), max: 2 ** 52 })),
        {
          maxLength: 100,
        },
      ),
    );
    fc.assert(
      fc.property(run, fc.constantFrom(TS_BUCKETS, INT_BUCKETS), (values, widths) => {
        const w = new BitWriter();
        writeAdaptive(w, values, widths);
        const r = new BitReader(w.finish());
        expect(readAdaptive(r, values.length, widths)).toEqual(values);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('rollup blocks', () => {
  const block = fc.integer({ min: 1, max: 150 }).chain((n) =>
    fc
      .tuple(
        fc.integer({ min: 0, max: 10 ** 7 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: n, maxLength: n }),
        fc.array(fc.integer({ min: 1, max: 240 }), { minLength: n, maxLength: n }),
        fc.array(fc.oneof(fc.double({ noNaN: true, min: -1e9, max: 1e9 }).map(roundValue), fc.integer()), {
          minLength: n * 3,
          maxLength: n * 3,
        }),
      )
      .map(([start, gaps, count, vals]): RollupColumns => {
        let b = start;
        return {
          t: gaps.map((g) => (b += g) * 60_000),
          count,
          min: vals.slice(0, n),
          max: vals.slice(n, 2 * n),
          sum: vals.slice(2 * n),
        };
      }),
  );

  it('round-trip every column exactly', () => {
    fc.assert(
      fc.property(block, (cols) => {
        expect(decodeRollupBlock(encodeRollupBlock(cols, 60_000), 60_000)).toEqual(cols);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuse a damaged or truncated block with an integrity error', () => {
    fc.assert(
      fc.property(block, fc.nat(), fc.integer({ min: 1, max: 255 }), (cols, at, flip) => {
        const bytes = encodeRollupBlock(cols, 60_000);
        const damaged = bytes.slice();
        damaged[at % damaged.length] ^= flip;
        for (const bad of [damaged, bytes.subarray(0, at % bytes.length)]) {
          try {
            decodeRollupBlock(bad, 60_000);
            expect.unreachable('a damaged block decoded');
          } catch (e) {
            expect(e).toBeInstanceOf(OpsError);
            expect(['integrity', 'too_new']).toContain((e as OpsError).code);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
