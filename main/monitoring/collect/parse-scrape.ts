import { parseDf, type DfEntry } from './df';
import { parseDiskstats, type DiskStats } from './diskstats';
import { parseLoadavg, type LoadAvg } from './loadavg';
import { parseMeminfo } from './meminfo';
import { parseNetDev, type NetDevStats } from './netdev';
import type { LineProblem, Parsed } from './problems';
import { parseProcStat, type ProcStat } from './proc-stat';
import { splitScrape, type ScrapeSection } from './scrape';

export interface HostScrape {
  stat?: ProcStat;
  meminfo?: Record<string, number>;
  loadavg?: LoadAvg;
  diskstats?: Record<string, DiskStats>;
  netdev?: Record<string, NetDevStats>;
  df?: DfEntry[];
  missing: ScrapeSection[];
  complete: boolean;
  /** Problems per section ("scrape" for the markers themselves). */
  problems: { section: ScrapeSection | 'scrape'; line: number; message: string }[];
}

/** Splits one scrape's output and parses every section that came back. */
export function parseScrape(text: string): HostScrape {
  const split = splitScrape(text);
  const out: HostScrape = {
    missing: split.missing,
    complete: split.complete,
    problems: split.problems.map((p: LineProblem) => ({ section: 'scrape' as const, ...p })),
  };
  function take<T>(section: ScrapeSection, parse: (t: string) => Parsed<T>): T | undefined {
    const body = split.sections[section];
    if (body === undefined) return undefined;
    const { value, problems } = parse(body);
    for (const p of problems) out.problems.push({ section, ...p });
    return value;
  }
  out.stat = take('stat', parseProcStat);
  out.meminfo = take('meminfo', parseMeminfo);
  out.loadavg = take('loadavg', parseLoadavg) ?? undefined;
  out.diskstats = take('diskstats', parseDiskstats);
  out.netdev = take('netdev', parseNetDev);
  out.df = take('df', parseDf);
  return out;
}
