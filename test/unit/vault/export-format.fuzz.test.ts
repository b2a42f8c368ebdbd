import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import {
  decodeExport,
  encodeExport,
  parseExportContainer,
  type ExportedSecret,
} from '../../../main/vault/export-format';

const cheap = { N: 2 ** 10, r: 8, p: 1 };
const typed = new Set(['bad_input', 'forbidden', 'integrity', 'too_new']);

function typedError(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (e) {
    if (!(e instanceof OpsError)) throw e;
    return typed.has(e.code);
  }
}

async function typedRejection(p: Promise<unknown>): Promise<boolean> {
  try {
    await p;
    return false;
  } catch (e) {
    if (!(e instanceof OpsError)) throw e;
    return typed.has(e.code);
  }
}

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v), 'utf8').toString('base64');
const secrets: ExportedSecret[] = [
  { id: 'a1', name: 'db', kind: 'password', notes: '', value: 'x', createdAt: 1, updatedAt: 2 },
];

describe('export file parser', () => {
  it('turns any string into a typed error, never a crash', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(typedError(() => parseExportContainer(s))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('turns any base64 of random bytes or of random JSON into a typed error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((u) => Buffer.from(u).toString('base64')),
          fc.jsonValue().map(b64),
        ),
        (s) => {
          expect(typedError(() => parseExportContainer(s))).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('rejects headers with fields mutated to any JSON value', async () => {
    const good = JSON.parse(
      Buffer.from(await encodeExport(secrets, 'the export pass', cheap, 5), 'base64').toString('utf8'),
    );
    const keys = Object.keys(good);
    fc.assert(
      fc.property(
        fc.constantFrom(...keys, 'kdf.N', 'kdf.r', 'kdf.p', 'kdf.salt', 'kdf.name'),
        fc.jsonValue(),
        (field, v) => {
          const copy = structuredClone(good);
          if (field.startsWith('kdf.')) copy.kdf[field.slice(4)] = v;
          else copy[field] = v;
          try {
            // Whatever is accepted must come out with sane scrypt parameters.
            expect(parseExportContainer(b64(copy)).params.N).toBeGreaterThanOrEqual(1024);
          } catch (e) {
            if (!(e instanceof OpsError)) throw e;
            expect(typed.has(e.code)).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a byte changed anywhere in a real file fails typed on decode, never yielding wrong secrets', async () => {
    const content = await encodeExport(secrets, 'the export pass', cheap, 5);
    expect(await decodeExport(content, 'the export pass')).toEqual(secrets);
    const raw = Buffer.from(content, 'base64');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: raw.length - 1 }), fc.integer({ min: 1, max: 255 }), async (pos, x) => {
        const bad = Buffer.from(raw);
        bad[pos]! ^= x;
        const out = await decodeExport(bad.toString('base64'), 'the export pass').catch((e: unknown) => {
          if (!(e instanceof OpsError) || !typed.has(e.code)) throw e;
          return 'typed';
        });
        // A change to whitespace-equivalent JSON (rare) may still decode; it must then be exactly the original.
        if (out !== 'typed') expect(out).toEqual(secrets);
      }),
      { numRuns: 300 },
    );
    expect(await typedRejection(decodeExport(content, 'wrong pass'))).toBe(true);
  });
});
