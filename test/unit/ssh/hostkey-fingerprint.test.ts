import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../main/security/ssh-fingerprint';
import { ECDSA, ECDSA_FP, ED25519, ED25519_FP } from './fixtures';

describe('fingerprintOf', () => {
  it('equals ssh-keygen -lf for real keys', () => {
    expect(fingerprintOf(Buffer.from(ED25519, 'base64'))).toBe(ED25519_FP);
    expect(fingerprintOf(Buffer.from(ECDSA, 'base64'))).toBe(ECDSA_FP);
  });
  it('is unpadded base64 of SHA-256', () => {
    expect(fingerprintOf(Buffer.alloc(0))).toBe('SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU');
  });
});
