import { counter, numberedLines, requireText, type LineProblem, type Parsed } from './problems';

export interface DfEntry {
  filesystem: string;
  /** the filesystem type from `df -PT` ("ext4", "tmpfs"); null when df printed no Type column */
  fstype: string | null;
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
/*
 * With -T a type column follows the name. A type has no spaces, so the name
 * is still everything before the last word that precedes the three numbers.
 */
const TYPED_ROW = /^(.*?)\s+(\S+)\s+(\d+|-)\s+(\d+|-)\s+(\d+|-)\s+(\d+%|-)\s+(\S.*)$/;

/**
 * Parses `df -P [-T] [-k]`. Block size comes from the header ("1024-blocks"),
 * 512 if absent; a "Type" header column means every row carries a type.
 */
export function parseDf(text: string): Parsed<DfEntry[]> {
  const value: DfEntry[] = [];
  const problems: LineProblem[] = [];
  let block = 512;
  let typed = false;
  for (const { line, text: l } of numberedLines(requireText(text, 'df -P'))) {
    const header = /^Filesystem\s+(Type\s+)?(\d+)-blocks\s/i.exec(l);
    if (header) {
      typed = header[1] !== undefined;
      block = Number(header[2]);
      continue;
    }
    // The lazy match backtracks; a bounded line keeps hostile output cheap.
    const m = l.length <= 4096 ? (typed ? TYPED_ROW : ROW).exec(l) : null;
    if (!m || !m[1].trim()) {
      problems.push({
        line,
        message: `Expected "filesystem ${typed ? 'type ' : ''}size used available capacity% mount".`,
      });
      continue;
    }
    const fstype = typed ? m[2] : null;
    const [sizeT, usedT, availT, capacity, mount] = m.slice(typed ? 3 : 2);
    // "-" appears for pseudo filesystems that have no block counts.
    const [size, used, avail] = [sizeT, usedT, availT].map((t) => counter(t) ?? 0);
    value.push({
      filesystem: m[1].trim(),
      fstype,
      sizeBytes: size * block,
      usedBytes: used * block,
      availBytes: avail * block,
      capacityPercent: capacity === '-' ? null : Number(capacity.slice(0, -1)),
      mount,
    });
  }
  return { value, problems };
}
