import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueTargets, Limiter, nextSlot, phaseOf, scrapeTimeoutMs } from '../../../main/monitoring/collector/schedule';

describe('schedule', () => {
  it('puts the next slot half to one and a half intervals later, on the target’s phase', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2e12 }),
        fc.integer({ min: 5, max: 3600 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (from, sec, id) => {
          const ms = sec * 1000;
          const phase = phaseOf(id, ms);
          expect(phase >= 0 && phase < ms).toBe(true);
          const next = nextSlot(from, ms, phase);
          expect(next - from).toBeGreaterThanOrEqual(ms / 2);
          expect(next - from).toBeLessThan(ms * 1.5);
          expect((((next - phase) % ms) + ms) % ms).toBe(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('spreads many targets over the interval instead of one second', () => {
    const seconds = new Set(Array.from({ length: 500 }, (_, i) => Math.floor(phaseOf(`ci-${i}`, 15_000) / 1000)));
    expect(seconds.size).toBe(15);
  });

  it('gives every scrape a timeout shorter than its interval', () => {
    for (let sec = 5; sec <= 3600; sec++) {
      const t = scrapeTimeoutMs(sec);
      expect(t).toBeLessThan(sec * 1000);
      expect(t).toBeLessThanOrEqual(10_000);
    }
    expect(scrapeTimeoutMs(5)).toBe(4000);
    expect(scrapeTimeoutMs(15)).toBe(10_000);
  });

  it('picks enabled, idle, due targets, most overdue first', () => {
    const rows = [
      { ciId: 'a', enabled: true, due: 50 },
      { ciId: 'b', enabled: true, due: 10 },
      { ciId: 'c', enabled: false, due: 0 },
      { ciId: 'd', enabled: true, due: 101 },
      { ciId: 'e', enabled: true, due: 100 },
      { ciId: 'f', enabled: true, due: 0 },
    ];
    const due = dueTargets(rows, 100, (r) => r.due, new Set(['f']));
    expect(due.map((r) => r.ciId)).toEqual(['b', 'a', 'e']);
  });

  it('never runs more than its limit at once, and runs everything', async () => {
    const limiter = new Limiter(3);
    let active = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter
          .run(async () => {
            active++;
            peak = Math.max(peak, active);
            await new Promise((r) => setTimeout(r, (i % 4) * 3));
            active--;
            if (i === 7) throw new Error('one fails');
            return i;
          })
          .catch(() => -1),
      ),
    );
    expect(peak).toBe(3);
    expect(done.filter((x) => x >= 0)).toHaveLength(19);
    expect(limiter.inUse()).toBe(0);
  });
});
