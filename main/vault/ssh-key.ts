import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { fingerprintOf } from '../security/ssh-fingerprint';
import ssh2 from 'ssh2';
import { OpsError } from '../../shared/api/errors';

export interface SshKeyInfo {
  /** ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256 … */
  keyType: string;
  /** as `ssh-keygen -lf` prints it */
  fingerprint: string;
  /** the OpenSSH public key line */
  publicKey: string;
  /** whether the private key is itself encrypted */
  encrypted: boolean;
}

const OPENSSH_BEGIN = '-----BEGIN OPENSSH PRIVATE KEY-----';
const OPENSSH_END = '-----END OPENSSH PRIVATE KEY-----';
const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');

const notAKey = (why: string) =>
  new OpsError(
    'bad_input',
    `This is not an SSH private key (${why}). Paste an OpenSSH ("BEGIN OPENSSH PRIVATE KEY") or PEM RSA/EC/Ed25519 private key.`,
  );

/** SSH wire format: uint32 length-prefixed strings. */
class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}
  u32(): number {
    if (this.pos + 4 > this.buf.length) throw notAKey('truncated');
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  bytes(): Buffer {
    const len = this.u32();
    if (this.pos + len > this.buf.length) throw notAKey('truncated');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
}

function sshString(b: Buffer | string): Buffer {
  const body = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

/** mpint: big-endian, minimal, with a leading zero when the top bit is set. */
function mpint(unsigned: Buffer): Buffer {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  let v = unsigned.subarray(i);
  if (v[0]! & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return sshString(v);
}

function parseOpenSsh(text: string): { cipher: string; blob: Buffer } {
  const start = text.indexOf(OPENSSH_BEGIN);
  const end = text.indexOf(OPENSSH_END);
  if (end < start) throw notAKey('the OpenSSH armour is incomplete');
  const body = text.slice(start + OPENSSH_BEGIN.length, end).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw notAKey('the OpenSSH body is not base64');
  const raw = Buffer.from(body, 'base64');
  if (raw.length < MAGIC.length || !raw.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw notAKey('the OpenSSH header is missing');
  }
  const r = new Reader(raw.subarray(MAGIC.length));
  const cipher = r.bytes().toString('latin1');
  r.bytes(); // kdf name
  r.bytes(); // kdf options
  const n = r.u32();
  if (n !== 1) throw notAKey(`it holds ${n} keys; one is expected`);
  // The public half sits outside the encrypted section, so the fingerprint
  // needs no passphrase.
  return { cipher, blob: Buffer.from(r.bytes()) };
}

function keyTypeOfBlob(blob: Buffer): string {
  return new Reader(blob).bytes().toString('latin1');
}

function publicBlobOf(pub: KeyObject): Buffer {
  const jwk = pub.export({ format: 'jwk' });
  const b = (s: string | undefined) => Buffer.from(s ?? '', 'base64url');
  if (jwk.kty === 'RSA') return Buffer.concat([sshString('ssh-rsa'), mpint(b(jwk.e)), mpint(b(jwk.n))]);
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return Buffer.concat([sshString('ssh-ed25519'), sshString(b(jwk.x))]);
  if (jwk.kty === 'EC') {
    const curve = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' }[jwk.crv ?? ''];
    if (!curve) throw notAKey(`the curve ${jwk.crv} is not one SSH uses`);
    const point = Buffer.concat([Buffer.from([4]), b(jwk.x), b(jwk.y)]);
    return Buffer.concat([sshString(`ecdsa-sha2-${curve}`), sshString(curve), sshString(point)]);
  }
  throw notAKey(`the key type ${jwk.kty} is not one SSH uses`);
}

function info(blob: Buffer, encrypted: boolean, comment?: string): SshKeyInfo {
  const keyType = keyTypeOfBlob(blob);
  const line = `${keyType} ${blob.toString('base64')}${comment ? ` ${comment}` : ''}`;
  return { keyType, fingerprint: fingerprintOf(blob), publicKey: line, encrypted };
}

function inspectOpenSsh(text: string, passphrase: string | undefined): SshKeyInfo {
  const { cipher, blob } = parseOpenSsh(text);
  const encrypted = cipher !== 'none';
  if (!encrypted && passphrase) {
    throw new OpsError('bad_input', 'This key has no passphrase of its own: leave the key passphrase empty.');
  }
  if (encrypted && !passphrase) return info(blob, true);
  // Decrypting (or, unencrypted, fully parsing) proves the private half is sound and the passphrase right.
  const parsed = ssh2.utils.parseKey(text, passphrase);
  if (parsed instanceof Error) {
    if (encrypted) throw new OpsError('bad_input', 'The key passphrase is wrong: the private key did not decrypt.');
    throw notAKey(parsed.message);
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || !key.getPublicSSH().equals(blob)) throw notAKey('its public and private halves do not match');
  return info(blob, encrypted, key.comment || undefined);
}

function inspectPem(text: string, passphrase: string | undefined): SshKeyInfo {
  const encrypted = /ENCRYPTED/.test(text);
  if (!encrypted && passphrase) {
    throw new OpsError('bad_input', 'This key has no passphrase of its own: leave the key passphrase empty.');
  }
  if (encrypted && !passphrase) {
    throw new OpsError(
      'bad_input',
      'This PEM key is encrypted and, unlike an OpenSSH key, keeps its public half encrypted too: give its passphrase.',
    );
  }
  let priv: KeyObject;
  try {
    priv = createPrivateKey({ key: text, format: 'pem', ...(passphrase ? { passphrase } : {}) });
  } catch {
    if (encrypted) throw new OpsError('bad_input', 'The key passphrase is wrong: the private key did not decrypt.');
    throw notAKey('the PEM key does not parse');
  }
  return info(publicBlobOf(createPublicKey(priv)), encrypted);
}

/**
 * Reads what the vault shows about an SSH private key: type, fingerprint and
 * public line. A given passphrase is checked here, so a wrong one is caught
 * when the key is stored rather than when a session needs it.
 */
export function inspectPrivateKey(value: string, passphrase?: string): SshKeyInfo {
  const text = value.trim();
  const pass = passphrase === '' ? undefined : passphrase;
  if (text.includes(OPENSSH_BEGIN)) return inspectOpenSsh(text, pass);
  if (/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(text)) return inspectPem(text, pass);
  if (/^(ssh-|ecdsa-)\S+ [A-Za-z0-9+/=]+/.test(text) || text.includes('-----BEGIN PUBLIC KEY-----')) {
    throw new OpsError('bad_input', 'This is a public key; the vault needs the private key that goes with it.');
  }
  throw notAKey('no private key armour found');
}
