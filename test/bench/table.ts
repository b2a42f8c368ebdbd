import os from 'node:os';

export interface Row {
  /** what was measured */
  name: string;
  /** the figure, already formatted */
  value: string;
  /** how it compares with its peer in the same run, e.g. "0.42× raw per-row" */
  vs?: string;
}

/** Printed once at the top: a figure means nothing without the machine it came from. */
export function machineFacts(): string {
  const cpus = os.cpus();
  return [
    `node ${process.version} on ${process.platform}-${process.arch}`,
    `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown cpu'}`,
    `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
  ].join(' · ');
}

export function printTable(title: string, rows: Row[]): void {
  const w0 = Math.max(...rows.map((r) => r.name.length), 'measure'.length);
  const w1 = Math.max(...rows.map((r) => r.value.length), 'value'.length);
  const line = (a: string, b: string, c: string) => `  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd();
  console.log(`\n${title}`);
  console.log(line('measure', 'value', 'beside its peer'));
  console.log(line('-'.repeat(w0), '-'.repeat(w1), '-'.repeat(15)));
  for (const r of rows) console.log(line(r.name, r.value, r.vs ?? ''));
}

export const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} /s`;
export const millis = (ms: number): string => `${ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US')} ms`;
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;

export function timed<T>(fn: () => T): { result: T; ms: number } {
  const t0 = performance.now();
  const result = fn();
  return { result, ms: performance.now() - t0 };
}
