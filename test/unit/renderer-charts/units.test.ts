import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { units, type Unit } from '../../../shared/api/monitoring-model';
import { formatValue } from '../../../renderer/views/charts/units';

describe('formatValue', () => {
  it('scales bytes by powers of 1024 with IEC names', () => {
    expect(formatValue(0, 'bytes')).toBe('0 B');
    expect(formatValue(512, 'bytes')).toBe('512 B');
    expect(formatValue(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatValue(1024 ** 2 * 300, 'bytes')).toBe('300 MiB');
    expect(formatValue(1024 ** 3 * 7.25, 'bytes')).toBe('7.25 GiB');
    expect(formatValue(-2048, 'bytes')).toBe('-2 KiB');
    expect(formatValue(1024 ** 4 * 2, 'bytes/s')).toBe('2 TiB/s');
  });

  it('scales bits per second by powers of 1000 (SI, as links are sold)', () => {
    expect(formatValue(999, 'bits/s')).toBe('999 b/s');
    expect(formatValue(1000, 'bits/s')).toBe('1 kb/s');
    expect(formatValue(1.5e9, 'bits/s')).toBe('1.5 Gb/s');
  });

  it('spells percentages from 0–100 and from 0–1', () => {
    expect(formatValue(42.5, 'percent')).toBe('42.5%');
    expect(formatValue(0.425, 'percentunit')).toBe('42.5%');
    expect(formatValue(1, 'percentunit')).toBe('100%');
  });

  it('walks durations up through ms, s, min, h', () => {
    expect(formatValue(0.25, 'seconds')).toBe('250 ms');
    expect(formatValue(45, 'seconds')).toBe('45 s');
    expect(formatValue(90, 'seconds')).toBe('1.5 min');
    expect(formatValue(7200, 'seconds')).toBe('2 h');
    expect(formatValue(3 * 86_400, 'seconds')).toBe('3 d');
    expect(formatValue(0.000002, 'seconds')).toBe('2 µs');
    expect(formatValue(0, 'seconds')).toBe('0 s');
    expect(formatValue(250, 'ms')).toBe('250 ms');
    expect(formatValue(1500, 'ms')).toBe('1.5 s');
    expect(formatValue(120_000, 'ms')).toBe('2 min');
    expect(formatValue(3_600_000 * 5, 'ms')).toBe('5 h');
    expect(formatValue(0, 'ms')).toBe('0 ms');
  });

  it('abbreviates short numbers and rates with k/M/G/T', () => {
    expect(formatValue(950, 'short')).toBe('950');
    expect(formatValue(1500, 'short')).toBe('1.5k');
    expect(formatValue(2_300_000, 'short')).toBe('2.3M');
    expect(formatValue(4e9, 'short')).toBe('4G');
    expect(formatValue(7.1e12, 'short')).toBe('7.1T');
    expect(formatValue(0.5, 'short')).toBe('0.5');
    expect(formatValue(12, 'ops/s')).toBe('12 ops/s');
    expect(formatValue(12_000, 'ops/s')).toBe('12k ops/s');
    expect(formatValue(3.25, 'reqps')).toBe('3.25 req/s');
  });

  it('shows degrees and plain numbers', () => {
    expect(formatValue(21.5, 'celsius')).toBe('21.5 °C');
    expect(formatValue(123456, 'none')).toBe('123456');
    expect(formatValue(0.000012, 'none')).toBe('1.20e-5');
  });

  it('uses exactly the decimals asked for, else about three significant figures', () => {
    expect(formatValue(1536, 'bytes', 3)).toBe('1.500 KiB');
    expect(formatValue(42, 'percent', 0)).toBe('42%');
    expect(formatValue(3.14159, 'none', 2)).toBe('3.14');
    expect(formatValue(3.14159, 'none')).toBe('3.14');
    expect(formatValue(31.4159, 'none')).toBe('31.4');
    expect(formatValue(314.159, 'none')).toBe('314');
    expect(formatValue(0.0314159, 'none')).toBe('0.0314');
    // Out-of-range decimals are clamped rather than thrown by toFixed.
    expect(formatValue(1, 'none', 500)).toBe('1.0000000000');
    expect(formatValue(1, 'none', -3)).toBe('1');
  });

  it('spells missing and non-finite values the way Prometheus does', () => {
    for (const u of units) {
      expect(formatValue(null, u)).toBe('—');
      expect(formatValue(undefined, u)).toBe('—');
      expect(formatValue(NaN, u)).toBe('NaN');
      expect(formatValue(Infinity, u)).toBe('+Inf');
      expect(formatValue(-Infinity, u)).toBe('-Inf');
    }
  });

  it('never throws and always returns text, for any value, unit and decimals', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.double(), fc.constant(null), fc.integer()),
        fc.constantFrom<Unit>(...units),
        fc.oneof(fc.constant(null), fc.integer({ min: -1000, max: 1000 }), fc.double()),
        (v, unit, decimals) => {
          const s = formatValue(v, unit, decimals);
          expect(typeof s).toBe('string');
          expect(s.length).toBeGreaterThan(0);
          expect(s).not.toContain('undefined');
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('keeps the sign and the order of magnitude of a finite value', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (v) => {
        const s = formatValue(v, 'bytes');
        if (v < 0 && formatValue(-v, 'bytes') !== '0 B') expect(s.startsWith('-')).toBe(true);
        // The printed figure times its unit's factor is the value, within the rounding of three figures.
        const m = /^(-?[\d.e+-]+) (\w+)$/.exec(s);
        expect(m).not.toBeNull();
        const factor = 1024 ** ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'].indexOf(m![2]);
        const back = Number(m![1]) * factor;
        expect(Math.abs(back - v)).toBeLessThanOrEqual(Math.abs(v) * 0.006 + 1e-9 * factor + 0.5);
      }),
      { numRuns: 2000 },
    );
  });
});
