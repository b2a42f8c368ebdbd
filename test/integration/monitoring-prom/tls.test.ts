import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineRouter, PromClients } from '../../../main/monitoring/prometheus/engines';
import type { Engine } from '../../../main/monitoring/types';
import { makeCa, openDsFixture, type DsFixture, failure } from '../../unit/monitoring-prom/fixture';
import { startEchoServer, type EchoServer } from './echo-server';

let f: DsFixture;
let server: EchoServer;
let clients: PromClients;
let router: EngineRouter;
let ca: { pem: string };
let otherCa: { pem: string };

/** A server certificate for 127.0.0.1 (SAN IP) signed by the CA, made with openssl. */
function serverCert(dir: string, caFiles: { keyPath: string; certPath: string }): { key: string; cert: string } {
  const key = path.join(dir, 'server.key');
  const csr = path.join(dir, 'server.csr');
  const crt = path.join(dir, 'server.crt');
  const ext = path.join(dir, 'server.ext');
  fs.writeFileSync(ext, 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  run([
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    key,
    '-out',
    csr,
    '-subj',
    '/CN=prometheus-tls-test',
  ]);
  run([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    caFiles.certPath,
    '-CAkey',
    caFiles.keyPath,
    '-CAcreateserial',
    '-out',
    crt,
    '-days',
    '2',
    '-extfile',
    ext,
  ]);
  return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(crt, 'utf8') };
}

beforeAll(async () => {
  f = await openDsFixture();
  const caFiles = makeCa(f.dir, 'opsroom-test-ca', 5);
  ca = caFiles;
  otherCa = makeCa(f.dir, 'some-other-ca', 5);
  server = await startEchoServer(serverCert(f.dir, caFiles));
  clients = new PromClients({ clock: f.clock, reveal: null, ssh: null, quickRetryMs: 10 });
  router = new EngineRouter({ local: {} as Engine, datasource: (id) => f.service.get(id), clients });
});
afterAll(async () => {
  clients?.closeAll();
  await server?.close();
  await f?.close();
});

describe('https with a custom CA', () => {
  it("trusts the datasource's CA for that datasource", async () => {
    const ds = f.service.save({ name: 'tls-good', url: server.url, caPem: ca.pem });
    const r = await router.engine({ kind: 'prometheus', datasourceId: ds.id }).instant('up', 0);
    expect(r.samples[0]!.value).toBe(42);
    const h = await f.service.test(ds.id);
    expect(h).toMatchObject({ ok: true, version: '2.42.0+echo' });
  });

  it('refuses a server signed by another CA, or with no CA given, with a clear message and no retry', async () => {
    for (const [name, caPem] of [
      ['tls-other', otherCa.pem],
      ['tls-none', null],
    ] as const) {
      const ds = f.service.save({ name, url: server.url, caPem });
      const before = server.seen.length;
      const e = await failure(router.engine({ kind: 'prometheus', datasourceId: ds.id }).instant('up', 0));
      expect(e.code).toBe('unavailable');
      expect(e.message).toMatch(
        new RegExp(
          `^Prometheus "${name}" \\(${server.url.replace(/\./g, '\\.')}\\): the server's certificate is not trusted \\(.+\\); add the CA that signed the server certificate to the datasource\\.$`,
        ),
      );
      expect((e.details as { retryable: boolean }).retryable).toBe(false);
      expect(server.seen.length).toBe(before);
      const h = await f.service.test(ds.id);
      expect(h.ok).toBe(false);
      expect(h.message).toMatch(/certificate is not trusted/);
    }
  });
});
