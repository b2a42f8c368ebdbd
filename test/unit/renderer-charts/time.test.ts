import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  builtinVariables,
  describeRange,
  durationOrNull,
  durationText,
  formatLocal,
  parseTimeInput,
  rangeOrNull,
  timeForInput,
} from '../../../renderer/views/charts/time';

describe('time text', () => {
  it('spells durations the Prometheus way', () => {
    expect(durationText(15_000)).toBe('15s');
    expect(durationText(90_000)).toBe('1m30s');
    expect(durationText(86_400_000 * 8)).toBe('1w1d');
    expect(durationText(250)).toBe('250ms');
    expect(durationText(0)).toBe('0s');
    expect(durationText(NaN)).toBe('0s');
    expect(durationText(-5)).toBe('0s');
    expect(durationText(1e300)).toBe('0s');
  });

  it('answers null for what main would refuse, never throws', () => {
    expect(durationOrNull('1h30m')).toBe(5_400_000);
    expect(durationOrNull('30m1h')).toBeNull();
    expect(durationOrNull('')).toBeNull();
    expect(rangeOrNull({ from: 'yesterday', to: 'now' }, 1e12)).toBeNull();
  });

  it('reads what a person types into the picker', () => {
    const now = Date.now();
    expect(parseTimeInput(' now-6h ', now)).toBe('now-6h');
    expect(parseTimeInput('2026-11-27T09:00:00Z', now)).toBe('2026-11-27T09:00:00Z');
    expect(parseTimeInput('2026-11-27 09:30', now)).toBe(String(new Date(2026, 10, 27, 9, 30).getTime()));
    expect(parseTimeInput('2026-11-27 09:30:15', now)).toBe(String(new Date(2026, 10, 27, 9, 30, 15).getTime()));
    expect(parseTimeInput('2026-02-31 09:30', now)).toBeNull();
    expect(parseTimeInput('2026-11-27 25:00', now)).toBeNull();
    expect(parseTimeInput('soon', now)).toBeNull();
  });

  it('shows epoch ms as a local time that reads back to the same second', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000 }), (sec) => {
        const ms = sec * 1000;
        expect(parseTimeInput(formatLocal(ms), 0)).toBe(String(ms));
      }),
    );
    expect(timeForInput('now-1h')).toBe('now-1h');
  });

  it('describes ranges for the picker button', () => {
    expect(describeRange({ from: 'now-15m', to: 'now' })).toBe('Last 15 minutes');
    expect(describeRange({ from: 'now-1h', to: 'now' })).toBe('Last hour');
    expect(describeRange({ from: 'now-30d', to: 'now' })).toBe('Last 30 days');
    const abs = describeRange({ from: String(new Date(2026, 10, 27, 9, 0).getTime()), to: 'now' });
    expect(abs).toBe('2026-11-27 09:00:00 → now');
  });

  it('refuses a range that ends before it starts', () => {
    expect(rangeOrNull({ from: 'now', to: 'now-1h' }, 1e12)).toBeNull();
    expect(rangeOrNull({ from: 'now-1h', to: 'now' }, 1e12)).toEqual({ fromMs: 1e12 - 3_600_000, toMs: 1e12 });
  });

  it('fills the built-in variables', () => {
    const v = builtinVariables(0, 3_600_000, 1000, '');
    // 1h over 1000 px: 3.6 s → the next nice interval, 5 s.
    expect(v.__interval).toBe('5s');
    expect(v.__interval_ms).toBe('5000');
    expect(v.__range).toBe('1h');
    expect(v.__range_s).toBe('3600');
    // At least four 15 s scrapes.
    expect(v.__rate_interval).toBe('1m');
    expect(builtinVariables(0, 3_600_000, 1000, '1m').__interval).toBe('1m');
    expect(builtinVariables(0, 3_600_000, 1000, '1m').__rate_interval).toBe('4m');
  });
});
