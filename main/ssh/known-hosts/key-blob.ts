/** Key types OpenSSH writes into known_hosts (certificates only appear behind @cert-authority). */
export const knownHostKeyTypes = [
  'ssh-ed25519',
  'ssh-rsa',
  'ssh-dss',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
] as const;

export function isKnownKeyType(t: string): boolean {
  return (knownHostKeyTypes as readonly string[]).includes(t);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Decodes base64 strictly: Node's decoder silently skips junk, which would let
 * a damaged key line turn into a different key. Returns null when the text is
 * not canonical base64.
 */
export function decodeKeyBase64(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  const blob = Buffer.from(text, 'base64');
  return blob.toString('base64') === text ? blob : null;
}

/** The key type named inside an SSH wire-format public key blob (its first string), or null. */
export function blobKeyType(blob: Buffer): string | null {
  if (blob.length < 4) return null;
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length) return null;
  return blob.subarray(4, 4 + len).toString('latin1');
}
