import { counter, numberedLines, requireText, type LineProblem, type Parsed } from './problems';

/** Cumulative I/O counters of one block device since boot. */
export interface DiskStats {
  readsCompleted: number;
  writesCompleted: number;
  readBytes: number;
  writtenBytes: number;
  readTimeMs: number;
  writeTimeMs: number;
  /** Time the device had I/O in flight: its rate over wall time is utilisation. */
  ioTimeMs: number;
  inProgress: number;
}

/** /proc/diskstats counts in 512-byte sectors whatever the device's real sector size. */
const SECTOR = 512;

/** RAM disks and loop devices say nothing about the host's storage. */
function skipped(name: string): boolean {
  return /^(ram|loop)\d+$/.test(name);
}

/**
 * Parses /proc/diskstats (Documentation/admin-guide/iostats.rst): after
 * major, minor and name come at least 11 counters; kernels 4.18+ and 5.5+
 * append discard and flush counters, which are ignored.
 */
export function parseDiskstats(text: string): Parsed<Record<string, DiskStats>> {
  const value: Record<string, DiskStats> = {};
  const problems: LineProblem[] = [];
  for (const { line, text: l } of numberedLines(requireText(text, '/proc/diskstats'))) {
    const [major, minor, name, ...rest] = l.trim().split(/\s+/);
    const f = rest.map(counter);
    if (counter(major) === undefined || counter(minor) === undefined || !name || f.length < 11) {
      problems.push({ line, message: 'Expected "major minor name" and at least 11 counters.' });
      continue;
    }
    if (skipped(name)) continue;
    if (f.slice(0, 11).some((n) => n === undefined)) {
      problems.push({ line, message: `The counters of ${name} are not all whole numbers.` });
      continue;
    }
    const n = f as number[];
    value[name] = {
      readsCompleted: n[0],
      readBytes: n[2] * SECTOR,
      readTimeMs: n[3],
      writesCompleted: n[4],
      writtenBytes: n[6] * SECTOR,
      writeTimeMs: n[7],
      inProgress: n[8],
      ioTimeMs: n[9],
    };
  }
  return { value, problems };
}
