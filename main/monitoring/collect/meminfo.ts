import { counter, numberedLines, requireText, type LineProblem, type Parsed } from './problems';

/**
 * Parses /proc/meminfo into bytes per field ("MemTotal", "MemAvailable", …).
 * The kernel's "kB" means KiB. Fields without a unit (HugePages_Total) are
 * counts and are kept as they are.
 */
export function parseMeminfo(text: string): Parsed<Record<string, number>> {
  const value: Record<string, number> = {};
  const problems: LineProblem[] = [];
  for (const { line, text: l } of numberedLines(requireText(text, '/proc/meminfo'))) {
    const m = /^([^:\s]+):\s+(\S+)(?:\s+(\S+))?\s*$/.exec(l.trim());
    const n = counter(m?.[2]);
    if (!m || n === undefined || (m[3] !== undefined && m[3] !== 'kB')) {
      problems.push({ line, message: 'Expected "Name: number [kB]".' });
      continue;
    }
    value[m[1]] = m[3] === 'kB' ? n * 1024 : n;
  }
  if (value.MemTotal === undefined) problems.push({ line: 0, message: 'MemTotal is missing.' });
  return { value, problems };
}
