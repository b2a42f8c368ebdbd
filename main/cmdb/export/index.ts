import type { ExportData } from './types';
import { exportAnsibleYaml } from './ansible-export';
import { exportCsv } from './csv-export';
import { exportJson } from './json-export';

export type { ExportData, ExportRelation } from './types';

export type ExportFormat = 'csv' | 'json' | 'ansible-yaml';

/** CIs in, text out: CSV, the round-trip JSON, or an Ansible YAML inventory. */
export function exportCis(format: ExportFormat, data: ExportData): { content: string; fileName: string } {
  const exportedAt = data.exportedAt ?? data.cis.reduce((m, c) => Math.max(m, c.updatedAt), 0);
  const stamp = new Date(exportedAt).toISOString().slice(0, 10);
  switch (format) {
    case 'csv':
      return { content: exportCsv(data), fileName: `opsroom-cmdb-${stamp}.csv` };
    case 'json':
      return { content: exportJson(data, exportedAt), fileName: `opsroom-cmdb-${stamp}.json` };
    case 'ansible-yaml':
      return { content: exportAnsibleYaml(data), fileName: `opsroom-inventory-${stamp}.yml` };
  }
}
