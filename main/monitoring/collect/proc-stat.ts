import { counter, numberedLines, requireText, type LineProblem, type Parsed } from './problems';

/** Jiffies spent per mode since boot, from one `cpu` line of /proc/stat. */
export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
  guest: number;
  guestNice: number;
}

export const cpuModes = [
  'user',
  'nice',
  'system',
  'idle',
  'iowait',
  'irq',
  'softirq',
  'steal',
  'guest',
  'guestNice',
] as const satisfies readonly (keyof CpuTimes)[];

export interface ProcStat {
  /** "cpu" is the all-CPU total; "cpu0", "cpu1", … each core. */
  cpus: Record<string, CpuTimes>;
  contextSwitches?: number;
  bootTimeSec?: number;
  processesCreated?: number;
  procsRunning?: number;
  procsBlocked?: number;
}

const scalars: Record<string, keyof Omit<ProcStat, 'cpus'>> = {
  ctxt: 'contextSwitches',
  btime: 'bootTimeSec',
  processes: 'processesCreated',
  procs_running: 'procsRunning',
  procs_blocked: 'procsBlocked',
};

/**
 * Parses /proc/stat. Kernels before 2.6.11 print fewer cpu columns; absent
 * ones are 0. Lines we do not use (intr, softirq) are skipped silently.
 */
export function parseProcStat(text: string): Parsed<ProcStat> {
  const value: ProcStat = { cpus: {} };
  const problems: LineProblem[] = [];
  for (const { line, text: l } of numberedLines(requireText(text, '/proc/stat'))) {
    const [key, ...rest] = l.trim().split(/\s+/);
    if (/^cpu\d*$/.test(key)) {
      const nums = rest.map(counter);
      if (nums.length < 4 || nums.some((n) => n === undefined)) {
        problems.push({ line, message: `The ${key} line does not hold at least four jiffy counters.` });
        continue;
      }
      const times = Object.fromEntries(cpuModes.map((m, i) => [m, nums[i] ?? 0])) as unknown as CpuTimes;
      value.cpus[key] = times;
    } else if (key in scalars) {
      const n = counter(rest[0]);
      if (n === undefined) problems.push({ line, message: `The ${key} line has no number.` });
      else value[scalars[key]] = n;
    }
  }
  if (!value.cpus.cpu) problems.push({ line: 0, message: 'No total "cpu" line was found.' });
  return { value, problems };
}
