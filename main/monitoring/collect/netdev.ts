import { counter, numberedLines, requireText, type LineProblem, type Parsed } from './problems';

export interface NetDevStats {
  rxBytes: number;
  rxPackets: number;
  rxErrs: number;
  rxDrop: number;
  txBytes: number;
  txPackets: number;
  txErrs: number;
  txDrop: number;
}

/**
 * Parses /proc/net/dev. The two header lines are skipped. Old kernels print
 * "eth0:123" with no space, so the name is split off at the colon rather than
 * at whitespace; columns are rx bytes packets errs drop fifo frame compressed
 * multicast, then tx bytes packets errs drop fifo colls carrier compressed.
 */
export function parseNetDev(text: string): Parsed<Record<string, NetDevStats>> {
  const value: Record<string, NetDevStats> = {};
  const problems: LineProblem[] = [];
  for (const { line, text: l } of numberedLines(requireText(text, '/proc/net/dev'))) {
    if (l.includes('|')) continue; // header
    const colon = l.lastIndexOf(':');
    const name = l.slice(0, Math.max(colon, 0)).trim();
    const f = l
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(counter);
    if (colon < 0 || !name || f.length < 16 || f.some((n) => n === undefined)) {
      problems.push({ line, message: 'Expected "interface: 16 counters".' });
      continue;
    }
    const n = f as number[];
    value[name] = {
      rxBytes: n[0],
      rxPackets: n[1],
      rxErrs: n[2],
      rxDrop: n[3],
      txBytes: n[8],
      txPackets: n[9],
      txErrs: n[10],
      txDrop: n[11],
    };
  }
  return { value, problems };
}
