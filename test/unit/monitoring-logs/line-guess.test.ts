import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { levelName } from '../../../main/monitoring/logs/levels';
import { guessLevel, guessTime, parseUtcOffset } from '../../../main/monitoring/logs/line-guess';

describe('guessLevel', () => {
  it.each([
    ['<11>Nov 27 07:44:01 web sshd[1]: x', 'err'], // syslog PRI 11 = user.err
    ['<134>1 2026-11-27T07:44:01Z host app - - - ok', 'info'], // local0.info
    ['2026-11-27T07:44:01Z ERROR [main] boom', 'err'],
    ['2026-11-27 07:44:01,123 WARN  o.a.k.Producer retrying', 'warning'],
    ['2026/11/27 07:44:01 [error] 812#0: *1 connect() failed', 'err'],
    ['[Wed Oct 11 14:32:52 2000] [core:crit] [pid 1] AH00: x', 'crit'],
    ['time="2026-11-27T07:44:01Z" level=warning msg="slow"', 'warning'],
    ['{"ts":1,"msg":"done","level":"debug"}', 'debug'],
    ['ERRO[0000] cannot connect', 'err'],
    ['FATAL: the database system is shutting down', 'crit'],
    ['PANIC: could not write to file', 'emerg'],
    ['sshd[42]: error: kex_exchange_identification: closed', 'err'],
    ['kernel: warning: something odd', 'warning'],
    ['INFO  starting; will retry on ERROR later', 'info'], // the first level named wins
    ['an error occurred while reading', 'info'], // prose is not a level
    ['GET /alert/ERRORS.txt HTTP/1.1 200', 'info'], // not a word on its own
    ['DEBUG_MODE=1 started', 'info'],
    ['plain line', 'info'],
  ])('%s → %s', (line, level) => {
    expect(levelName(guessLevel(line))).toBe(level);
  });
});

describe('guessTime', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  const ctx = { nowMs: now, offsetMin: 0 };

  it.each([
    ['2026-11-27T07:44:01Z x', '2026-11-27T07:44:01.000Z'],
    ['2026-11-27T07:44:01.123456+02:00 x', '2026-11-27T05:44:01.123Z'],
    ['2026-11-27 07:44:01,250 WARN x', '2026-11-27T07:44:01.250Z'],
    ['[2026-11-27T07:44:01-0500] x', '2026-11-27T12:44:01.000Z'],
    ['2026/11/27 07:44:01 [error] x', '2026-11-27T07:44:01.000Z'],
    ['<134>1 2026-11-27T07:44:01.5Z host app', '2026-11-27T07:44:01.500Z'],
    ['Nov 27 07:44:01 web sshd[1]: x', '2026-11-27T07:44:01.000Z'],
    ['Nov  7 07:44:01 web cron[1]: x', '2026-11-07T07:44:01.000Z'],
    ['Dec 31 23:59:59 web x', '2025-12-31T23:59:59.000Z'], // no year: last December, not next
  ])('%s → %s', (line, iso) => {
    expect(new Date(guessTime(line, ctx)).toISOString()).toBe(iso);
  });

  it('reads zone-less times in the host zone', () => {
    expect(new Date(guessTime('2026-11-27 08:00:00 x', { nowMs: now, offsetMin: 60 })).toISOString()).toBe(
      '2026-11-27T07:00:00.000Z',
    );
    expect(new Date(guessTime('Nov 27 08:00:00 x', { nowMs: now, offsetMin: -300 })).toISOString()).toBe(
      '2026-11-27T13:00:00.000Z',
    );
  });

  it('falls back to the pull time for no time, impossible dates and the far future', () => {
    for (const line of [
      'no time here',
      '2026-02-30T00:00:00Z x',
      '2026-13-01T00:00:00Z x',
      '2031-01-01T00:00:00Z x',
      'Foo 12 10:00:00 x',
    ])
      expect(guessTime(line, ctx)).toBe(now);
  });

  it('parses date +%z offsets', () => {
    expect(parseUtcOffset('+0130')).toBe(90);
    expect(parseUtcOffset('-0500\n')).toBe(-300);
    expect(parseUtcOffset('junk')).toBe(0);
  });
});

describe('guessing never fails (property)', () => {
  it('any text gives a level 0–7 and a finite time not after tomorrow', () => {
    const now = Date.parse('2026-11-27T12:00:00Z');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 100 }),
          fc.tuple(fc.date({ noInvalidDate: true }), fc.string()).map(([d, s]) => d.toISOString() + s),
        ),
        fc.integer({ min: -720, max: 840 }),
        (line, offsetMin) => {
          const level = guessLevel(line);
          expect(Number.isInteger(level) && level >= 0 && level <= 7).toBe(true);
          const t = guessTime(line, { nowMs: now, offsetMin });
          expect(Number.isFinite(t) && t <= now + 86_400_000).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('an ISO time at the start of a line is read back exactly', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1971-01-01'), max: new Date('2026-11-27'), noInvalidDate: true }), (d) => {
        expect(guessTime(`${d.toISOString()} msg`, { nowMs: Date.parse('2026-11-28T00:00:00Z'), offsetMin: 0 })).toBe(
          d.getTime(),
        );
      }),
    );
  });
});
