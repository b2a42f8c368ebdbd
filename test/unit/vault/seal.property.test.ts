import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { secretKinds } from '../../../shared/api/vault';
import { secretAad } from '../../../main/vault/crypto';
import { open, seal, type Sealed } from '../../../main/vault/seal';

const key = randomBytes(32);
const fail = () => new OpsError('integrity', 'failed');
const id = fc.string({ unit: fc.constantFrom(...'abcdef0123456789-'.split('')), minLength: 1, maxLength: 36 });
const kind = fc.constantFrom(...secretKinds);
const value = fc.uint8Array({ minLength: 0, maxLength: 512 });

function flip(buf: Buffer, bit: number): Buffer {
  const out = Buffer.from(buf);
  out[Math.floor(bit / 8) % out.length]! ^= 1 << (bit % 8);
  return out;
}

function integrityFails(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (e) {
    return e instanceof OpsError && e.code === 'integrity';
  }
}

describe('seal/open', () => {
  it('open(seal(x)) = x for any id, kind and value', () => {
    fc.assert(
      fc.property(id, kind, value, (i, k, v) => {
        const box = seal(key, Buffer.from(v), secretAad(i, k));
        expect(open(key, box, secretAad(i, k), fail).equals(Buffer.from(v))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('any single-bit flip in nonce, tag, ciphertext or AAD is an integrity error', () => {
    const part = fc.constantFrom<keyof Sealed | 'aad'>('nonce', 'tag', 'ciphertext', 'aad');
    fc.assert(
      fc.property(id, kind, fc.uint8Array({ minLength: 1, maxLength: 256 }), part, fc.nat(), (i, k, v, which, bit) => {
        const aad = secretAad(i, k);
        const box = seal(key, Buffer.from(v), aad);
        if (which === 'aad') {
          // ASCII AAD: flipping one of the low 7 bits of a byte keeps it one character.
          const pos = bit % aad.length;
          const changed =
            aad.slice(0, pos) + String.fromCharCode(aad.charCodeAt(pos) ^ (1 << (bit % 7))) + aad.slice(pos + 1);
          expect(integrityFails(() => open(key, box, changed, fail))).toBe(true);
        } else {
          const bad = { ...box, [which]: flip(box[which], bit % (box[which].length * 8)) };
          expect(integrityFails(() => open(key, bad, aad, fail))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a box opened under another id or kind fails', () => {
    fc.assert(
      fc.property(id, id, kind, kind, value, (i1, i2, k1, k2, v) => {
        fc.pre(i1 !== i2 || k1 !== k2);
        const box = seal(key, Buffer.from(v), secretAad(i1, k1));
        expect(integrityFails(() => open(key, box, secretAad(i2, k2), fail))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('uses a fresh nonce every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => seal(key, Buffer.from('x'), 'a').nonce.toString('hex')));
    expect(nonces.size).toBe(1000);
    expect(seal(key, Buffer.from('x'), 'a').nonce).toHaveLength(12);
  });
});
