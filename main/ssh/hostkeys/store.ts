import { randomUUID } from 'node:crypto';
import type { KnownHost } from '../../../shared/api/ssh';
import type { Db } from '../../store/migration';
import { HASH_MAGIC, hashedMatches, parseHashed } from '../known-hosts/hashed';
import { hostString } from '../known-hosts/matcher';
import type { KnownHostEntry } from '../known-hosts/types';
import type { KnownHostRow } from './types';

export type NewKnownHost = Omit<KnownHostRow, 'id'>;

/** The known_hosts table. Hosts are stored lowercased, as ssh compares them. */
export class KnownHostsStore {
  constructor(private readonly db: Db) {}

  all(): KnownHostRow[] {
    return this.db.prepare('SELECT * FROM known_hosts ORDER BY host, port, key_type').all() as KnownHostRow[];
  }

  get(id: string): KnownHostRow | undefined {
    return this.db.prepare('SELECT * FROM known_hosts WHERE id = ?').get(id) as KnownHostRow | undefined;
  }

  /**
   * Rows that speak about host:port: exact plain rows, hashed rows whose HMAC
   * matches `host` / `[host]:port`, and every revoked row for this key (a
   * revoked key is refused whatever host it claims to be).
   */
  relevant(host: string, port: number, keyBlobB64: string): KnownHostRow[] {
    const plain = this.db
      .prepare('SELECT * FROM known_hosts WHERE host = ? AND port = ?')
      .all(host.toLowerCase(), port) as KnownHostRow[];
    const revoked = this.db
      .prepare('SELECT * FROM known_hosts WHERE revoked = 1 AND key_blob = ?')
      .all(keyBlobB64) as KnownHostRow[];
    const subject = hostString(host, port);
    const hashed = (
      this.db.prepare(`SELECT * FROM known_hosts WHERE substr(host, 1, 3) = '${HASH_MAGIC}'`).all() as KnownHostRow[]
    ).filter((r) => {
      const h = parseHashed(r.host);
      return typeof h !== 'string' && hashedMatches(h, subject);
    });
    const byId = new Map<string, KnownHostRow>();
    for (const r of [...plain, ...hashed, ...revoked]) byId.set(r.id, r);
    return [...byId.values()];
  }

  /** Inserts unless the same host/port/type/key row exists; returns the row either way and whether it was new. */
  insert(row: NewKnownHost): { row: KnownHostRow; created: boolean } {
    const existing = this.db
      .prepare('SELECT * FROM known_hosts WHERE host = ? AND port = ? AND key_type = ? AND key_blob = ?')
      .get(row.host, row.port, row.key_type, row.key_blob) as KnownHostRow | undefined;
    if (existing) {
      // An import can revoke a key that was trusted; it never un-revokes one.
      if (row.revoked && !existing.revoked) {
        this.db.prepare('UPDATE known_hosts SET revoked = 1 WHERE id = ?').run(existing.id);
        return { row: { ...existing, revoked: 1 }, created: false };
      }
      return { row: existing, created: false };
    }
    const full: KnownHostRow = { id: randomUUID(), ...row };
    this.db
      .prepare(
        `INSERT INTO known_hosts (id, host, port, key_type, key_blob, fingerprint, accepted_by, accepted_at, source, revoked, comment)
         VALUES (@id, @host, @port, @key_type, @key_blob, @fingerprint, @accepted_by, @accepted_at, @source, @revoked, @comment)`,
      )
      .run(full);
    return { row: full, created: true };
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM known_hosts WHERE id = ?').run(id).changes > 0;
  }

  /** Trusted (non-revoked) keys of one type for host:port: what a 'replace' supersedes. */
  trustedOfType(host: string, port: number, keyType: string): KnownHostRow[] {
    return this.db
      .prepare('SELECT * FROM known_hosts WHERE host = ? AND port = ? AND key_type = ? AND revoked = 0')
      .all(host.toLowerCase(), port, keyType) as KnownHostRow[];
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

export function toKnownHost(r: KnownHostRow): KnownHost {
  return {
    id: r.id,
    host: r.host,
    port: r.port,
    keyType: r.key_type,
    fingerprint: r.fingerprint,
    acceptedBy: r.accepted_by,
    acceptedAt: r.accepted_at,
    source: r.source,
    revoked: r.revoked === 1,
    comment: r.comment,
  };
}

/** A row as the known-hosts library's entry, so verdictFor decides with the same rules as an import. */
export function toEntry(r: KnownHostRow): KnownHostEntry {
  const hashed = r.host.startsWith(HASH_MAGIC) ? parseHashed(r.host) : null;
  return {
    line: 0,
    marker: r.revoked ? 'revoked' : null,
    hosts:
      hashed && typeof hashed !== 'string' ? { hashed } : [{ pattern: hostString(r.host, r.port), negated: false }],
    keyType: r.key_type,
    keyBase64: r.key_blob,
    fingerprint: r.fingerprint,
    comment: r.comment,
  };
}
