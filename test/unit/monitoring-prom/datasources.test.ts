import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeUrl } from '../../../main/monitoring/prometheus/validate';
import { OpsError } from '../../../shared/api/errors';
import { makeCa, openDsFixture, type DsFixture } from './fixture';

let f: DsFixture;
const ctx = { actor: 'tester', requestId: 't' };

function refusal(fn: () => unknown): OpsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OpsError);
    return e as OpsError;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  f = await openDsFixture();
});
afterAll(async () => {
  await f?.close();
});

describe('datasource URLs', () => {
  it('keeps http(s) base URLs, drops the trailing slash, keeps a path prefix', () => {
    expect(normalizeUrl('http://127.0.0.1:9090/')).toBe('http://127.0.0.1:9090');
    expect(normalizeUrl(' https://prom.example:8443/prometheus/ ')).toBe('https://prom.example:8443/prometheus');
    expect(normalizeUrl('http://[::1]:9090')).toBe('http://[::1]:9090');
  });

  it('refuses other schemes, credentials in the URL, queries and non-URLs with a sentence', () => {
    expect(refusal(() => normalizeUrl('ftp://x:21')).message).toMatch(/starts with http:\/\/ or https:\/\//);
    expect(refusal(() => normalizeUrl('http://bob:pw@x:9090')).message).toMatch(/vault/);
    expect(refusal(() => normalizeUrl('http://x:9090/?a=1')).message).toMatch(/no \?query/);
    expect(refusal(() => normalizeUrl('prometheus:9090')).message).toMatch(/starts with http/);
    expect(refusal(() => normalizeUrl('not a url')).code).toBe('bad_input');
  });

  it('normalising is idempotent and always yields http(s) without a trailing slash (property)', () => {
    const seg = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    // An all-digit host is an IPv4 address to WHATWG URL ("08" is refused as bad octal), so hosts start with a letter.
    const host = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('http', 'https', 'HTTP'),
        host,
        fc.integer({ min: 1, max: 65535 }),
        fc.array(seg, { maxLength: 3 }),
        fc.boolean(),
        (scheme, host, port, parts, slash) => {
          const raw = `${scheme}://${host}:${port}/${parts.join('/')}${slash ? '/' : ''}`;
          const once = normalizeUrl(raw);
          expect(normalizeUrl(once)).toBe(once);
          expect(once).toMatch(/^https?:\/\//);
          expect(once.endsWith('/')).toBe(false);
        },
      ),
    );
  });
});

describe('datasource service', () => {
  it('saves, lists and updates a datasource; names are unique regardless of case', () => {
    const a = f.service.save({ name: 'lab', url: 'http://127.0.0.1:9090/' });
    expect(a).toMatchObject({ name: 'lab', url: 'http://127.0.0.1:9090', auth: { kind: 'none' }, isDefault: false });
    expect(a.timeoutMs).toBe(30_000);
    const clash = refusal(() => f.service.save({ name: 'LAB', url: 'http://127.0.0.1:9091' }));
    expect(clash.code).toBe('conflict');
    expect(clash.message).toMatch(/already exists/);
    const b = f.service.save({ id: a.id, name: 'Lab', url: 'http://127.0.0.1:9092' });
    expect(b.id).toBe(a.id);
    expect(b.url).toBe('http://127.0.0.1:9092');
    expect(b.createdAt).toBe(a.createdAt);
    expect(f.service.list().map((d) => d.name)).toContain('Lab');
    expect(refusal(() => f.service.save({ id: 'nope', name: 'x', url: 'http://a:1' })).code).toBe('not_found');
    expect(f.service.delete(a.id)).toEqual({ deleted: true });
    expect(f.service.delete(a.id)).toEqual({ deleted: false });
  });

  it('keeps at most one default, and the only datasource is the default', () => {
    const one = f.service.save({ name: 'one', url: 'http://127.0.0.1:1' });
    expect(f.service.defaultId()).toBe(one.id);
    const two = f.service.save({ name: 'two', url: 'http://127.0.0.1:2', isDefault: true });
    const three = f.service.save({ name: 'three', url: 'http://127.0.0.1:3', isDefault: true });
    const defaults = f.service.list().filter((d) => d.isDefault);
    expect(defaults.map((d) => d.id)).toEqual([three.id]);
    expect(f.service.defaultId()).toBe(three.id);
    f.service.save({ id: two.id, name: 'two', url: 'http://127.0.0.1:2', isDefault: true });
    expect(
      f.service
        .list()
        .filter((d) => d.isDefault)
        .map((d) => d.id),
    ).toEqual([two.id]);
    for (const d of [one, two, three]) f.service.delete(d.id);
  });

  it('takes a token or password from the vault, and refuses other kinds and unknown ids', () => {
    const token = f.vault.createSecret({ name: 'prom token', kind: 'token', value: 'abc' });
    const pw = f.vault.createSecret({ name: 'prom pw', kind: 'password', value: 'pw' });
    const gen = f.vault.createSecret({ name: 'some kubeconfig', kind: 'kubeconfig', value: 'apiVersion: v1' });
    const d1 = f.service.save({ name: 'bearer', url: 'http://a:1', auth: { kind: 'bearer', secretId: token.id } });
    expect(d1.auth).toEqual({ kind: 'bearer', secretId: token.id });
    const d2 = f.service.save({
      name: 'basic',
      url: 'http://a:2',
      auth: { kind: 'basic', username: 'ops', secretId: pw.id },
    });
    expect(d2.auth).toEqual({ kind: 'basic', username: 'ops', secretId: pw.id });
    const wrongKind = refusal(() =>
      f.service.save({ name: 'k', url: 'http://a:3', auth: { kind: 'bearer', secretId: gen.id } }),
    );
    expect(wrongKind.code).toBe('bad_input');
    expect(wrongKind.message).toMatch(/"some kubeconfig" is a kubeconfig; .*token or a password/);
    const missing = refusal(() =>
      f.service.save({ name: 'm', url: 'http://a:4', auth: { kind: 'bearer', secretId: 'no-such-id' } }),
    );
    expect(missing.code).toBe('not_found');
    const colon = refusal(() =>
      f.service.save({ name: 'c', url: 'http://a:5', auth: { kind: 'basic', username: 'a:b', secretId: pw.id } }),
    );
    expect(colon.message).toMatch(/cannot contain ":"/);
    f.service.delete(d1.id);
    f.service.delete(d2.id);
  });

  it('parses the CA with X509Certificate: a good PEM is kept, garbage and expired ones are refused clearly', () => {
    const ca = makeCa(f.dir, 'unit-ca', 30);
    const d = f.service.save({ name: 'tls', url: 'https://127.0.0.1:8443', caPem: ca.pem });
    expect(d.caPem).toContain('-----BEGIN CERTIFICATE-----');
    const notPem = refusal(() => f.service.save({ name: 'x', url: 'https://a:1', caPem: 'hello' }));
    expect(notPem.message).toMatch(/not PEM/);
    const broken = ca.pem.replace(/(BEGIN CERTIFICATE-----\n)(.{10})/, '$1AAAAAAAAAA');
    const bad = refusal(() => f.service.save({ name: 'x', url: 'https://a:1', caPem: broken }));
    expect(bad.code).toBe('bad_input');
    expect(bad.message).toMatch(/Certificate 1 of the CA PEM cannot be read/);
    const http = refusal(() => f.service.save({ name: 'x', url: 'http://a:1', caPem: ca.pem }));
    expect(http.message).toMatch(/only applies to an https/);
    const saved = f.clock.now();
    f.clock.set(saved + 40 * 86_400_000);
    try {
      const expired = refusal(() => f.service.save({ name: 'x', url: 'https://a:1', caPem: ca.pem }));
      expect(expired.message).toMatch(/"CN=unit-ca" expired on/);
    } finally {
      f.clock.set(saved);
    }
    f.service.delete(d.id);
  });

  it('tunnels only through a host CI that exists', () => {
    const host = f.cmdb.create(
      { type: 'host', name: 'bastion-01', connection: { address: '127.0.0.1' } } as never,
      ctx,
    );
    const svc = f.cmdb.create({ type: 'service', name: 'billing' } as never, ctx);
    const d = f.service.save({ name: 'via', url: 'http://10.0.0.5:9090', tunnelVia: host.id });
    expect(d.tunnelVia).toBe(host.id);
    const notHost = refusal(() => f.service.save({ name: 'x', url: 'http://a:1', tunnelVia: svc.id }));
    expect(notHost.message).toMatch(/billing is a service; an SSH tunnel goes through a host/);
    expect(refusal(() => f.service.save({ name: 'x', url: 'http://a:1', tunnelVia: 'ghost' })).code).toBe('not_found');
    f.service.delete(d.id);
  });
});
