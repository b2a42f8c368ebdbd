import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorizationHeader, scrubber } from '../../../main/monitoring/prometheus/auth';
import { Backoff, waitText } from '../../../main/monitoring/prometheus/backoff';
import { OpsError } from '../../../shared/api/errors';

const secrets: Record<string, string> = { tok: 's3cr3t-token\n', pw: 'pa:ss wörd', nl: 'a\nb' };
const reveal = (id: string) => {
  if (!(id in secrets)) throw new OpsError('not_found', `There is no secret with id ${id}.`);
  return { value: secrets[id]! };
};
const locked = () => {
  throw new OpsError('locked', 'The vault is locked: unlock it with your master passphrase to use a secret.');
};

function caught(fn: () => unknown): OpsError {
  try {
    fn();
  } catch (e) {
    return e as OpsError;
  }
  throw new Error('expected an error');
}

describe('Authorization header', () => {
  it('none sends no header', () => {
    expect(authorizationHeader({ kind: 'none' }, reveal, 'lab')).toBeUndefined();
  });

  it('bearer reads the token at call time, without the trailing newline of a token file', () => {
    expect(authorizationHeader({ kind: 'bearer', secretId: 'tok' }, reveal, 'lab')).toBe('Bearer s3cr3t-token');
  });

  it('basic is base64 of user:password (UTF-8), the password kept as stored', () => {
    const h = authorizationHeader({ kind: 'basic', username: 'ops', secretId: 'pw' }, reveal, 'lab')!;
    expect(h.startsWith('Basic ')).toBe(true);
    expect(Buffer.from(h.slice(6), 'base64').toString('utf8')).toBe('ops:pa:ss wörd');
  });

  it('a locked vault is a "locked" error naming the datasource and what to do', () => {
    const e = caught(() => authorizationHeader({ kind: 'bearer', secretId: 'tok' }, locked, 'prod-prom'));
    expect(e.code).toBe('locked');
    expect(e.message).toMatch(/unlock it to query the datasource "prod-prom".*bearer token/);
    const none = caught(() => authorizationHeader({ kind: 'bearer', secretId: 'tok' }, null, 'adhoc'));
    expect(none.code).toBe('locked');
  });

  it('a deleted secret and a token with a line break are refused before anything is sent', () => {
    expect(caught(() => authorizationHeader({ kind: 'bearer', secretId: 'gone' }, reveal, 'lab')).message).toMatch(
      /no longer in the vault/,
    );
    expect(caught(() => authorizationHeader({ kind: 'bearer', secretId: 'nl' }, reveal, 'lab')).message).toMatch(
      /line break/,
    );
  });

  it('basic auth round-trips any user and password (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((u) => !/[:\r\n]/.test(u)),
        fc.string().filter((p) => !/[\r\n\0]/.test(p)),
        (user, pass) => {
          const h = authorizationHeader(
            { kind: 'basic', username: user, secretId: 'x' },
            () => ({ value: pass }),
            'l',
          )!;
          expect(Buffer.from(h.slice(6), 'base64').toString('utf8')).toBe(`${user}:${pass}`);
        },
      ),
    );
  });
});

describe('scrubbing a credential out of server text', () => {
  it('takes out the header, the token, the base64 pair and the password', () => {
    const bearer = scrubber(authorizationHeader({ kind: 'bearer', secretId: 'tok' }, reveal, 'lab'));
    expect(bearer('got Authorization: Bearer s3cr3t-token; token=s3cr3t-token')).toBe(
      'got Authorization: [redacted]; token=[redacted]',
    );
    const h = authorizationHeader({ kind: 'basic', username: 'ops', secretId: 'pw' }, reveal, 'lab')!;
    const basic = scrubber(h);
    expect(basic(`${h} | ${h.slice(6)} | ops:pa:ss wörd | pa:ss wörd`)).toBe(
      '[redacted] | [redacted] | [redacted] | [redacted]',
    );
    expect(scrubber(undefined)('Bearer anything')).toBe('Bearer anything');
  });

  it('no realistic token survives, wherever it stands in the text (property)', () => {
    const token = fc.stringMatching(/^[A-Za-z0-9._~+/-]{12,64}$/);
    fc.assert(
      fc.property(token, fc.array(fc.string(), { maxLength: 4 }), (tok, parts) => {
        const scrub = scrubber(`Bearer ${tok}`);
        const text = parts.join(tok);
        expect(scrub(`${text}${tok}`)).not.toContain(tok);
      }),
    );
  });
});

describe('backoff', () => {
  it('opens 1 s, 2 s, 4 s … windows capped at 30 s, and a success resets it', () => {
    const b = new Backoff();
    let now = 1_000_000;
    const windows: number[] = [];
    for (let i = 0; i < 8; i++) {
      expect(b.blocked(now)).toBeNull();
      const until = b.fail(now, 'down');
      windows.push(until - now);
      expect(b.blocked(now)).toMatchObject({ until, lastError: 'down', failures: i + 1 });
      expect(b.blocked(until - 1)).not.toBeNull();
      now = until;
    }
    expect(windows).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    b.succeed();
    expect(b.blocked(now)).toBeNull();
    expect(b.fail(now, 'again') - now).toBe(1000);
  });

  it('failures of calls in flight when a window opened do not lengthen it', () => {
    const b = new Backoff({ baseMs: 500, maxMs: 4000 });
    const until = b.fail(0, 'first');
    expect(b.fail(10, 'second')).toBe(until);
    expect(b.fail(499, 'third')).toBe(until);
    expect(b.blocked(0)!.lastError).toBe('first');
    expect(b.fail(500, 'fourth')).toBe(1500);
  });

  it('windows never shrink while failing and never exceed the cap (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(fc.integer({ min: 0, max: 200_000 }), { minLength: 1, maxLength: 40 }),
        (baseMs, extra, gaps) => {
          const maxMs = baseMs + extra;
          const b = new Backoff({ baseMs, maxMs });
          let now = 0;
          let last = 0;
          for (const g of gaps) {
            const blocked = b.blocked(now);
            const until = b.fail(now, 'x');
            const w = until - now;
            expect(w).toBeLessThanOrEqual(maxMs);
            if (!blocked) {
              expect(w).toBeGreaterThanOrEqual(Math.min(last, maxMs));
              last = w;
            }
            now = until + g;
          }
        },
      ),
    );
  });

  it('says how long in words a person reads', () => {
    expect(waitText(1)).toBe('1 s');
    expect(waitText(4_000)).toBe('4 s');
    expect(waitText(65_000)).toBe('1 min 5 s');
    expect(waitText(120_000)).toBe('2 min');
  });
});
