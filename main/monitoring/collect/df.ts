import { counter, numberedLines, requireText, type LineProblem, type Parsed } from './problems';

export interface DfEntry {
  filesystem: string;
  sizeBytes: number;
  usedBytes: number;
  availBytes: number;
  /** df's own rounded-up percentage; null when df prints "-". */
  capacityPercent: number | null;
  mount: string;
}

/*
 * POSIX `df -P` promises one line per filesystem in six columns. The mount
 * point is last and may contain spaces, so it is everything after the
 * capacity column; the filesystem name is everything before the first run of
 * three numbers. A name with spaces AND digits-only words stays ambiguous —
 * the format cannot tell them apart.
 */
const ROW = /^(.*?)\s+(\d+|-)\s+(\d+|-)\s+(\d+|-)\s+(\d+%|-)\s+(\S.*)$/;

/** Parses `df -P [-k]`. Block size comes from the header ("1024-blocks"), 512 if absent. */
export function parseDf(text: string): Parsed<DfEntry[]> {
  const value: DfEntry[] = [];
  const problems: LineProblem[] = [];
  let block = 512;
  for (const { line, text: l } of numberedLines(requireText(text, 'df -P'))) {
    const header = /^Filesystem\s+(\d+)-blocks\s/i.exec(l);
    if (header) {
      block = Number(header[1]);
      continue;
    }
    // The lazy match backtracks; a bounded line keeps hostile output cheap.
    const m = l.length <= 4096 ? ROW.exec(l) : null;
    if (!m || !m[1].trim()) {
      problems.push({ line, message: 'Expected "filesystem size used available capacity% mount".' });
      continue;
    }
    // "-" appears for pseudo filesystems that have no block counts.
    const [size, used, avail] = [m[2], m[3], m[4]].map((t) => counter(t) ?? 0);
    value.push({
      filesystem: m[1].trim(),
      sizeBytes: size * block,
      usedBytes: used * block,
      availBytes: avail * block,
      capacityPercent: m[5] === '-' ? null : Number(m[5].slice(0, -1)),
      mount: m[6],
    });
  }
  return { value, problems };
}
