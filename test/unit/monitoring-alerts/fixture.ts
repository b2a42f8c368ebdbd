import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Handlers } from '../../../main/rpc/router';
import { silentLogger } from '../../../main/applog/types';
import { createAlertsPart, type AlertsPart } from '../../../main/monitoring/alerts/part';
import type { AlertRetentionOptions } from '../../../main/monitoring/alerts/retention';
import type { MonitoringDeps } from '../../../main/monitoring/part-types';
import type { Engine, EngineSample, Engines } from '../../../main/monitoring/types';
import { EventBus } from '../../../main/rpc/events';
import { createRouter, type Router } from '../../../main/rpc/router';
import { allMigrations } from '../../../main/schema';
import { SettingsService } from '../../../main/settings/service';
import { openWorkspace, type Workspace } from '../../../main/store/workspace';
import { OpsError } from '../../../shared/api/errors';
import type { AlertEvent } from '../../../shared/api/monitoring-alerts';
import type { Labels } from '../../../shared/api/monitoring-model';

export const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);

export interface FakeClock {
  t: number;
  now(): number;
}

/** What the scripted engine answers: samples, or an error to throw. */
export type Answer = EngineSample[] | OpsError;

/**
 * An Engine (our own seam) whose instant answers are scripted per expression;
 * `calls` records what was asked, with the evaluation time.
 */
export class ScriptedEngine implements Engine {
  readonly answers = new Map<string, Answer>();
  readonly calls: { expr: string; at: number }[] = [];

  set(expr: string, answer: Answer): void {
    this.answers.set(expr, answer);
  }

  async instant(expr: string, atMs: number) {
    this.calls.push({ expr, at: atMs });
    const a = this.answers.get(expr);
    if (a === undefined) throw new OpsError('bad_input', `parse error: unknown expression "${expr}"`);
    if (a instanceof OpsError) throw a;
    return { samples: a.map((s) => ({ ...s, t: atMs })), warnings: [] };
  }

  range(): never {
    throw new Error('not used by alerts');
  }
  labelNames(): never {
    throw new Error('not used by alerts');
  }
  labelValues(): never {
    throw new Error('not used by alerts');
  }
}

export const sample = (labels: Labels, value: number): EngineSample => ({ labels, value, t: 0 });

export interface AlertsFixture {
  dir: string;
  file: string;
  clock: FakeClock;
  bus: EventBus;
  engine: ScriptedEngine;
  workspace: Workspace;
  /** the workspace's real settings (the part reads 'monitoring.alertHistoryDays') */
  settings: SettingsService;
  part: AlertsPart;
  router: Router;
  /** every 'monitoring.alerts.transition' published */
  published: AlertEvent[];
  /** a router call as a person named alice; throws the OpsError of a failed call */
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** closes the part and the workspace and opens the same file again (a restart) */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

/** The alerts part over a real temp workspace file (every domain's migrations), a fake clock and a scripted engine. */
export function openAlerts(o: { retention?: AlertRetentionOptions } = {}): AlertsFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-alerts-'));
  const file = path.join(dir, 'workspace.db');
  const clock: FakeClock = { t: T0, now: () => clock.t };
  const engine = new ScriptedEngine();
  const engines: Engines = {
    engine(source) {
      if (source.kind === 'prometheus' && source.datasourceId !== 'ds1') {
        throw new OpsError('not_found', `There is no datasource "${source.datasourceId}".`);
      }
      return engine;
    },
  };
  const f = {
    dir,
    file,
    clock,
    engine,
    published: [] as AlertEvent[],
  } as AlertsFixture;

  const open = () => {
    const workspace = openWorkspace({ path: file, clock, logger: silentLogger, migrations: allMigrations });
    const bus = new EventBus();
    bus.subscribe('monitoring.alerts.transition', (e) => f.published.push(e));
    const settings = new SettingsService({ db: workspace.db, logger: silentLogger, clock });
    // The alerts part uses only the database, clock, bus, logger and settings of the monitoring deps.
    const deps = { db: workspace.db, clock, bus, logger: silentLogger, settings } as unknown as MonitoringDeps;
    const part = createAlertsPart(deps, { engines, retention: o.retention });
    const router = createRouter({ handlers: part.handlers as unknown as Handlers, logger: silentLogger });
    Object.assign(f, { workspace, settings, bus, part, router });
  };
  open();

  f.call = async <T>(method: string, input: unknown = {}) => {
    const r = await f.router.call(method, input, { actor: 'alice', via: 'internal' });
    if (!r.ok) throw OpsError.from(r.error);
    return r.result as T;
  };
  f.reopen = async () => {
    await f.part.close?.();
    f.workspace.close();
    open();
  };
  f.close = async () => {
    await f.part.close?.();
    f.workspace.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return f;
}

/** A rule input with the router's defaults for what is not given. */
export function ruleInput(extra: Record<string, unknown> = {}) {
  return { name: 'InstanceDown', source: { kind: 'prometheus', datasourceId: 'ds1' }, expr: 'up == 0', ...extra };
}
