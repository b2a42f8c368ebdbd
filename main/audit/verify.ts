import type { AuditVerifyResult } from '../../shared/api/audit';
import type { Db } from '../store/migration';
import { canonicalJson } from './canonical-json';
import { entryHash, genesisHash } from './hash';

export interface AuditRow {
  seq: number;
  time: number;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  details: string;
  ref: number | null;
  prev_hash: string;
  hash: string;
}

const progressEvery = 1000;

/**
 * Walks the whole chain in seq order, streaming rows (never loading the table),
 * and names the first entry that is not what was written. Later damage is not
 * reported: once the chain is broken everything after it is unproven anyway.
 */
export function verifyChain(
  db: Db,
  opts: { onProgress?: (done: number, total: number) => void } = {},
): AuditVerifyResult {
  const total = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;

  let expected = 1;
  let prevHash = genesisHash;
  let checked = 0;
  const bad = (seq: number, reason: string): AuditVerifyResult => ({
    ok: false,
    entries: checked,
    firstBad: { seq, reason },
  });

  for (const row of rows) {
    if (row.seq !== expected) {
      if (typeof row.seq === 'number' && row.seq > expected) {
        const missing = row.seq - expected;
        return bad(
          expected,
          missing === 1
            ? `entry ${expected} is missing (deleted)`
            : `entries ${expected} to ${row.seq - 1} are missing (deleted)`,
        );
      }
      return bad(row.seq, `entry ${String(row.seq)} has a sequence number that cannot be part of the chain (inserted)`);
    }
    if (row.prev_hash !== prevHash) {
      return bad(
        row.seq,
        `entry ${row.seq} does not follow entry ${row.seq - 1}: its prev_hash does not match (entry ${row.seq - 1} was changed or this entry was inserted)`,
      );
    }
    let details: unknown;
    try {
      details = JSON.parse(row.details);
    } catch {
      return bad(row.seq, `entry ${row.seq} was changed: its details are not valid JSON`);
    }
    let recomputed = '';
    try {
      // Stored details are canonical text; a re-spaced or re-ordered copy is an edit too.
      if (canonicalJson(details) === row.details) recomputed = entryHash(row.prev_hash, { ...row, details });
    } catch {
      // a value that cannot be canonicalised cannot have been written by append()
    }
    if (recomputed !== row.hash) {
      return bad(row.seq, `entry ${row.seq} was changed: its contents do not match its hash`);
    }
    prevHash = row.hash;
    expected += 1;
    checked += 1;
    if (checked % progressEvery === 0) opts.onProgress?.(checked, total);
  }
  opts.onProgress?.(checked, total);

  const last = expected - 1;
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
    { seq: number; hash: string } | undefined;
  if (!head) {
    if (last === 0) return { ok: true, entries: 0, head: null };
    return bad(
      last,
      `the chain's recorded end (audit_head) is missing although ${last} entries exist (it was deleted)`,
    );
  }
  if (head.seq > last) {
    const k = head.seq - last;
    return bad(
      last + 1,
      k === 1
        ? `the last entry (${head.seq}) was removed`
        : `the last ${k} entries (${last + 1} to ${head.seq}) were removed`,
    );
  }
  if (head.seq < last) {
    return bad(
      head.seq + 1,
      `entries ${head.seq + 1} to ${last} were added after the recorded end of the chain (inserted)`,
    );
  }
  if (head.hash !== prevHash) {
    return bad(last, `the recorded end of the chain does not match entry ${last} (the entry or the head was changed)`);
  }
  return { ok: true, entries: checked, head: last === 0 ? null : prevHash };
}
