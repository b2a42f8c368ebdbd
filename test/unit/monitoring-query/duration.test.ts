import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../shared/monitoring/duration';
import { quickRanges, resolveRange, resolveTime } from '../../../shared/monitoring/time-range';
import { OpsError } from '../../../shared/api/errors';

const NOW = Date.UTC(2026, 10, 27, 6, 0, 0);

describe('parseDuration', () => {
  it('reads Prometheus durations', () => {
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('1y2w')).toBe((365 + 14) * 86_400_000);
    expect(parseDuration('1s500ms')).toBe(1500);
    expect(parseDuration('0s')).toBe(0);
  });

  it('rejects bad durations with OpsError', () => {
    for (const bad of ['', '15', 'm', '1.5h', '-5m', '30m1h', '1m1m', '5 m', '1M', '1h ', 'x', '9'.repeat(30) + 'y']) {
      expect(() => parseDuration(bad), bad).toThrow(OpsError);
    }
  });

  it('round-trips formatDuration and never throws anything but OpsError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 * 365 * 86_400_000 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        try {
          parseDuration(s);
        } catch (e) {
          expect(e).toBeInstanceOf(OpsError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('resolveTime / resolveRange', () => {
  it('resolves every quick range against now', () => {
    for (const from of quickRanges) {
      const r = resolveRange(from, 'now', NOW);
      expect(r.endMs).toBe(NOW);
      expect(NOW - r.startMs).toBe(parseDuration(from.slice(4)));
    }
    expect(resolveRange('now-15m', 'now', NOW)).toEqual({ startMs: NOW - 900_000, endMs: NOW });
    expect(resolveRange('now-30d', 'now-1d', NOW).startMs).toBe(NOW - 30 * 86_400_000);
  });

  it('resolves absolute times', () => {
    expect(resolveTime('2026-11-27T06:00:00Z', 0)).toBe(NOW);
    expect(resolveTime('2026-11-27T07:00:00+01:00', 0)).toBe(NOW);
    expect(resolveTime(String(NOW), 0)).toBe(NOW);
    expect(resolveTime('now+5m', NOW)).toBe(NOW + 300_000);
  });

  it('rejects bad times and backwards ranges with OpsError', () => {
    for (const bad of [
      '',
      'now-',
      'now-15',
      'now*5m',
      'nowish',
      'yesterday',
      '2026-11-27',
      '2026-11-27T06:00:00',
      '2026-13-45T99:99Z',
    ]) {
      expect(() => resolveTime(bad, NOW), bad).toThrow(OpsError);
    }
    expect(() => resolveRange('now', 'now-15m', NOW)).toThrow(OpsError);
    expect(() => resolveRange('now', 'now', NOW)).toThrow(OpsError);
  });

  it('never throws anything but OpsError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
        try {
          resolveRange('now' + a, b, NOW);
        } catch (e) {
          expect(e).toBeInstanceOf(OpsError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
