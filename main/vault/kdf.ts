import { randomBytes, scrypt } from 'node:crypto';
import { OpsError } from '../../shared/api/errors';

export interface KdfParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP-grade scrypt: 2^17 × 8 × 128 bytes = 128 MiB per derivation. */
export const defaultKdfParams: KdfParams = { N: 2 ** 17, r: 8, p: 1 };

export const KEY_BYTES = 32;
export const SALT_BYTES = 16;
/** Room for N = 2^17, r = 8 with headroom; also the ceiling a file's params may ask for. */
const MAX_MEM = 256 * 1024 * 1024;

export function newSalt(): Buffer {
  return randomBytes(SALT_BYTES);
}

/**
 * Params come from our own meta row or from an export file someone hands us;
 * the latter must not be able to ask for gigabytes or a trivial cost.
 */
export function checkKdfParams(raw: unknown, where: string): KdfParams {
  const o = raw as Partial<Record<keyof KdfParams, unknown>> | null;
  const N = o?.N;
  const r = o?.r;
  const p = o?.p;
  const ints = [N, r, p].every((v) => typeof v === 'number' && Number.isInteger(v) && v > 0);
  if (!ints) throw new OpsError('bad_input', `The ${where} has no valid scrypt parameters.`);
  const n = N as number;
  const rr = r as number;
  const pp = p as number;
  if (n < 2 ** 10 || (n & (n - 1)) !== 0 || rr > 32 || pp > 16 || 128 * n * rr * pp > MAX_MEM) {
    throw new OpsError('bad_input', `The ${where} asks for scrypt parameters outside the accepted range.`, {
      N: n,
      r: rr,
      p: pp,
    });
  }
  return { N: n, r: rr, p: pp };
}

/** The params our own vault header stores as JSON. */
export function headerKdfParams(json: string): KdfParams {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new OpsError('integrity', 'The vault header is damaged: its key-derivation parameters are not readable.');
  }
  return checkKdfParams(raw, 'vault header');
}

/** Asynchronous on purpose: a 128 MiB scrypt takes long enough to freeze the UI if run inline. */
export function deriveKey(passphrase: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(passphrase, 'utf8'),
      salt,
      KEY_BYTES,
      { N: params.N, r: params.r, p: params.p, maxmem: MAX_MEM + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}
