import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCore, selectorOf, type RunArgs, type RunClient } from '../../../main/cli/commands/run';
import type { BatchRun, HostResult } from '../../../shared/api/ssh';
import { openBatch, type BatchFixture } from './fixture';
import { startBatchLab, type BatchLab } from './lab';

let lab: BatchLab;
let f: BatchFixture;

/** The CLI core over an open BatchService (the app client goes through the router instead). */
function client(): RunClient {
  const me = { actor: 'cli-tester' };
  return {
    searchIds: async (query) => f.cmdb.search.all(query).map((c) => c.id),
    idOf: async (name) => f.cmdb.resolve(name).id,
    run: async (input) => f.service.run({ ...input } as never, me),
    get: async (runId) => f.service.get({ runId }),
    wait: (runId) => f.service.wait(runId),
    cancel: async (runId) => void f.service.cancel({ runId }),
    onUpdated: (fn) =>
      f.on((e) => {
        if (e.topic === 'ssh.batch.updated') fn(e.payload as BatchRun);
      }),
  };
}

function io(isTTY = false) {
  const o = { text: '', errs: '', isTTY, out: (t: string) => (o.text += t), err: (t: string) => (o.errs += t + '\n') };
  return o;
}

const args = (a: Partial<RunArgs>): RunArgs => ({
  targets: 'tag:app',
  concurrency: 5,
  timeoutSec: 10,
  json: false,
  yes: true,
  command: 'echo hi',
  ...a,
});

beforeAll(async () => {
  lab = await startBatchLab(3);
  f = openBatch({ pool: lab.pool, resolver: lab.resolver });
  lab.servers.forEach((s, i) =>
    f.addCi({
      type: 'host',
      name: `app-0${i + 1}`,
      tags: ['app'],
      environment: i === 2 ? 'prod' : 'test',
      connection: { address: s.address, port: s.port },
    }),
  );
  f.addCi({ type: 'host', name: 'gone-01', connection: { address: '127.0.0.1', port: lab.closed } });
}, 60_000);

afterAll(async () => {
  await f?.close();
  await lab?.stop();
});

describe('opsroom run', () => {
  it('parses selectors into a union', async () => {
    const sel = await selectorOf(client(), 'tag:app+name:gone-01+env:prod+group:ops');
    expect(sel.tags).toEqual(['app']);
    expect(sel.group).toBe('ops');
    expect(sel.ids).toHaveLength(2);
  });

  it('prints live progress on a TTY and a grouped summary; exit 0 when all ok', async () => {
    const o = io(true);
    const code = await runCore(client(), args({ command: 'echo hi' }), o);
    expect(code).toBe(0);
    expect(o.text).toContain('\x1b[2K');
    expect(o.text).toMatch(/== 3 hosts: ok \(exit 0\) — app-01, app-02, app-03\n {3}hi\n/);
    expect(o.text).toMatch(/3 hosts: 3 ok · run /);
  });

  it('--json prints every host; exit 1 when a host did not end ok', async () => {
    const o = io();
    const code = await runCore(client(), args({ targets: 'tag:app+name:gone-01', json: true }), o);
    expect(code).toBe(1);
    const parsed = JSON.parse(o.text) as { run: BatchRun; hosts: HostResult[] };
    expect(parsed.hosts.map((h) => [h.ci.name, h.state])).toEqual([
      ['app-01', 'ok'],
      ['app-02', 'ok'],
      ['app-03', 'ok'],
      ['gone-01', 'unreachable'],
    ]);
  });

  it('without --yes a production target needs confirmation: message and exit 3', async () => {
    const o = io();
    const code = await runCore(client(), args({ yes: false }), o);
    expect(code).toBe(3);
    expect(o.errs).toBe('This runs on 3 hosts, 1 of them production. Confirm to go ahead. (run again with --yes)\n');
  });
});
