import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EngineRouter, PromClients } from '../../../main/monitoring/prometheus/engines';
import type { Engine } from '../../../main/monitoring/types';
import { openDsFixture, type DsFixture, failure } from '../../unit/monitoring-prom/fixture';
import { startEchoServer, type EchoServer } from './echo-server';

let f: DsFixture;
let echo: EchoServer;
/** where a redirect points: it must never see a request */
let elsewhere: EchoServer;
let clients: PromClients;
let router: EngineRouter;

const local = {} as Engine;

const engineOf = (id: string) => router.engine({ kind: 'prometheus', datasourceId: id });

beforeAll(async () => {
  f = await openDsFixture();
  echo = await startEchoServer();
  elsewhere = await startEchoServer();
  clients = new PromClients({ clock: f.clock, reveal: (id) => f.vault.reveal(id), ssh: null, quickRetryMs: 20 });
  router = new EngineRouter({ local, datasource: (id) => f.service.get(id), clients });
});
afterAll(async () => {
  clients?.closeAll();
  await echo?.close();
  await elsewhere?.close();
  await f?.close();
});
beforeEach(() => {
  echo.seen.length = 0;
  echo.mode = 'ok';
  elsewhere.seen.length = 0;
});

describe('what Opsroom sends to Prometheus', () => {
  it('a bearer token from the vault, read at request time; queries as a POSTed form', async () => {
    const token = f.vault.createSecret({ name: 'echo token', kind: 'token', value: 'tok-123\n' });
    const ds = f.service.save({ name: 'bearer', url: echo.url, auth: { kind: 'bearer', secretId: token.id } });
    const expr = `sum(rate(http_requests_total{path=~"${'/x'.repeat(5000)}"}[5m]))`;
    const r = await engineOf(ds.id).range(expr, 1_700_000_000_000, 1_700_000_600_000, 15_000);
    expect(r.series[0]!.labels).toEqual({ __name__: 'up', job: 'echo' });
    const s = echo.seen[0]!;
    expect(s.headers.authorization).toBe('Bearer tok-123');
    expect(s.method).toBe('POST');
    expect(s.path).toBe('/api/v1/query_range');
    expect(s.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(s.form.get('query')).toBe(expr);
    expect(Object.fromEntries([...s.form].filter(([k]) => k !== 'query'))).toEqual({
      start: '1700000000',
      end: '1700000600',
      step: '15',
      timeout: '30s',
    });
    // A token replaced in the vault is used by the very next request.
    f.vault.replaceSecret({ id: token.id, value: 'tok-456' });
    await engineOf(ds.id).instant('up', 1_700_000_000_000);
    expect(echo.seen[1]!.headers.authorization).toBe('Bearer tok-456');
    expect(echo.seen[1]!.form.get('time')).toBe('1700000000');
  });

  it('basic auth as user:password; label lookups as GET with match[]', async () => {
    const pw = f.vault.createSecret({ name: 'echo pw', kind: 'password', value: 'pa:ss wörd' });
    const ds = f.service.save({
      name: 'basic',
      url: `${echo.url}/prefix/`,
      auth: { kind: 'basic', username: 'ops', secretId: pw.id },
    });
    const names = await engineOf(ds.id).labelNames('up{job="x"}');
    expect(names).toEqual(['__name__', 'up{job="x"}']);
    const s = echo.seen[0]!;
    expect(s.method).toBe('GET');
    expect(s.path).toBe('/prefix/api/v1/labels');
    expect(s.query.getAll('match[]')).toEqual(['up{job="x"}']);
    expect(Buffer.from(String(s.headers.authorization).replace(/^Basic /, ''), 'base64').toString()).toBe(
      'ops:pa:ss wörd',
    );
  });

  it('sends nothing while the vault is locked, and says to unlock it', async () => {
    const token = f.vault.createSecret({ name: 'locked token', kind: 'token', value: 'x' });
    const ds = f.service.save({ name: 'locked', url: echo.url, auth: { kind: 'bearer', secretId: token.id } });
    f.vault.lock();
    try {
      const e = await failure(engineOf(ds.id).instant('up', 0));
      expect(e.code).toBe('locked');
      expect(e.message).toBe(
        'The vault is locked: unlock it to query the datasource "locked", which reads its bearer token from the vault.',
      );
      expect(echo.seen).toHaveLength(0);
      // Not an outage: no backoff, so the call right after unlocking goes through.
      await f.vault.unlock('correct horse battery staple');
      await engineOf(ds.id).instant('up', 0);
      expect(echo.seen).toHaveLength(1);
    } finally {
      if (!f.vault.isUnlocked()) await f.vault.unlock('correct horse battery staple');
    }
  });

  it('refused credentials are a forbidden error that says what to check, never retried', async () => {
    const ds = f.service.save({ name: 'needs-auth', url: echo.url });
    echo.mode = '401';
    const e = await failure(engineOf(ds.id).instant('up', 0));
    expect(e.code).toBe('forbidden');
    expect(e.message).toBe(
      `Prometheus "needs-auth" (${echo.url}) refused the request (HTTP 401: Unauthorized); it needs credentials: add a bearer token or basic auth to the datasource.`,
    );
    expect(echo.seen).toHaveLength(1);
    const h = await f.service.test(ds.id);
    expect(h.ok).toBe(false);
    expect(h.message).toMatch(/HTTP 401/);
  });

  it('bad_data is sent once; a proxy 502 is retried once, then the datasource backs off', async () => {
    const ds = f.service.save({ name: 'proxied', url: echo.url });
    echo.mode = 'bad_data';
    const bad = await failure(engineOf(ds.id).instant('sum(', 0));
    expect(bad.code).toBe('bad_input');
    expect(bad.message).toBe(`Prometheus "proxied" (${echo.url}): 1:5: parse error: unexpected end of input`);
    expect(echo.seen).toHaveLength(1);

    echo.mode = '502';
    const down = await failure(engineOf(ds.id).instant('up', 0));
    expect(down.code).toBe('unavailable');
    expect(down.message).toMatch(/did not answer like Prometheus \(HTTP 502\).*pause for 1 s before the next try\.$/);
    expect(echo.seen).toHaveLength(3);
    await failure(engineOf(ds.id).instant('up', 0));
    expect(echo.seen).toHaveLength(3);

    echo.mode = 'ok';
    f.clock.set(f.clock.now() + 1_000);
    expect((await engineOf(ds.id).instant('up', 0)).samples[0]!.value).toBe(42);
  });

  it('gives up after the datasource timeout, retried once, with a sentence', async () => {
    const ds = f.service.save({ name: 'slow', url: echo.url, timeoutMs: 500 });
    echo.mode = 'hang';
    const e = await failure(engineOf(ds.id).instant('up', 0));
    expect(e.code).toBe('timeout');
    expect(e.message).toMatch(/^Prometheus "slow" \(.*\) did not answer within 0\.5 s; try a shorter range/);
    expect(echo.seen).toHaveLength(2);
    f.clock.set(f.clock.now() + 60_000);
  });

  it('a caller cancelling stops the request and does not count as an outage', async () => {
    const ds = f.service.save({ name: 'cancel', url: echo.url, timeoutMs: 10_000 });
    echo.mode = 'hang';
    const ac = new AbortController();
    const p = engineOf(ds.id).instant('up', 0, ac.signal);
    setTimeout(() => ac.abort(), 100);
    const e = await failure(p);
    expect(e.code).toBe('cancelled');
    expect(clients.forDatasource(f.service.get(ds.id)!).backoff.blocked(f.clock.now())).toBeNull();
  });

  it('never follows a redirect: the credential stays with the typed address, and the error says where it pointed', async () => {
    const token = f.vault.createSecret({ name: 'redirect token', kind: 'token', value: 'tok-redirect-1' });
    const ds = f.service.save({ name: 'moved', url: echo.url, auth: { kind: 'bearer', secretId: token.id } });
    echo.mode = 'redirect';
    echo.redirectTo = elsewhere.url;
    const e = await failure(engineOf(ds.id).instant('up', 0));
    expect(e.code).toBe('bad_input');
    expect(e.message).toBe(
      `Prometheus "moved" (${echo.url}) answered with a redirect (HTTP 302) to ${elsewhere.url}/api/v1/query, which Opsroom does not follow so that credentials never go to another address; if Prometheus is there, make that the datasource URL (a login page means it needs a token or basic auth instead).`,
    );
    expect(e.message).not.toContain('secret-session');
    expect(echo.seen).toHaveLength(1); // not retried: the server answered
    expect(elsewhere.seen).toHaveLength(0);
    const h = await f.service.test(ds.id);
    expect(h).toMatchObject({ ok: false, version: null });
    expect(h.message).toMatch(/answered with a redirect \(HTTP 302\)/);
    expect(elsewhere.seen).toHaveLength(0);
  });

  it('a credential a server echoes back never reaches an error message', async () => {
    const token = f.vault.createSecret({ name: 'echoed token', kind: 'token', value: 'tok-echoed-789' });
    const pw = f.vault.createSecret({ name: 'echoed pw', kind: 'password', value: 'hunter2-pw' });
    const bearer = f.service.save({ name: 'echo-b', url: echo.url, auth: { kind: 'bearer', secretId: token.id } });
    const basic = f.service.save({
      name: 'echo-p',
      url: echo.url,
      auth: { kind: 'basic', username: 'ops', secretId: pw.id },
    });
    const b64 = Buffer.from('ops:hunter2-pw').toString('base64');
    for (const mode of ['echo-401', 'echo-html'] as const) {
      echo.mode = mode;
      for (const id of [bearer.id, basic.id]) {
        const e = await failure(engineOf(id).instant('up', 0));
        const h = await f.service.test(id);
        expect(e.message).toContain('[redacted]');
        // The health check quotes the page only for refused credentials.
        if (mode === 'echo-401') expect(h.message).toContain('[redacted]');
        for (const text of [e.message, JSON.stringify(e.details), h.message]) {
          for (const secret of ['tok-echoed-789', 'hunter2-pw', b64]) expect(text).not.toContain(secret);
        }
      }
    }
    // The server did receive them: the redaction is of what came back, not of what was sent.
    expect(echo.seen.map((x) => x.headers.authorization)).toContain('Bearer tok-echoed-789');
  });

  it('refuses an answer that inflates past the size cap instead of holding it', async () => {
    const ds = f.service.save({ name: 'huge', url: echo.url });
    echo.mode = 'huge';
    const e = await failure(engineOf(ds.id).instant('up', 0));
    expect(e.code).toBe('bad_input');
    expect(e.message).toBe('The answer is larger than 64 MB; select fewer series or a shorter range.');
    expect(echo.seen).toHaveLength(1);
  });
});
