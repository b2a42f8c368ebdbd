import type { Ci, FieldValue } from '../../../shared/api/cmdb-model';
import { protectCell } from '../import/csv-formula';
import type { ExportData } from './types';

export const csvColumns = [
  'id',
  'type',
  'name',
  'description',
  'environment',
  'status',
  'criticality',
  'ownerTeam',
  'ownerPerson',
  'tags',
  'address',
  'port',
  'user',
  'jumpHost',
] as const;

/** RFC 4180 CSV, CRLF, one column per custom field key present (sorted), formula-safe cells. */
export function exportCsv(data: ExportData): string {
  const names = new Map(data.cis.map((c) => [c.id, c.name]));
  const fieldKeys = [...new Set(data.cis.flatMap((c) => Object.keys(c.fields)))].sort();
  const header = [...csvColumns, ...fieldKeys.map((k) => `fields.${k}`)];
  const lines = [header.map(quote).join(',')];
  for (const c of data.cis) {
    const fixed: Record<(typeof csvColumns)[number], string> = {
      id: c.id,
      type: c.type,
      name: c.name,
      description: c.description,
      environment: c.environment ?? '',
      status: c.status,
      criticality: c.criticality ?? '',
      ownerTeam: c.ownerTeam ?? '',
      ownerPerson: c.ownerPerson ?? '',
      tags: c.tags.join(';'),
      address: c.connection?.address ?? '',
      port: c.connection?.port == null ? '' : String(c.connection.port),
      user: c.connection?.user ?? '',
      jumpHost: jumpName(c, names),
    };
    const cells = [...csvColumns.map((k) => fixed[k]), ...fieldKeys.map((k) => fieldText(c.fields[k]))];
    lines.push(cells.map((v) => quote(protectCell(v))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function jumpName(c: Ci, names: Map<string, string>): string {
  const id = c.connection?.jumpHostId;
  return id ? (names.get(id) ?? '') : '';
}

function fieldText(v: FieldValue | undefined): string {
  if (v === undefined || v === null) return '';
  return String(v);
}

function quote(v: string): string {
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
