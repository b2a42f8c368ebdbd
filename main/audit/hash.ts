import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** prev_hash of entry 1: there is nothing before it. */
export const genesisHash = '0'.repeat(64);

/** The fields an entry's hash covers: everything except the hashes themselves. */
export interface HashedFields {
  seq: number;
  time: number;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  details: unknown;
  ref: number | null;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Chaining through prev_hash means changing, removing or inserting any entry
 * breaks every hash after it unless they are all recomputed, and audit_head
 * (written in the same transaction) catches the tail being cut off.
 */
export function entryHash(prevHash: string, f: HashedFields): string {
  const { seq, time, actor, action, target, outcome, details, ref } = f;
  return sha256Hex(
    prevHash +
      canonicalJson({
        seq,
        time,
        actor,
        action,
        target,
        outcome,
        details,
        ref,
      }),
  );
}
