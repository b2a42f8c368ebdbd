import type { Ci, CiRef, FieldValue } from '../../../shared/api/cmdb-model';

/** One cmdb_cis row as SQLite returns it. */
export interface CiRow {
  rid: number;
  id: string;
  type: string;
  name: string;
  description: string;
  owner_team: string | null;
  owner_person: string | null;
  environment: string | null;
  status: string;
  criticality: string | null;
  tags: string;
  fields: string;
  address: string | null;
  port: number | null;
  user: string | null;
  credential_id: string | null;
  jump_host_id: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export const ciColumns =
  'rid, id, type, name, description, owner_team, owner_person, environment, status, criticality, tags, fields, address, port, user, credential_id, jump_host_id, created_at, updated_at, version';

export function rowToCi(r: CiRow): Ci {
  const hasConnection =
    r.address !== null || r.port !== null || r.user !== null || r.credential_id !== null || r.jump_host_id !== null;
  return {
    id: r.id,
    type: r.type,
    name: r.name,
    description: r.description,
    ownerTeam: r.owner_team,
    ownerPerson: r.owner_person,
    environment: r.environment,
    status: r.status as Ci['status'],
    criticality: r.criticality as Ci['criticality'],
    tags: JSON.parse(r.tags) as string[],
    fields: JSON.parse(r.fields) as Record<string, FieldValue>,
    connection: hasConnection
      ? { address: r.address, port: r.port, user: r.user, credentialId: r.credential_id, jumpHostId: r.jump_host_id }
      : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** The columns a Ci is written to, in the order of the INSERT and UPDATE statements below. */
export function ciToParams(c: Ci): unknown[] {
  return [
    c.id,
    c.type,
    c.name,
    c.description,
    c.ownerTeam,
    c.ownerPerson,
    c.environment,
    c.status,
    c.criticality,
    JSON.stringify(c.tags),
    JSON.stringify(c.fields),
    c.connection?.address ?? null,
    c.connection?.port ?? null,
    c.connection?.user ?? null,
    c.connection?.credentialId ?? null,
    c.connection?.jumpHostId ?? null,
    c.createdAt,
    c.updatedAt,
    c.version,
  ];
}

/** The columns after id, in ciToParams order. */
export const writableColumns = [
  'type',
  'name',
  'description',
  'owner_team',
  'owner_person',
  'environment',
  'status',
  'criticality',
  'tags',
  'fields',
  'address',
  'port',
  'user',
  'credential_id',
  'jump_host_id',
  'created_at',
  'updated_at',
  'version',
] as const;

export const insertCiSql = `INSERT INTO cmdb_cis (id, type, name, description, owner_team, owner_person, environment, status, criticality, tags, fields, address, port, user, credential_id, jump_host_id, created_at, updated_at, version)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Whole-row update keyed by id (the last parameter); triggers refresh tags, fields and FTS. */
export const updateCiSql = `UPDATE cmdb_cis SET type = ?, name = ?, description = ?, owner_team = ?, owner_person = ?, environment = ?, status = ?, criticality = ?, tags = ?, fields = ?, address = ?, port = ?, user = ?, credential_id = ?, jump_host_id = ?, created_at = ?, updated_at = ?, version = ?
  WHERE id = ?`;

export function updateParams(c: Ci): unknown[] {
  const p = ciToParams(c);
  return [...p.slice(1), c.id];
}

export const toRef = (c: { id: string; name: string; type: string }): CiRef => ({
  id: c.id,
  name: c.name,
  type: c.type,
});
