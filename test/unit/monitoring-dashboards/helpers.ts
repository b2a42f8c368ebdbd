import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../main/app';
import type { CallInput, CallOutput, MethodName } from '../../../shared/api';
import { OpsError } from '../../../shared/api/errors';

export interface FakeClock {
  t: number;
  now(): number;
}

export interface AppFixture {
  app: App;
  clock: FakeClock;
  dir: string;
  call<M extends MethodName>(method: M, input?: CallInput<M>): Promise<CallOutput<M>>;
  /** the call's error (fails the test when the call succeeds) */
  fails(method: MethodName, input: unknown): Promise<OpsError>;
  close(): Promise<void>;
}

/** The whole app on a temp workspace with a hand-moved clock; calls go through the real router (validated, audited). */
export function openApp(): AppFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-dash-'));
  const clock: FakeClock = { t: Date.UTC(2026, 10, 27, 9, 0, 0), now: () => clock.t };
  const app = createApp({
    workspacePath: path.join(dir, 'workspace.db'),
    logDir: path.join(dir, 'logs'),
    mode: 'cli',
    clock,
  });
  const ctx = { actor: 'alice', via: 'internal' as const };
  const call = async <M extends MethodName>(method: M, input?: CallInput<M>): Promise<CallOutput<M>> => {
    const r = await app.router.call(method, input, ctx);
    if (!r.ok) throw OpsError.from(r.error);
    return r.result as CallOutput<M>;
  };
  return {
    app,
    clock,
    dir,
    call,
    async fails(method, input) {
      const r = await app.router.call(method, input, ctx);
      if (r.ok) throw new Error(`${method} was expected to fail`);
      return OpsError.from(r.error);
    },
    async close() {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid dashboard body with `n` panels in two columns. */
export function sampleBody(title = 'Web fleet', n = 3) {
  return {
    title,
    description: 'front ends',
    tags: ['web'],
    source: { kind: 'local' as const },
    variables: [{ name: 'host', label: 'Host', kind: 'ci' as const, ciType: 'host', options: [], current: 'web-01' }],
    panels: Array.from({ length: n }, (_, i) => ({
      id: `p${i}`,
      title: `Panel ${i}`,
      type: 'timeseries' as const,
      grid: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 },
      queries: [{ refId: 'A', source: null, expr: `host_load1{ci="$host_id"}`, legend: '{{host}}', hidden: false }],
      unit: 'short' as const,
      decimals: null,
      min: null,
      max: null,
      thresholds: [{ value: 4, color: 'red' }],
      minInterval: '',
      stacked: false,
    })),
    range: { from: 'now-6h', to: 'now' },
    refreshSec: 60,
  };
}
