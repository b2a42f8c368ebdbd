import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../main/security/ssh-fingerprint';
import { knownHostKeyTypes } from '../../../main/ssh/known-hosts/key-blob';
import { hostsMatch } from '../../../main/ssh/known-hosts/matcher';
import { parseKnownHosts } from '../../../main/ssh/known-hosts/parser';
import { serializeKnownHosts } from '../../../main/ssh/known-hosts/serializer';
import type { KnownHostEntry } from '../../../main/ssh/known-hosts/types';
import { ED25519, fakeBlob } from './fixtures';

const hostChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789-.:_'.split(''));
const hostName = fc.string({ unit: hostChar, minLength: 1, maxLength: 20 });
const pattern = fc.oneof(
  hostName,
  fc.tuple(hostName, fc.integer({ min: 1, max: 65535 })).map(([h, port]) => `[${h}]:${port}`),
  fc.tuple(hostName, fc.constantFrom('*', '?')).map(([h, w]) => `${w}.${h}`),
);
const plainHosts = fc.array(fc.record({ pattern, negated: fc.boolean() }), { minLength: 1, maxLength: 5 });
const hashedHosts = fc
  .record({
    salt: fc.uint8Array({ minLength: 20, maxLength: 20 }),
    hash: fc.uint8Array({ minLength: 20, maxLength: 20 }),
  })
  .map((h) => ({ hashed: { salt: Buffer.from(h.salt), hash: Buffer.from(h.hash) } }));
// Comments: anything printable on one line, without surrounding blanks.
const comment = fc.oneof(
  fc.constant(''),
  fc.string({ unit: 'binary', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, '').replace(/^[ \t]+|[ \t]+$/g, '')),
);
const entry = fc
  .record({
    marker: fc.constantFrom(null, 'revoked' as const),
    hosts: fc.oneof(plainHosts, hashedHosts),
    keyType: fc.constantFrom(...knownHostKeyTypes),
    body: fc.uint8Array({ minLength: 1, maxLength: 80 }),
    comment,
  })
  .map(({ body, ...e }) => {
    const blob = fakeBlob(e.keyType, body);
    return { ...e, keyBase64: blob.toString('base64'), fingerprint: fingerprintOf(blob) };
  });

describe('known_hosts properties', () => {
  it('arbitrary text never throws, and every problem carries a real line number', () => {
    const noisy = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc
        .array(
          fc.oneof(
            fc.constantFrom(
              '@revoked',
              '@cert-authority',
              '|1|',
              '[',
              ']:',
              ',',
              '!',
              '*',
              '#',
              ' ',
              '\t',
              '\r',
              ED25519,
              'ssh-ed25519',
              'ssh-rsa',
            ),
            fc.string({ maxLength: 8 }),
          ),
          { maxLength: 60 },
        )
        .map((parts) => parts.join(' ')),
      fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { maxLength: 20 }).map((ls) => ls.join('\n')),
    );
    fc.assert(
      fc.property(noisy, (text) => {
        const r = parseKnownHosts(text);
        const lines = text.split('\n').length;
        for (const x of [...r.entries, ...r.errors, ...r.unsupported]) {
          expect(x.line).toBeGreaterThanOrEqual(1);
          expect(x.line).toBeLessThanOrEqual(lines);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('parse(serialize(entries)) returns the entries', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (generated) => {
        const expected: KnownHostEntry[] = generated.map((e, i) => ({ line: i + 1, ...e }));
        const r = parseKnownHosts(serializeKnownHosts(generated));
        expect(r.errors).toEqual([]);
        expect(r.unsupported).toEqual([]);
        expect(r.entries).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('hashing keeps every plain name findable and only that name', () => {
    const plainName = fc.oneof(hostName.filter((h) => !h.startsWith('[')));
    fc.assert(
      fc.property(
        fc.uniqueArray(plainName, { minLength: 1, maxLength: 4, selector: (h) => h.toLowerCase() }),
        fc.integer({ min: 1, max: 65535 }),
        (names, port) => {
          const hosts = names.map((n) => ({ pattern: port === 22 ? n : `[${n}]:${port}`, negated: false }));
          const text = serializeKnownHosts([{ marker: null, hosts, keyType: 'ssh-ed25519', keyBase64: ED25519 }], {
            hash: true,
          });
          const r = parseKnownHosts(text);
          expect(r.entries).toHaveLength(names.length);
          names.forEach((n, i) => {
            expect(r.entries[i].hosts).toHaveProperty('hashed');
            expect(hostsMatch(r.entries[i].hosts, n, port)).toBe(true);
            expect(hostsMatch(r.entries[i].hosts, n + 'x', port)).toBe(false);
          });
        },
      ),
      { numRuns: 1000 },
    );
  });
});
