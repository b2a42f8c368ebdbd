import type { Ci } from '../../../shared/api/cmdb-model';
import { exportFormatName, exportVersion } from '../import/json-import';
import type { ExportData } from './types';

/** The round-trip format: full CIs and relations by id, keys in a fixed order. */
export function exportJson(data: ExportData, exportedAt: number): string {
  const doc = {
    format: exportFormatName,
    version: exportVersion,
    exportedAt: new Date(exportedAt).toISOString(),
    cis: data.cis.map(stableCi),
    relations: data.relations.map((r) => ({ type: r.type, from: r.fromId, to: r.toId })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

function stableCi(c: Ci): Ci {
  const fields: Ci['fields'] = {};
  for (const k of Object.keys(c.fields).sort())
    Object.defineProperty(fields, k, { value: c.fields[k], enumerable: true });
  return {
    id: c.id,
    type: c.type,
    name: c.name,
    description: c.description,
    ownerTeam: c.ownerTeam,
    ownerPerson: c.ownerPerson,
    environment: c.environment,
    status: c.status,
    criticality: c.criticality,
    tags: [...c.tags],
    fields,
    connection: c.connection
      ? {
          address: c.connection.address,
          port: c.connection.port,
          user: c.connection.user,
          credentialId: c.connection.credentialId,
          jumpHostId: c.connection.jumpHostId,
        }
      : null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
  };
}
