import { blobKeyType } from './key-blob';
import { hostsMatch } from './matcher';
import type { KnownHostEntry } from './types';

export type HostKeyVerdict =
  | { status: 'trusted'; entry: KnownHostEntry }
  | { status: 'revoked'; entry: KnownHostEntry }
  | { status: 'changed'; known: KnownHostEntry[] }
  | { status: 'unknown'; otherTypes: KnownHostEntry[] };

/**
 * Decides what known_hosts entries say about a key a server presented.
 * Revocation is checked before anything else and regardless of the line's
 * host patterns (stricter than OpenSSH, which only consults lines for the
 * host): a revoked key must never be accepted anywhere.
 * 'changed' means the host has a key of the same type that differs — the
 * possible-MITM case; keys of other types only are 'unknown' (with them listed).
 */
export function verdictFor(entries: KnownHostEntry[], host: string, port: number, keyBlob: Buffer): HostKeyVerdict {
  const b64 = keyBlob.toString('base64');
  const revoked = entries.find((e) => e.marker === 'revoked' && e.keyBase64 === b64);
  if (revoked) return { status: 'revoked', entry: revoked };
  const forHost = entries.filter((e) => e.marker === null && hostsMatch(e.hosts, host, port));
  const same = forHost.find((e) => e.keyBase64 === b64);
  if (same) return { status: 'trusted', entry: same };
  const type = blobKeyType(keyBlob);
  const sameType = forHost.filter((e) => e.keyType === type);
  if (sameType.length > 0) return { status: 'changed', known: sameType };
  return { status: 'unknown', otherTypes: forHost };
}
