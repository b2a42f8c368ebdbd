import type { AuditEntry } from '../../../shared/api/audit';
import type { AuditLog } from '../../audit/audit-log';
import { rulePrefixes } from './annotations';

/** How far before the range a request is looked for, so a run that started earlier and ended inside still draws. */
export const lookbackMs = 24 * 3600_000;

/** Entries read per request at most; a range with more draws its newest ones. */
const maxEntries = 20_000;

/**
 * The audit entries that can become annotations between two times, in seq
 * order: only the actions the rules know (by prefix), so a busy chain of
 * dashboard saves and settings changes is not read at all.
 */
export function auditEntriesBetween(audit: AuditLog, fromMs: number, toMs: number): AuditEntry[] {
  const bySeq = new Map<number, AuditEntry>();
  const from = Math.max(0, Math.floor(fromMs));
  const to = Math.max(from, Math.ceil(toMs));
  for (const action of rulePrefixes) {
    let before: number | undefined;
    for (;;) {
      const page = audit.list({ limit: 1000, from, to, action, ...(before ? { before } : {}) });
      for (const e of page.entries) bySeq.set(e.seq, e);
      if (page.nextBefore === null || bySeq.size >= maxEntries) break;
      before = page.nextBefore;
    }
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
