import { requireText, type LineProblem } from './problems';

/** The sources one scrape reads, in the order the command prints them. */
export const scrapeSections = ['stat', 'meminfo', 'loadavg', 'diskstats', 'netdev', 'df'] as const;
export type ScrapeSection = (typeof scrapeSections)[number];

export const MARKER = '@@opsroom:';
const END = 'end';

const sources: Record<ScrapeSection, string> = {
  stat: 'cat /proc/stat',
  meminfo: 'cat /proc/meminfo',
  loadavg: 'cat /proc/loadavg',
  diskstats: 'cat /proc/diskstats',
  netdev: 'cat /proc/net/dev',
  // -T adds each filesystem's type (so squashfs snaps and tmpfs can be told from disks), but
  // it is not POSIX: a df without it (a minimal busybox) still gives the six POSIX columns.
  df: 'if df -PT -k / >/dev/null 2>&1; then df -PT -k; else df -P -k; fi',
};

/**
 * The single command run over the kept-open SSH connection per scrape.
 * It goes through `env … sh -c` because the remote login shell may be csh or
 * fish, where `2>/dev/null` or `VAR=x cmd` mean something else; LC_ALL=C
 * keeps df's header and number formats stable. An end marker lets the parser
 * tell a complete scrape from one cut short by a dropped connection.
 */
export function scrapeCommand(): string {
  const script = [
    ...scrapeSections.map((s) => `echo ${MARKER}${s}; ${sources[s]} 2>/dev/null`),
    `echo ${MARKER}${END}`,
  ].join('; ');
  return `env LC_ALL=C sh -c '${script}'`;
}

export interface SplitScrape {
  sections: Partial<Record<ScrapeSection, string>>;
  /** Sections with no marker or no output at all (a missing /proc file, no df). */
  missing: ScrapeSection[];
  /** False when the end marker never came: the output was cut short. */
  complete: boolean;
  problems: LineProblem[];
}

/**
 * Splits scrape output at the markers. Text before the first marker (a login
 * banner printed by a shell rc file) and unknown markers are reported, not fatal.
 */
export function splitScrape(text: string): SplitScrape {
  const lines = requireText(text, 'scrape').split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the final newline ends a line, it does not start one
  const collected: Partial<Record<ScrapeSection, string[]>> = {};
  const problems: LineProblem[] = [];
  let current: string[] | undefined;
  let complete = false;
  let skipping = false; // inside an unknown section, already reported once
  lines.forEach((raw, i) => {
    const l = raw.replace(/\r$/, '');
    if (l.startsWith(MARKER)) {
      const name = l.slice(MARKER.length).trim();
      skipping = false;
      if (name === END) {
        complete = true;
        current = undefined;
      } else if ((scrapeSections as readonly string[]).includes(name)) {
        const s = name as ScrapeSection;
        if (collected[s])
          problems.push({ line: i + 1, message: `The ${s} section appears twice; the later one is kept.` });
        current = collected[s] = [];
      } else {
        problems.push({ line: i + 1, message: `Unknown section marker "${name.slice(0, 40)}".` });
        current = undefined;
        skipping = true;
      }
    } else if (current) {
      current.push(l);
    } else if (!skipping && l.trim() !== '') {
      problems.push({ line: i + 1, message: 'Output outside any section was ignored.' });
    }
  });
  const sections: Partial<Record<ScrapeSection, string>> = {};
  const missing: ScrapeSection[] = [];
  for (const s of scrapeSections) {
    const body = collected[s]?.map((l) => `${l}\n`).join('') ?? '';
    if (body.trim() === '') missing.push(s);
    else sections[s] = body;
  }
  return { sections, missing, complete, problems };
}
