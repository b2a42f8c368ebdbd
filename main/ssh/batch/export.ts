import type { BatchRun, HostResult } from '../../../shared/api/ssh';
import { protectCell } from '../../cmdb/import/csv-formula';

export const batchCsvColumns = [
  'ci',
  'type',
  'ciId',
  'address',
  'state',
  'exitCode',
  'signal',
  'startedAt',
  'durationMs',
  'truncated',
  'error',
  'sha256',
  'stdout',
  'stderr',
] as const;

/** A run and every host, as pretty JSON (a file a person may open). */
export function exportJson(run: BatchRun, hosts: readonly HostResult[]): string {
  return JSON.stringify({ run, hosts }, null, 2) + '\n';
}

/**
 * RFC 4180 CSV (CRLF, quoted when needed, "" for a quote), one row per host.
 * Outputs are what remote hosts printed, so every cell is formula-protected
 * like the CMDB export: a host answering `=HYPERLINK(...)` stays text.
 */
export function exportCsv(hosts: readonly HostResult[]): string {
  const lines = [batchCsvColumns.join(',')];
  for (const h of hosts) {
    const cells: Record<(typeof batchCsvColumns)[number], string> = {
      ci: h.ci.name,
      type: h.ci.type,
      ciId: h.ci.id,
      address: h.address,
      state: h.state,
      exitCode: h.exitCode === null ? '' : String(h.exitCode),
      signal: h.signal ?? '',
      startedAt: h.startedAt === null ? '' : new Date(h.startedAt).toISOString(),
      durationMs: h.durationMs === null ? '' : String(Math.round(h.durationMs)),
      truncated: h.truncated ? 'true' : 'false',
      error: h.error ?? '',
      sha256: h.sha256 ?? '',
      stdout: h.stdout,
      stderr: h.stderr,
    };
    lines.push(batchCsvColumns.map((k) => quote(protectCell(cells[k]))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function quote(v: string): string {
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function exportFileName(run: BatchRun, format: 'json' | 'csv'): string {
  const stamp = new Date(run.createdAt).toISOString().replace(/[:.]/g, '-');
  return `batch-${stamp}-${run.id.slice(0, 8)}.${format}`;
}
