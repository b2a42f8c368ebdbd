/**
 * Deterministic noise for the demo's synthetic series: every value is a pure
 * function of (seed, time), so two demo workspaces seeded at the same moment
 * hold the same samples and tests can rely on them.
 */

/** FNV-1a of a string: the seed of one host's one metric. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A uniform number in [0, 1) for (seed, k): one mulberry32 step from a mixed state. */
export function hash01(seed: number, k: number): number {
  let t = (seed ^ Math.imul(k | 0, 0x9e3779b1)) >>> 0;
  t = (t + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Value noise in [-1, 1]: random knots every `periodMs`, cosine-interpolated so it wanders smoothly. */
export function valueNoise(seed: number, t: number, periodMs: number): number {
  const x = t / periodMs;
  const k = Math.floor(x);
  const f = (1 - Math.cos(Math.PI * (x - k))) / 2;
  const a = hash01(seed, k) * 2 - 1;
  const b = hash01(seed, k + 1) * 2 - 1;
  return a + (b - a) * f;
}

/**
 * What a metric wobbles by, in [-1, 1] (rarely beyond ±0.9): a slow drift over
 * ~20 minutes, a faster one over ~3 minutes, and per-sample jitter, as real
 * host metrics look between two 60 s scrapes.
 */
export function wobble(seed: number, t: number): number {
  return (
    0.55 * valueNoise(seed, t, 20 * 60_000) +
    0.3 * valueNoise(seed ^ 0x5bd1e995, t, 3 * 60_000) +
    0.15 * (hash01(seed ^ 0x27d4eb2d, Math.floor(t / 1000)) * 2 - 1)
  );
}

const DAY = 86_400_000;

/**
 * The working day's curve in [0, 1]: quietest at 04:00 UTC, busiest at 16:00
 * UTC (late afternoon in the demo's Frankfurt and Amsterdam sites).
 */
export function diurnal(t: number): number {
  const hours = (((t % DAY) + DAY) % DAY) / 3_600_000;
  return 0.5 - 0.5 * Math.cos((2 * Math.PI * (hours - 4)) / 24);
}
