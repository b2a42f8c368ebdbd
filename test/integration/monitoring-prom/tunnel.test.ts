import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Datasource, RangeQueryResult } from '../../../shared/api/monitoring-query';
import { startPrometheusLab, type PrometheusLab } from '../../support/prometheus-lab';
import { startSshLab, type SshLab } from '../../support/ssh-e2e';
import { openApp, seedHosts, type AppFixture } from './app-fixture';
import { failure, memTotalBytes } from '../../unit/monitoring-prom/fixture';

let prom: PrometheusLab;
let ssh: SshLab;
let f: AppFixture;
let ds: Datasource;

const query = (expr: string) =>
  f.call<RangeQueryResult>('monitoring.query.range', {
    source: { kind: 'prometheus', datasourceId: ds.id },
    expr,
    range: { from: 'now-2m', to: 'now' },
    widthPx: 600,
  });

beforeAll(async () => {
  prom = await startPrometheusLab();
  ssh = await startSshLab(2);
  f = openApp();
  // bastion-01 is the jump host; prom-host is reached through it and carries the tunnel.
  const cis = await seedHosts(f, ssh.key.privateKey, [
    { name: 'bastion-01', server: ssh.servers[0]! },
    { name: 'prom-host', server: ssh.servers[1]!, jumpHostName: 'bastion-01' },
  ]);
  // The URL as seen from prom-host's end of the tunnel.
  ds = await f.call<Datasource>('monitoring.datasources.save', {
    name: 'behind-bastion',
    url: prom.promUrl,
    tunnelVia: cis['prom-host']!.id,
    timeoutMs: 10_000,
  });
}, 180_000);

afterAll(async () => {
  await f?.close();
  await ssh?.stop();
  await prom?.stop();
});

describe('Prometheus through an SSH tunnel over a jump host (real sshd)', () => {
  it('queries Prometheus through the host CI and its jump chain', async () => {
    const r = await query(`node_memory_MemTotal_bytes{instance="${prom.nodeExporterInstance}"}`);
    expect(r.series).toHaveLength(1);
    const values = r.series[0]!.v.filter((v): v is number => v !== null);
    expect(values.length).toBeGreaterThan(0);
    expect(values.at(-1)).toBe(memTotalBytes());
    // Both hops are pooled SSH connections now.
    expect(f.app.services.ssh.pool.openCount()).toBe(2);
    const h = await f.call<{ ok: boolean; version: string }>('monitoring.datasources.test', { id: ds.id });
    expect(h).toMatchObject({ ok: true, version: '2.42.0+ds' });
    // The forwarded channels reached prom-host's sshd (it logs the session's user and key).
    expect(ssh.servers[1]!.log()).toMatch(/Accepted publickey for opsroomlab/);
  });

  it('the datasource fails with the SSH reason, naming the host, when the tunnel host is gone', async () => {
    await ssh.servers[1]!.stop();
    // Wait until the pool has seen its connection to prom-host close.
    for (let i = 0; i < 100 && f.app.services.ssh.pool.openCount() > 1; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(f.app.services.ssh.pool.openCount()).toBe(1);
    try {
      const e = await failure(query('up'));
      expect(e.code).toBe('unavailable');
      expect(e.message).toMatch(
        /^The datasource "behind-bastion" is reached through prom-host, and SSH failed: prom-host: .*Queries to it pause for 1 s before the next try\.$/,
      );
    } finally {
      await ssh.servers[1]!.restart();
    }
  });

  it('a Prometheus that is down behind a working tunnel is reported as such', async () => {
    await new Promise((r) => setTimeout(r, 1_100)); // let the previous backoff window pass (real clock)
    await prom.stopPrometheus();
    try {
      const e = await failure(query('up'));
      expect(e.code).toBe('unavailable');
      expect(e.message).toMatch(
        /^The datasource "behind-bastion": prom-host could not open a connection to 127\.0\.0\.1:\d+ \(.*\); is Prometheus listening there, as seen from prom-host\?/,
      );
    } finally {
      await prom.startPrometheus();
    }
  });

  it('a tunnel host CI deleted after saving is named as the cause, not retried', async () => {
    const ci = await f.call<{ id: string }>('cmdb.ci.create', {
      type: 'host',
      name: 'short-lived',
      connection: { address: '127.0.0.1', port: 22 },
    });
    const gone = await f.call<Datasource>('monitoring.datasources.save', {
      name: 'via-deleted',
      url: prom.promUrl,
      tunnelVia: ci.id,
    });
    await f.call('cmdb.ci.delete', { ids: [ci.id] });
    const e = await failure(
      f.call('monitoring.query.instant', { source: { kind: 'prometheus', datasourceId: gone.id }, expr: 'up' }),
    );
    expect(e.code).toBe('not_found');
    expect(e.message).toBe(
      `The datasource "via-deleted" is reached through SSH, but: There is no CI "${ci.id}"; it may have been deleted.`,
    );
  });
});
