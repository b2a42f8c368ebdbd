import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { ValueMode, decodeChunk, encodeChunk } from '../../../main/monitoring/tsdb/chunk';
import { counterSeries, gaugeSeries, scrapeTimes } from './series';

/** Object.is per element: distinguishes -0 from 0 and treats NaN as equal to NaN. */
function sameValues(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

function roundTrips(ts: number[], vs: number[]): void {
  const out = decodeChunk(encodeChunk(ts, vs));
  expect(out.ts).toEqual(ts);
  if (!sameValues(out.vs, vs)) expect(out.vs).toEqual(vs); // shows the diff
}

const start = fc.integer({ min: 0, max: 2 ** 42 });
const times = (n: fc.Arbitrary<number>) =>
  fc
    .tuple(start, n, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 2 ** 31 }))
    .map(([t0, count, jitter, seed]) => scrapeTimes(t0, count, 15_000, jitter, seed));

describe('encodeChunk / decodeChunk', () => {
  it('round-trips edge values exactly, keeping -0 and ±Infinity', () => {
    const vs = [0, -0, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MAX_VALUE, 1, 1, 2 ** 53, 0.1];
    roundTrips(
      vs.map((_, i) => 1_700_000_000_000 + i * 15_000),
      vs,
    );
    roundTrips([], []);
    roundTrips([5], [-0]);
    roundTrips([-(2 ** 50), 0, 2 ** 50], [1, 2, 3]);
  });

  it('round-trips random doubles on jittered scrapes', () => {
    fc.assert(
      fc.property(
        times(fc.integer({ min: 0, max: 300 })).chain((ts) =>
          fc.tuple(fc.constant(ts), fc.array(fc.double(), { minLength: ts.length, maxLength: ts.length })),
        ),
        ([ts, vs]) => roundTrips(ts, vs),
      ),
      { numRuns: 1500 },
    );
  });

  it('round-trips constants, counters and gauges, in whichever value coding wins', () => {
    const kinds = fc.constantFrom('constant', 'counter', 'gauge', 'smallInts', 'mixed');
    fc.assert(
      fc.property(times(fc.integer({ min: 1, max: 400 })), kinds, fc.integer(), fc.double(), (ts, kind, seed, c) => {
        const n = ts.length;
        const vs =
          kind === 'constant'
            ? new Array<number>(n).fill(c)
            : kind === 'counter'
              ? counterSeries(n, seed)
              : kind === 'gauge'
                ? gaugeSeries(n, seed)
                : kind === 'smallInts'
                  ? ts.map((t, i) => ((seed ^ (i * 7919)) % 1000) - 500)
                  : ts.map((_, i) => (i % 3 === 0 ? c : i));
        roundTrips(ts, vs);
      }),
      { numRuns: 1500 },
    );
  });

  it('picks integer coding for counters and XOR for fractional values', () => {
    const ts = scrapeTimes(0, 100, 15_000, 0, 1);
    expect(encodeChunk(ts, counterSeries(100, 3))[1]).not.toBe(ValueMode.xor);
    expect(
      encodeChunk(
        ts,
        ts.map((t) => Math.sin(t)),
      )[1],
    ).toBe(ValueMode.xor);
  });

  it('rejects malformed input with bad_input', () => {
    const bad = (ts: number[], vs: number[]) => () => encodeChunk(ts, vs);
    expect(bad([1, 1], [0, 0])).toThrow(OpsError);
    expect(bad([2, 1], [0, 0])).toThrow(/increasing/);
    expect(bad([1.5], [0])).toThrow(/whole milliseconds/);
    expect(bad([1], [])).toThrow(/as many values/);
  });
});

function integrityError(bytes: Uint8Array): boolean {
  try {
    decodeChunk(bytes);
    return false;
  } catch (e) {
    if (!(e instanceof OpsError)) throw e;
    return e.code === 'integrity' || e.code === 'too_new';
  }
}

describe('decodeChunk on damaged input', () => {
  const sample = fc
    .tuple(times(fc.integer({ min: 1, max: 120 })), fc.integer())
    .map(([ts, seed]) => ({ ts, bytes: encodeChunk(ts, gaugeSeries(ts.length, seed)) }));

  it('throws integrity for every truncation', () => {
    fc.assert(
      fc.property(sample, fc.nat(), ({ bytes }, cut) => {
        expect(integrityError(bytes.subarray(0, cut % bytes.length))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('throws integrity for any single damaged byte', () => {
    fc.assert(
      fc.property(sample, fc.nat(), fc.integer({ min: 1, max: 255 }), ({ bytes }, at, flip) => {
        const copy = bytes.slice();
        copy[at % copy.length] ^= flip;
        expect(integrityError(copy)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('never hangs or throws anything but OpsError on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeChunk(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(OpsError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
