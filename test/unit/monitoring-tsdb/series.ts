// Deterministic synthetic series shaped like real scrapes, shared by the chunk tests.

/** A tiny seeded PRNG (mulberry32) so generated series are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Scrape times every `step` ms with up to ±`jitter` ms of timer noise. */
export function scrapeTimes(t0: number, n: number, step: number, jitter: number, seed: number): number[] {
  const r = rng(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const noise = jitter === 0 ? 0 : Math.round((r() * 2 - 1) * jitter);
    // Keep strictly increasing even with large jitter.
    out.push(Math.max(t0 + i * step + noise, i > 0 ? out[i - 1] + 1 : -Infinity));
  }
  return out;
}

/** A byte counter: a steady rate with bursts, resetting once (a reboot). */
export function counterSeries(n: number, seed: number): number[] {
  const r = rng(seed);
  const out: number[] = [];
  let v = Math.floor(r() * 1e12);
  for (let i = 0; i < n; i++) {
    if (i === Math.floor(n * 0.7)) v = 0;
    v += Math.floor(15 * (20_000 + r() * 5_000 + (r() < 0.05 ? r() * 1e6 : 0)));
    out.push(v);
  }
  return out;
}

/** Available memory in bytes: page-multiples drifting around 6 GiB. */
export function gaugeSeries(n: number, seed: number): number[] {
  const r = rng(seed);
  const out: number[] = [];
  let pages = 1_500_000;
  for (let i = 0; i < n; i++) {
    pages += Math.round((r() - 0.5) * 400);
    out.push(pages * 4096);
  }
  return out;
}
