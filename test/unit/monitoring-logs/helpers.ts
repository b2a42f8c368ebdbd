import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../main/app';
import type { Clock } from '../../../main/clock';
import { createLogsPart, type LogsPart } from '../../../main/monitoring/logs/part';
import type { LogsOptions } from '../../../main/monitoring/logs/service';
import type { Ci } from '../../../shared/api/cmdb-model';

/** A movable clock: tests set the time the services see. */
export class FakeClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface LogsApp {
  dir: string;
  app: App;
  clock: FakeClock;
  /** a logs part of its own over the app's services, so tests can tick it and pass options */
  logs: LogsPart;
  /** another logs part over the same services (other limits; closed by the test or by close()) */
  makePart(options?: LogsOptions): LogsPart;
  call<T>(method: string, input?: unknown): Promise<T>;
  addHost(name: string, connection?: Record<string, unknown>): Promise<Ci>;
  close(): Promise<void>;
}

/** The real app on a temp workspace file, with a fake clock. */
export function openLogsApp(o: { now?: number; options?: LogsOptions } = {}): LogsApp {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-logs-'));
  const clock = new FakeClock(o.now ?? Date.parse('2026-11-27T12:00:00Z'));
  const app = createApp({
    workspacePath: path.join(dir, 'w.opsroom'),
    logDir: path.join(dir, 'logs'),
    mode: 'cli',
    clock,
  });
  const s = app.services;
  const parts: LogsPart[] = [];
  const makePart = (options?: LogsOptions) => {
    const part = createLogsPart(
      {
        db: s.workspace.db,
        clock,
        bus: app.bus,
        logger: s.logger,
        audit: s.audit,
        cmdb: s.cmdb,
        vault: s.vault,
        jobs: s.jobs,
        settings: s.settings,
        ssh: s.ssh,
      },
      options,
    );
    parts.push(part);
    return part;
  };
  const logs = makePart(o.options);
  const call = async <T>(method: string, input?: unknown): Promise<T> => {
    const r = await app.router.call(method, input, { actor: 'tester', via: 'internal' });
    if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.message}`), { rpc: r.error });
    return r.result as T;
  };
  return {
    dir,
    app,
    clock,
    logs,
    makePart,
    call,
    addHost: (name, connection) =>
      call<Ci>('cmdb.ci.create', { type: 'host', name, ...(connection ? { connection } : {}) }),
    async close() {
      for (const p of parts) await p.close?.();
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
