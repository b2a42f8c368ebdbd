import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpuUsage, usageModes } from '../../../main/monitoring/collect/cpu-usage';
import { cpuModes, type CpuTimes } from '../../../main/monitoring/collect/proc-stat';

const times = fc
  .tuple(...cpuModes.map(() => fc.nat(1e9)))
  .map((ns) => Object.fromEntries(cpuModes.map((m, i) => [m, ns[i]])) as unknown as CpuTimes);

describe('cpuUsage', () => {
  it('yields fractions in [0, 1] summing to 1 whenever time passed', () => {
    fc.assert(
      fc.property(times, times, (a, b) => {
        const u = cpuUsage(a, b);
        if (u === null) return;
        const values = usageModes.map((m) => u[m]);
        for (const v of values) expect(v >= 0 && v <= 1).toBe(true);
        expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
      }),
      { numRuns: 3000 },
    );
  });

  it('splits a worked interval and ignores guest time (already inside user)', () => {
    const prev = {
      user: 100,
      nice: 0,
      system: 50,
      idle: 800,
      iowait: 0,
      irq: 0,
      softirq: 0,
      steal: 0,
      guest: 10,
      guestNice: 0,
    };
    const next = { ...prev, user: 130, system: 60, idle: 860, guest: 30 };
    expect(cpuUsage(prev, next)).toEqual({
      user: 0.3,
      nice: 0,
      system: 0.1,
      idle: 0.6,
      iowait: 0,
      irq: 0,
      softirq: 0,
      steal: 0,
    });
  });

  it('returns null for no elapsed time and treats a reboot as counting from zero', () => {
    const t = { user: 1, nice: 0, system: 1, idle: 2, iowait: 0, irq: 0, softirq: 0, steal: 0, guest: 0, guestNice: 0 };
    expect(cpuUsage(t, t)).toBeNull();
    const after = { ...t, user: 0, idle: 3 };
    expect(cpuUsage({ ...t, user: 50 }, after)?.idle).toBeCloseTo(3 / 4);
  });
});
