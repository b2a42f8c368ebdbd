import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HashedHost } from './types';

export const HASH_MAGIC = '|1|';
const SHA1_LEN = 20;

/** HMAC-SHA1 of the host string (`host` or `[host]:port`) keyed by the salt, as `ssh-keygen -H` does. */
export function hashHost(hostString: string, salt: Buffer): Buffer {
  return createHmac('sha1', salt).update(hostString).digest();
}

export function newSalt(): Buffer {
  return randomBytes(SHA1_LEN);
}

export function formatHashed(h: HashedHost): string {
  return `${HASH_MAGIC}${h.salt.toString('base64')}|${h.hash.toString('base64')}`;
}

/** Parses `|1|salt|hash`; returns a message saying what is wrong instead of throwing. */
export function parseHashed(field: string): HashedHost | string {
  if (!field.startsWith(HASH_MAGIC)) return 'hashed host field must start with |1|';
  const parts = field.slice(HASH_MAGIC.length).split('|');
  if (parts.length !== 2) return 'hashed host field must be |1|salt|hash';
  const [salt, hash] = parts.map(strictBase64);
  // OpenSSH refuses salts and hashes that are not exactly one SHA-1 long.
  if (!salt || salt.length !== SHA1_LEN) return 'hashed host salt is not 20 bytes of base64';
  if (!hash || hash.length !== SHA1_LEN) return 'hashed host hash is not 20 bytes of base64';
  return { salt, hash };
}

export function hashedMatches(h: HashedHost, hostString: string): boolean {
  const actual = hashHost(hostString, h.salt);
  return actual.length === h.hash.length && timingSafeEqual(actual, h.hash);
}

function strictBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0 || text.length === 0) return null;
  const b = Buffer.from(text, 'base64');
  return b.toString('base64') === text ? b : null;
}
