import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { parseDf } from '../../../main/monitoring/collect/df';
import { parseDiskstats } from '../../../main/monitoring/collect/diskstats';
import { parseLoadavg } from '../../../main/monitoring/collect/loadavg';
import { parseMeminfo } from '../../../main/monitoring/collect/meminfo';
import { parseNetDev } from '../../../main/monitoring/collect/netdev';
import { parseScrape } from '../../../main/monitoring/collect/parse-scrape';
import { parseProcStat } from '../../../main/monitoring/collect/proc-stat';
import { scrapeSections, splitScrape } from '../../../main/monitoring/collect/scrape';
import { DF, DF_TYPED, DISKSTATS, LOADAVG, MEMINFO, NET_DEV, PROC_STAT, scrapeOutput } from './fixtures';

const full = { stat: PROC_STAT, meminfo: MEMINFO, loadavg: LOADAVG, diskstats: DISKSTATS, netdev: NET_DEV, df: DF };

describe('splitScrape', () => {
  it('splits a complete scrape into its sections', () => {
    const s = splitScrape(scrapeOutput(full));
    expect(s).toMatchObject({ missing: [], complete: true, problems: [] });
    expect(s.sections.loadavg).toBe(LOADAVG);
  });

  it('reports missing sections, a cut-short scrape, banners and unknown markers', () => {
    const text = 'Welcome to prod!\n' + scrapeOutput({ stat: PROC_STAT, bogus: 'x\n', loadavg: '' }, false);
    const s = splitScrape(text);
    expect(s.complete).toBe(false);
    expect(s.missing).toEqual(['meminfo', 'loadavg', 'diskstats', 'netdev', 'df']);
    expect(s.problems.map((p) => p.line)).toEqual([1, PROC_STAT.split('\n').length + 2]);
  });

  it('keeps the later copy of a repeated section, with a problem', () => {
    const s = splitScrape('@@opsroom:loadavg\n1\n@@opsroom:loadavg\n2\r\n');
    expect(s.sections.loadavg).toBe('2\n');
    expect(s.problems).toHaveLength(1);
  });
});

describe('parseScrape', () => {
  it('parses every section and tags problems with their section', () => {
    const p = parseScrape(scrapeOutput({ ...full, loadavg: 'nonsense\n' }));
    expect(p.meminfo?.MemTotal).toBe(16318156 * 1024);
    expect(p.loadavg).toBeUndefined();
    expect(p.problems).toEqual([{ section: 'loadavg', line: 1, message: expect.any(String) }]);
  });
});

/** Throws only if fn throws something other than an OpsError. */
function onlyOpsErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OpsError);
  }
}

const parsers = [parseProcStat, parseMeminfo, parseLoadavg, parseDiskstats, parseNetDev, parseDf, parseScrape];

describe('fuzz: arbitrary host text', () => {
  const fixtureLines = [...Object.values(full), DF_TYPED].flatMap((t) => t.split('\n'));
  // Lines shaped like real output, recombined and mutated, reach deeper than random strings.
  const mutatedLine = fc
    .tuple(fc.constantFrom(...fixtureLines), fc.nat(), fc.string({ maxLength: 4 }))
    .map(([l, at, ins]) => l.slice(0, at % (l.length + 1)) + ins + l.slice(at % (l.length + 1)));
  const text = fc.oneof(
    fc.string({ maxLength: 300, unit: 'binary' }),
    fc.array(mutatedLine, { maxLength: 30 }).map((ls) => ls.join('\n')),
    fc
      .array(fc.tuple(fc.constantFrom(...scrapeSections, 'end', 'x'), fc.array(mutatedLine, { maxLength: 8 })))
      .map((secs) => secs.map(([s, ls]) => `@@opsroom:${s}\n${ls.join('\n')}`).join('\n')),
  );

  it('never throws anything but OpsError, and every result is well formed', () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const parse of parsers) onlyOpsErrors(() => parse(t));
        const s = parseScrape(t);
        expect(s.missing.every((m) => (scrapeSections as readonly string[]).includes(m))).toBe(true);
        for (const e of parseDf(t).value) expect(Number.isFinite(e.sizeBytes)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects non-text input with bad_input', () => {
    for (const parse of parsers) {
      expect(() => parse(undefined as unknown as string)).toThrow(OpsError);
    }
  });
});
