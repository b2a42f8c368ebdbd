import type { Ci } from '../../../shared/api/cmdb-model';

export interface ExportRelation {
  type: string;
  fromId: string;
  toId: string;
}

export interface ExportData {
  cis: Ci[];
  relations: ExportRelation[];
  /** epoch ms from the service's Clock; defaults to the newest updatedAt so output stays deterministic */
  exportedAt?: number;
}
