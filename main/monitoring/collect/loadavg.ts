import { counter, numberedLines, requireText, type LineProblem, type Parsed } from './problems';

export interface LoadAvg {
  load1: number;
  load5: number;
  load15: number;
  running: number;
  total: number;
  lastPid: number;
}

/** Parses /proc/loadavg: "0.52 0.58 0.59 2/1234 5678". Null value when unreadable. */
export function parseLoadavg(text: string): Parsed<LoadAvg | null> {
  const problems: LineProblem[] = [];
  const first = numberedLines(requireText(text, '/proc/loadavg'))[0];
  const m = first && /^(\d+\.\d+)\s+(\d+\.\d+)\s+(\d+\.\d+)\s+(\d+)\/(\d+)\s+(\d+)$/.exec(first.text.trim());
  if (!m) {
    problems.push({ line: first?.line ?? 0, message: 'Expected "load1 load5 load15 running/total lastpid".' });
    return { value: null, problems };
  }
  const [running, total, lastPid] = [m[4], m[5], m[6]].map(counter);
  if (running === undefined || total === undefined || lastPid === undefined) {
    problems.push({ line: first.line, message: 'A process count is out of range.' });
    return { value: null, problems };
  }
  return {
    value: { load1: Number(m[1]), load5: Number(m[2]), load15: Number(m[3]), running, total, lastPid },
    problems,
  };
}
