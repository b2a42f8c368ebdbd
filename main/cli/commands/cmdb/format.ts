import type { Ci } from '../../../../shared/api/cmdb-model';

/** Left-aligned columns sized to their content, two spaces apart. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

export function ciRow(c: Ci): string[] {
  const addr = c.connection?.address
    ? `${c.connection.address}${c.connection.port && c.connection.port !== 22 ? `:${c.connection.port}` : ''}`
    : '';
  return [c.name, c.type, c.environment ?? '', c.status, addr];
}
