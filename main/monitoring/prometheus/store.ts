import type { Datasource, DatasourceAuth } from '../../../shared/api/monitoring-query';
import type { Db } from '../../store/migration';

interface Row {
  id: string;
  name: string;
  url: string;
  auth_kind: DatasourceAuth['kind'];
  auth_username: string | null;
  auth_secret_id: string | null;
  ca_pem: string | null;
  tunnel_via: string | null;
  timeout_ms: number;
  is_default: number;
  created_at: number;
  updated_at: number;
}

function authOf(r: Row): DatasourceAuth {
  if (r.auth_kind === 'bearer') return { kind: 'bearer', secretId: r.auth_secret_id ?? '' };
  if (r.auth_kind === 'basic')
    return { kind: 'basic', username: r.auth_username ?? '', secretId: r.auth_secret_id ?? '' };
  return { kind: 'none' };
}

function toDatasource(r: Row): Datasource {
  return {
    id: r.id,
    name: r.name,
    kind: 'prometheus',
    url: r.url,
    auth: authOf(r),
    caPem: r.ca_pem,
    tunnelVia: r.tunnel_via,
    timeoutMs: r.timeout_ms,
    isDefault: r.is_default === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The prom_datasources table (schema.ts) as Datasource objects. */
export class DatasourceRows {
  constructor(private readonly db: Db) {}

  list(): Datasource[] {
    const rows = this.db.prepare('SELECT * FROM prom_datasources ORDER BY name COLLATE NOCASE').all() as Row[];
    return rows.map(toDatasource);
  }

  get(id: string): Datasource | null {
    const r = this.db.prepare('SELECT * FROM prom_datasources WHERE id = ?').get(id) as Row | undefined;
    return r ? toDatasource(r) : null;
  }

  byName(name: string): Datasource | null {
    const r = this.db.prepare('SELECT * FROM prom_datasources WHERE name = ? COLLATE NOCASE').get(name) as
      Row | undefined;
    return r ? toDatasource(r) : null;
  }

  /** Insert or replace one datasource; a default clears every other default in the same transaction. */
  upsert(d: Datasource): void {
    const auth = d.auth;
    const params = {
      id: d.id,
      name: d.name,
      url: d.url,
      auth_kind: auth.kind,
      auth_username: auth.kind === 'basic' ? auth.username : null,
      auth_secret_id: auth.kind === 'none' ? null : auth.secretId,
      ca_pem: d.caPem,
      tunnel_via: d.tunnelVia,
      timeout_ms: d.timeoutMs,
      is_default: d.isDefault ? 1 : 0,
      created_at: d.createdAt,
      updated_at: d.updatedAt,
    };
    this.db.transaction(() => {
      if (d.isDefault) this.db.prepare('UPDATE prom_datasources SET is_default = 0 WHERE id != ?').run(d.id);
      this.db
        .prepare(
          `INSERT INTO prom_datasources (id, name, url, auth_kind, auth_username, auth_secret_id, ca_pem, tunnel_via,
             timeout_ms, is_default, created_at, updated_at)
           VALUES (@id, @name, @url, @auth_kind, @auth_username, @auth_secret_id, @ca_pem, @tunnel_via,
             @timeout_ms, @is_default, @created_at, @updated_at)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, url = excluded.url, auth_kind = excluded.auth_kind,
             auth_username = excluded.auth_username, auth_secret_id = excluded.auth_secret_id, ca_pem = excluded.ca_pem,
             tunnel_via = excluded.tunnel_via, timeout_ms = excluded.timeout_ms, is_default = excluded.is_default,
             updated_at = excluded.updated_at`,
        )
        .run(params);
    })();
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM prom_datasources WHERE id = ?').run(id).changes > 0;
  }
}
