import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseStep, niceIntervalsMs } from '../../../main/monitoring/query/step';
import { parseDuration as mainParseDuration } from '../../../main/monitoring/query/duration';
import {
  quickRanges as mainQuickRanges,
  resolveTime as mainResolveTime,
} from '../../../main/monitoring/query/time-range';
import {
  builtinVariables,
  describeRange,
  formatDuration,
  formatLocal,
  intervalMs,
  parseDuration,
  parseTimeInput,
  quickRanges,
  resolveRange,
  resolveTime,
  timeForInput,
} from '../../../renderer/views/charts/time';

// The renderer keeps copies of main's time rules (it may not import main/); these tests hold them equal.
describe('renderer copies of the time rules agree with main', () => {
  it('has the same quick ranges', () => {
    expect([...quickRanges]).toEqual([...mainQuickRanges]);
  });

  it('parses durations as main does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^(\d{1,4}(ms|y|w|d|h|m|s)){1,3}$/), fc.string({ maxLength: 8 })), (s) => {
        let expected: number | null;
        try {
          expected = mainParseDuration(s);
        } catch {
          expected = null;
        }
        expect(parseDuration(s)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('resolves the ends of a range as main does', () => {
    const now = Date.UTC(2026, 10, 27, 10, 0, 0);
    const inputs = [
      'now',
      'now-15m',
      'now+1h',
      'now-1h30m',
      '1700000000000',
      '2026-11-27T09:00:00Z',
      '2026-11-27T09:00+01:00',
      'now-',
      'yesterday',
      '2026-11-27 09:00',
      'now-1x',
    ];
    for (const s of inputs) {
      let expected: number | null;
      try {
        expected = mainResolveTime(s, now);
      } catch {
        expected = null;
      }
      expect(resolveTime(s, now), s).toBe(expected);
    }
  });

  it('computes the same interval as main’s step rule', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 400 * 86_400_000 }),
        fc.integer({ min: 10, max: 5000 }),
        fc.constantFrom(0, 15_000, 60_000),
        (rangeMs, width, minMs) => {
          const start = 1_700_000_000_000;
          const main = chooseStep({
            startMs: start,
            endMs: start + rangeMs,
            widthPx: width,
            minIntervalSec: minMs / 1000,
          });
          // Main may go one notch further to respect 11,000 points after aligning both ends; the renderer
          // only spells ${__interval}, so it must equal main's step or be the notch below.
          const mine = intervalMs(rangeMs, width, minMs);
          const step = main.stepSec * 1000;
          const below = niceIntervalsMs[niceIntervalsMs.indexOf(step) - 1];
          expect([step, below]).toContain(mine);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('time text', () => {
  it('spells durations the Prometheus way', () => {
    expect(formatDuration(15_000)).toBe('15s');
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(86_400_000 * 8)).toBe('1w1d');
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(NaN)).toBe('0s');
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
    expect(resolveRange({ from: 'now', to: 'now-1h' }, 1e12)).toBeNull();
    expect(resolveRange({ from: 'now-1h', to: 'now' }, 1e12)).toEqual({ fromMs: 1e12 - 3_600_000, toMs: 1e12 });
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
