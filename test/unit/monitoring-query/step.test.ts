import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseStep, maxPoints, niceIntervalsMs, niceStepMs, roundUpToNice } from '../../../shared/monitoring/step';
import { OpsError } from '../../../shared/api/errors';

const inputArb = fc.record({
  startMs: fc.integer({ min: 0, max: 2_000_000_000_000 }),
  rangeMs: fc.oneof(
    fc.integer({ min: 1, max: 3_600_000 }),
    fc.integer({ min: 1, max: 400 * 86_400_000 }),
    fc.integer({ min: 1, max: 20 * 365 * 86_400_000 }),
    // Exactly at the 11,000-point edge for a nice step, where alignment tips it over.
    fc
      .tuple(fc.constantFrom(...niceIntervalsMs.filter((ms) => ms >= 1000)), fc.integer({ min: -999, max: 999 }))
      .map(([nice, jitter]) => Math.max(1, nice * maxPoints + jitter)),
  ),
  widthPx: fc.oneof(
    fc.integer({ min: 1, max: 8000 }),
    fc.constant(1e9),
    fc.double({ min: 0.5, max: 8000, noNaN: true }),
  ),
  minIntervalSec: fc.option(
    fc.oneof(fc.constantFrom(0, 1, 15, 30, 45, 60, 300), fc.double({ min: 0, max: 86_400, noNaN: true })),
    {
      nil: undefined,
    },
  ),
});

describe('chooseStep', () => {
  it('never asks for more than 11,000 points, is aligned and respects every floor', () => {
    fc.assert(
      fc.property(inputArb, ({ startMs, rangeMs, widthPx, minIntervalSec }) => {
        const endMs = startMs + rangeMs;
        const { stepSec, startSec, endSec } = chooseStep({ startMs, endMs, widthPx, minIntervalSec });
        const stepMs = stepSec * 1000;
        expect((endSec - startSec) / stepSec + 1).toBeLessThanOrEqual(maxPoints);
        expect((startSec * 1000) % stepMs).toBe(0);
        expect((endSec * 1000) % stepMs).toBe(0);
        expect(startSec * 1000).toBeLessThanOrEqual(startMs);
        expect(endSec * 1000).toBeGreaterThanOrEqual(endMs);
        expect(startSec * 1000).toBeGreaterThan(startMs - stepMs);
        expect(endSec * 1000).toBeLessThan(endMs + stepMs);
        expect(stepSec).toBeGreaterThanOrEqual(minIntervalSec ?? 0);
        expect(stepSec).toBeGreaterThanOrEqual(1);
        expect(stepMs).toBeGreaterThanOrEqual(rangeMs / widthPx);
        const nice = niceIntervalsMs.includes(stepMs) || stepMs % (365 * 86_400_000) === 0;
        expect(nice).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('matches Grafana for common panels', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 7);
    // 1 h over 1000 px: 3.6 s raw → 5 s; start floored, end ceiled.
    expect(chooseStep({ startMs: now - 3_600_000, endMs: now, widthPx: 1000 })).toEqual({
      stepSec: 5,
      startSec: Math.floor((now - 3_600_000) / 5000) * 5,
      endSec: Math.ceil(now / 5000) * 5,
    });
    // 15 min with a 15 s scrape interval: the min interval wins.
    expect(chooseStep({ startMs: now - 900_000, endMs: now, widthPx: 1500, minIntervalSec: 15 }).stepSec).toBe(15);
    // 30 d over 1200 px: 2160 s raw → 1 h.
    expect(chooseStep({ startMs: now - 30 * 86_400_000, endMs: now, widthPx: 1200 }).stepSec).toBe(3600);
    // 1 y over 20000 px: the 11,000-point floor (2868 s) wins → 1 h.
    expect(chooseStep({ startMs: now - 365 * 86_400_000, endMs: now, widthPx: 20_000 }).stepSec).toBe(3600);
  });

  it('coarsens the step when alignment would pass 11,000 points', () => {
    // 11,000 × 15 s starting off-grid: 15 s would need 11,001 aligned points.
    const startMs = 1_700_000_007_000;
    const r = chooseStep({ startMs, endMs: startMs + 11_000 * 15_000, widthPx: 1e9 });
    expect(r.stepSec).toBe(20);
  });

  it('starts from niceStepMs, the ${__interval} the renderer shows, going at most one notch coarser', () => {
    fc.assert(
      fc.property(inputArb, ({ startMs, rangeMs, widthPx, minIntervalSec }) => {
        const { stepSec } = chooseStep({ startMs, endMs: startMs + rangeMs, widthPx, minIntervalSec });
        const interval = niceStepMs(rangeMs, widthPx, (minIntervalSec ?? 0) * 1000);
        expect([interval, roundUpToNice(interval + 1)]).toContain(stepSec * 1000);
      }),
      { numRuns: 2000 },
    );
  });

  it('rounds up to the nice list', () => {
    expect(roundUpToNice(1001)).toBe(2000);
    expect(roundUpToNice(45_000)).toBe(60_000);
    expect(roundUpToNice(2 * 365 * 86_400_000 - 5)).toBe(2 * 365 * 86_400_000);
  });

  it('rejects bad input with OpsError', () => {
    expect(() => chooseStep({ startMs: 10, endMs: 10, widthPx: 100 })).toThrow(OpsError);
    expect(() => chooseStep({ startMs: 0, endMs: 10, widthPx: 0 })).toThrow(OpsError);
    expect(() => chooseStep({ startMs: 0, endMs: 10, widthPx: NaN })).toThrow(OpsError);
    expect(() => chooseStep({ startMs: NaN, endMs: 10, widthPx: 1 })).toThrow(OpsError);
    expect(() => chooseStep({ startMs: 0, endMs: 10, widthPx: 1, minIntervalSec: -1 })).toThrow(OpsError);
  });
});
