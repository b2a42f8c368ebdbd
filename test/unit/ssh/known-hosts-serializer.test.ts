import { describe, expect, it } from 'vitest';
import { isOpsError } from '../../../shared/api/errors';
import { serializeEntry, serializeKnownHosts } from '../../../main/ssh/known-hosts/serializer';
import { ECDSA, ED25519, HASHED_EXAMPLE_COM } from './fixtures';

const ed = { keyType: 'ssh-ed25519', keyBase64: ED25519 };

describe('serializeKnownHosts', () => {
  it('writes plain lines with markers, negations and comments', () => {
    const text = serializeKnownHosts([
      {
        marker: null,
        hosts: [
          { pattern: 'web1', negated: false },
          { pattern: 'bad', negated: true },
        ],
        ...ed,
        comment: 'x y',
      },
      {
        marker: 'revoked',
        hosts: [{ pattern: '*', negated: false }],
        keyType: 'ecdsa-sha2-nistp256',
        keyBase64: ECDSA,
      },
    ]);
    expect(text).toBe(`web1,!bad ssh-ed25519 ${ED25519} x y\n@revoked * ecdsa-sha2-nistp256 ${ECDSA}\n`);
  });

  it('hashes one line per plain host with the given salt, and keeps patterns plain as ssh-keygen -H does', () => {
    const salt = Buffer.from('badTLiVmci/AXcYTcIjP8Lu3CXg=', 'base64');
    const lines = serializeEntry(
      {
        marker: null,
        hosts: [
          { pattern: 'example.com', negated: false },
          { pattern: '[db]:2222', negated: false },
        ],
        ...ed,
      },
      { hash: true, salt: () => salt },
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`${HASHED_EXAMPLE_COM} ssh-ed25519 ${ED25519}`);
    const wild = serializeEntry(
      { marker: null, hosts: [{ pattern: '*.example.com', negated: false }], ...ed },
      { hash: true },
    );
    expect(wild).toEqual([`*.example.com ssh-ed25519 ${ED25519}`]);
  });

  it.each([
    ['no hosts', { hosts: [] }],
    ['a space in a pattern', { hosts: [{ pattern: 'a b', negated: false }] }],
    ['a comma in a pattern', { hosts: [{ pattern: 'a,b', negated: false }] }],
    ['a newline in the comment', { hosts: [{ pattern: 'a', negated: false }], comment: 'x\nb ssh-ed25519 AAAA' }],
    ['a key of another type', { hosts: [{ pattern: 'a', negated: false }], keyType: 'ssh-rsa' }],
    ['a short salt', { hosts: { hashed: { salt: Buffer.alloc(3), hash: Buffer.alloc(20) } } }],
  ])('refuses an entry with %s', (_n, patch) => {
    try {
      serializeKnownHosts([{ marker: null, ...ed, ...patch } as never]);
      expect.unreachable();
    } catch (e) {
      expect(isOpsError(e) && e.code).toBe('bad_input');
    }
  });
});
