import { OpsError } from '../../../shared/api/errors';
import { chooseAdaptive, choiceBits, readAdaptiveInto, writeAdaptive, type Choice } from './adaptive';
import type { BitReader, BitWriter } from './bit-writer';
import { INT_BUCKETS, readSigned, writeSigned } from './varbits';

/**
 * Decimal values as scaled integers: v = I / 10^scale, with I = I0 + divisor·k.
 *
 * Host metrics are decimal numbers with a few digits (a load average of
 * 1.27, a rate rounded to 5 significant digits, a byte count in whole KiB).
 * Their binary fractions are long, so Gorilla's XOR spends 40+ bits on each
 * change; as scaled integers their deltas fit in a dozen bits. The divisor is
 * the greatest common divisor of the deltas (1024 for /proc/meminfo's kB
 * figures in bytes), which removes the bits that never change.
 *
 * Exact: a value is only coded this way when `I / 10^scale` gives back the
 * very same double. NaNs (stale markers) are listed by position and stand in
 * the integer run as a repeat of their neighbour, so they cost no delta bits;
 * they decode as NaN (which NaN bit pattern is not kept — every NaN a series
 * store holds is a stale marker).
 */
export const MAX_SCALE = 15;
const SCALE_BITS = 4;
const MAX_INT = 2 ** 50;
const POW10: readonly number[] = Array.from({ length: MAX_SCALE + 1 }, (_, e) => 10 ** e);

/** The fewest decimals that give `v` back exactly, or -1 (not finite, -0, too many digits or too large). */
export function decimalScale(v: number): number {
  if (!Number.isFinite(v) || Object.is(v, -0)) return -1;
  for (let e = 0; e <= MAX_SCALE; e++) {
    const i = Math.round(v * POW10[e]);
    if (Math.abs(i) > MAX_INT) return -1;
    if (i / POW10[e] === v) return e;
  }
  return -1;
}

export interface DecimalPlan {
  scale: number;
  divisor: number;
  /** 1: deltas of k; 2: delta-of-deltas (steady counters) */
  order: 1 | 2;
  /** I0 then the k steps (deltas or delta-of-deltas) */
  first: number;
  second: number;
  rest: number[];
  stale: number[];
  bits: number;
  /** how `rest` is coded, so writeDecimal need not size it again */
  choice?: Choice;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) {
    const r = x % y;
    x = y;
    y = r;
  }
  return x;
}

function signedBits(v: number): number {
  for (let i = 0; i < INT_BUCKETS.length; i++) {
    const w = INT_BUCKETS[i];
    const half = w === 0 ? 0 : 2 ** (w - 1);
    if (v >= -half && v < half) return i + 1 + w;
  }
  return INT_BUCKETS.length + 54;
}

/** How `vs` would be coded as decimals, or null when some value is not a short decimal. */
export function planDecimal(vs: readonly number[]): DecimalPlan | null {
  const n = vs.length;
  if (n === 0) return null;
  let scale = 0;
  const stale: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = vs[i];
    if (Number.isNaN(v)) {
      stale.push(i);
      continue;
    }
    const e = decimalScale(v);
    if (e < 0) return null;
    if (e > scale) scale = e;
  }
  if (stale.length === n) return null;
  const p = POW10[scale];
  const ints = new Array<number>(n);
  let prev = NaN;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(vs[i])) {
      ints[i] = prev;
      continue;
    }
    const I = Math.round(vs[i] * p);
    if (Math.abs(I) > MAX_INT) return null;
    ints[i] = prev = I;
  }
  // Leading stale markers repeat the first real value.
  const firstReal = ints.find((x) => !Number.isNaN(x))!;
  for (let i = 0; i < n && Number.isNaN(ints[i]); i++) ints[i] = firstReal;

  let divisor = 0;
  for (let i = 1; i < n; i++) divisor = gcd(divisor, ints[i] - ints[i - 1]);
  if (divisor === 0) divisor = 1;
  const steps: number[] = [];
  for (let i = 1; i < n; i++) steps.push((ints[i] - ints[i - 1]) / divisor);
  const dod: number[] = [];
  for (let i = 1; i < steps.length; i++) dod.push(steps[i] - steps[i - 1]);

  let header = SCALE_BITS + signedBits(divisor - 1) + 1 + signedBits(stale.length) + signedBits(ints[0]);
  let last = -1;
  for (const s of stale) {
    header += signedBits(s - last - 1);
    last = s;
  }
  // Each run is sized once and the winner's choice kept for writeDecimal.
  const byDelta = steps.length > 0 ? chooseAdaptive(steps, INT_BUCKETS) : undefined;
  const byDod = dod.length > 0 ? chooseAdaptive(dod, INT_BUCKETS) : undefined;
  const deltaBits = choiceBits(byDelta);
  const dodBits = steps.length > 0 ? signedBits(steps[0]) + choiceBits(byDod) : 0;
  const order = dodBits < deltaBits ? 2 : 1;
  return {
    scale,
    divisor,
    order,
    first: ints[0],
    second: steps[0] ?? 0,
    rest: order === 2 ? dod : steps,
    stale,
    bits: header + Math.min(deltaBits, dodBits),
    choice: order === 2 ? byDod : byDelta,
  };
}

export function writeDecimal(w: BitWriter, plan: DecimalPlan, n: number): void {
  w.writeBits(plan.scale, SCALE_BITS);
  writeSigned(w, plan.divisor - 1, INT_BUCKETS);
  w.writeBit(plan.order === 2);
  writeSigned(w, plan.stale.length, INT_BUCKETS);
  let last = -1;
  for (const s of plan.stale) {
    writeSigned(w, s - last - 1, INT_BUCKETS);
    last = s;
  }
  writeSigned(w, plan.first, INT_BUCKETS);
  if (plan.order === 2 && n > 1) writeSigned(w, plan.second, INT_BUCKETS);
  writeAdaptive(w, plan.rest, INT_BUCKETS, plan.choice);
}

function damaged(why: string): OpsError {
  return new OpsError('integrity', `The chunk is damaged: ${why}.`);
}

export function readDecimal(r: BitReader, n: number): number[] {
  const out = new Float64Array(n);
  readDecimalInto(r, n, out, 0);
  return Array.from(out);
}

/** readDecimal into out[at..at+n). */
export function readDecimalInto(r: BitReader, n: number, out: Float64Array, at: number): void {
  const scale = r.readBits(SCALE_BITS);
  const divisor = readSigned(r, INT_BUCKETS) + 1;
  if (!(divisor >= 1) || divisor > 2 * MAX_INT) throw damaged('its decimal divisor is impossible');
  const order = r.readBit() ? 2 : 1;
  const staleCount = readSigned(r, INT_BUCKETS);
  if (!(staleCount >= 0 && staleCount <= n)) throw damaged('it lists more stale markers than samples');
  const stale: number[] = [];
  let last = -1;
  for (let i = 0; i < staleCount; i++) {
    const gap = readSigned(r, INT_BUCKETS);
    last += gap + 1;
    if (!(gap >= 0) || last >= n) throw damaged('a stale marker lies outside the chunk');
    stale.push(last);
  }
  if (n === 0) return;
  let I = readSigned(r, INT_BUCKETS);
  let step = order === 2 && n > 1 ? readSigned(r, INT_BUCKETS) : 0;
  // The steps land where their values go and are replaced in place.
  const first = order === 2 ? 2 : 1;
  readAdaptiveInto(r, Math.max(n - first, 0), INT_BUCKETS, out, at + first);
  const p = POW10[scale];
  out[at] = I / p;
  for (let i = 1; i < n; i++) {
    if (order === 1) step = out[at + i];
    else if (i > 1) step += out[at + i];
    I += step * divisor;
    if (!Number.isSafeInteger(I)) throw damaged('a decimal value is out of range');
    out[at + i] = I / p;
  }
  for (const s of stale) out[at + s] = NaN;
}
