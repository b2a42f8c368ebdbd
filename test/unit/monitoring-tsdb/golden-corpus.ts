// Deterministic inputs whose encoded bytes golden.test.ts pins: every
// coding path a chunk can take (steady or jittered timestamps; fixed-width,
// Rice and escaped runs; decimal orders 1 and 2 with stale markers; XOR),
// so a faster encoder cannot silently change the format.
import { counterSeries, gaugeSeries, rng, scrapeTimes } from './series';

export interface GoldenInput {
  name: string;
  ts: number[];
  vs: number[];
}

const T0 = 1_764_000_000_000;
const STEP = 15_000;

/** Rounds to `digits` significant digits, as exporters print gauges. */
export function significant(v: number, digits: number): number {
  return Number(v.toPrecision(digits));
}

/** Small inputs, pinned byte for byte (readable in a diff). */
export function smallInputs(): GoldenInput[] {
  const steady = (n: number) => Array.from({ length: n }, (_, i) => T0 + i * STEP);
  return [
    { name: 'empty', ts: [], vs: [] },
    { name: 'one sample', ts: [T0], vs: [1] },
    { name: 'constant up, steady', ts: steady(8), vs: new Array<number>(8).fill(1) },
    {
      name: 'jittered times, 2-decimal load',
      ts: scrapeTimes(T0, 12, STEP, 25, 1),
      vs: [1.27, 1.3, 1.31, 1.29, 1.3, 1.5, 1.48, 1.47, 1.2, 1.21, 1.2, 1.19],
    },
    { name: 'stale markers in a decimal run', ts: steady(6), vs: [NaN, 2.5, NaN, 2.75, 3, NaN] },
    {
      name: 'byte counter, delta-of-deltas',
      ts: steady(10),
      vs: Array.from({ length: 10 }, (_, i) => 1_000_000 + i * 4096 * 3),
    },
    {
      name: 'doubles, XOR',
      ts: scrapeTimes(T0, 10, STEP, 200, 2),
      vs: [0.1, -0, Infinity, -Infinity, 1 / 3, Math.PI, Math.E, 2 ** 53, Number.MIN_VALUE, -Number.MAX_VALUE],
    },
    {
      name: 'wide timestamp gaps (escapes)',
      ts: [0, 1, 15_000, 16_000, 2 ** 40, 2 ** 40 + 7, 2 ** 49],
      vs: [5, 5, 6, 6, 7, 7, 8],
    },
  ];
}

/** 120-sample chunks of the series a host exports, for the digest and the benchmark. */
export function realisticChunks(count: number, seed: number): GoldenInput[] {
  const r = rng(seed);
  const out: GoldenInput[] = [];
  for (let c = 0; c < count; c++) {
    const jitter = [0, 3, 25, 200][c % 4];
    const ts = scrapeTimes(T0 + c * 120 * STEP, 120, STEP, jitter, seed + c);
    const kind = c % 6;
    let vs: number[];
    if (kind === 0) {
      // A gauge printed with 5 significant digits (temperature, load, MiB).
      let g = 1000 * (1 + r() * 50);
      vs = ts.map(() => significant((g += (r() - 0.5) * g * 0.01), 5));
    } else if (kind === 1) {
      // A rate derived from a counter: bytes per second over the scrape, unrounded.
      const ctr = counterSeries(121, seed + c);
      vs = ts.map((_, i) => (ctr[i + 1] - ctr[i]) / 15);
    } else if (kind === 2) {
      // CPU percent: busy jiffies over total, rounded to 2 decimals.
      vs = ts.map(() => Math.round((20 + r() * 10 + (r() < 0.05 ? 60 : 0)) * 100) / 100);
    } else if (kind === 3) {
      vs = gaugeSeries(120, seed + c);
    } else if (kind === 4) {
      vs = counterSeries(120, seed + c);
    } else {
      // Anything at all: random doubles with a stale marker.
      vs = ts.map((_, i) => (i === 60 ? NaN : (r() - 0.5) * 2 ** (r() * 80 - 40)));
    }
    out.push({ name: `chunk ${c}`, ts, vs });
  }
  return out;
}

/** Integer runs for writeAdaptive on its own (rollup-codec.ts uses it directly). */
export function adaptiveRuns(count: number, seed: number): number[][] {
  const r = rng(seed);
  const runs: number[][] = [];
  for (let c = 0; c < count; c++) {
    const n = 1 + Math.floor(r() * 150);
    const scale = 2 ** Math.floor(r() * 54);
    runs.push(
      // `+ 0` turns Math.round's -0 into 0: runs hold integers, not signed zeros.
      Array.from({ length: n }, () => {
        const x = r();
        if (x < 0.3) return 0;
        if (x < 0.95) return Math.round((r() - 0.5) * Math.min(scale, 2 ** 40)) + 0;
        return Math.round((r() - 0.5) * 2 * Math.min(scale, 2 ** 52)) + 0;
      }),
    );
  }
  return runs;
}
