import type { Db } from './migration';
import { hasTable } from './schema';

type Row = Record<string, unknown>;

export interface AuditCarryResult {
  /** entries written after the snapshot and copied back into the restored workspace */
  carried: number;
  /**
   * true when the restored chain is not a prefix of the live one (a snapshot
   * from another workspace, or a chain that was rewritten): the restored chain
   * is kept and the live entries survive only in the pre-restore snapshot.
   */
  diverged: boolean;
}

/**
 * The audit chain must never lose an entry to a restore. Rows are copied
 * generically (SELECT * / INSERT with the same column names) so this does not
 * depend on how the audit service computes its hashes: carried rows are
 * byte-identical, so the chain still verifies.
 */
export function readAuditRows(db: Db): Row[] {
  if (!hasTable(db, 'audit_log')) return [];
  return db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Row[];
}

export function carryAuditRows(db: Db, oldRows: Row[]): AuditCarryResult {
  if (oldRows.length === 0 || !hasTable(db, 'audit_log')) return { carried: 0, diverged: false };
  const restored = readAuditRows(db);
  let k = 0;
  while (
    k < restored.length &&
    k < oldRows.length &&
    restored[k]!.seq === oldRows[k]!.seq &&
    restored[k]!.hash === oldRows[k]!.hash
  ) {
    k++;
  }
  // The restored chain holds everything the live one had (or more): nothing to carry.
  if (k === oldRows.length) return { carried: 0, diverged: false };
  if (k < restored.length) return { carried: 0, diverged: true };

  const columns = new Set(
    (db.prepare("SELECT name FROM pragma_table_info('audit_log')").all() as { name: string }[]).map((c) => c.name),
  );
  const names = Object.keys(oldRows[0]!).filter((c) => columns.has(c));
  const quoted = names.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
  const insert = db.prepare(`INSERT INTO audit_log (${quoted}) VALUES (${names.map(() => '?').join(', ')})`);
  const tail = oldRows.slice(k);
  db.transaction(() => {
    for (const row of tail) insert.run(...names.map((c) => row[c]));
    const last = tail[tail.length - 1]!;
    if (hasTable(db, 'audit_head')) {
      db.prepare(
        'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
      ).run(last.seq, last.hash);
    }
  })();
  return { carried: tail.length, diverged: false };
}
