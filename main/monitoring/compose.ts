import type { Handlers } from '../rpc/router';
import { createAlertsPart } from './alerts/part';
import { createCollectorPart } from './collector/part';
import { createDashboardsPart } from './dashboards/part';
import { createLocalPart } from './local/part';
import { createLogsPart } from './logs/part';
import { createPrometheusPart } from './prometheus/part';
import type { MonitoringDeps, MonitoringMethod } from './part-types';
import type { Engines, SampleSink } from './types';

export interface MonitoringServices {
  engines: Engines;
  /** the local series store's writer (the collector's, and the demo seed's) */
  sink: SampleSink;
  handlers: Pick<Handlers, MonitoringMethod>;
  /** runs every part's due work once (tests call this with a fake clock) */
  tick(): Promise<void>;
  /**
   * After a live workspace restore: waits for the passes under way, then each
   * part drops what it mirrors of the database and reads it again. No pass
   * starts meanwhile.
   */
  reload(): Promise<void>;
  /** writes the local series' in-memory heads to the file (before a snapshot) */
  flush(): void;
  /** starts the once-a-second schedule (serve and desktop; not one-shot CLI calls) */
  start(): void;
  close(): Promise<void>;
}

/**
 * The monitoring domain's parts, built in one place for the composition root:
 * the local series store and Prometheus are the two engines; the collector
 * feeds the store; alert rules and panels query through the engines.
 */
export function createMonitoringServices(deps: MonitoringDeps): MonitoringServices {
  const local = createLocalPart(deps);
  const prometheus = createPrometheusPart(deps, { local: local.engine });
  const engines = prometheus.engines;
  const collector = createCollectorPart(deps, { sink: local.sink });
  const alerts = createAlertsPart(deps, { engines });
  const logs = createLogsPart(deps);
  const dashboards = createDashboardsPart(deps, { datasources: prometheus.datasources });
  const parts = [local, prometheus, collector, alerts, logs, dashboards];

  let timer: NodeJS.Timeout | undefined;
  // Each part runs its own pass, so an alert query waiting on a slow datasource
  // never delays a scrape or a log pull; a part whose pass is still running is
  // not started again on top of itself.
  const running = new Map<object, Promise<void>>();
  const tickPart = (p: (typeof parts)[number]): Promise<void> => {
    const ticking = p.ticking;
    if (!ticking) return Promise.resolve();
    const busy = running.get(p);
    if (busy) return busy;
    const pass = ticking.tick().finally(() => running.delete(p));
    running.set(p, pass);
    return pass;
  };
  let reloading: Promise<void> | null = null;
  const tick = async () => {
    if (reloading) await reloading;
    await Promise.all(parts.map(tickPart));
  };
  // Each part reloads before anything is awaited: the restore has just replaced the file, and a pass
  // still under way (a scrape waiting on SSH, an alert query) must resume against the restored
  // tables, never against ids and states of the file that is gone. Then the passes are waited for,
  // so none from before the restore is still writing when the restore is announced.
  const reloadParts = async () => {
    const reloads = parts.map((p) => p.reload?.());
    await Promise.all(reloads);
    await Promise.allSettled(running.values());
  };

  return {
    engines,
    sink: local.sink,
    handlers: {
      ...local.handlers,
      ...prometheus.handlers,
      ...collector.handlers,
      ...alerts.handlers,
      ...logs.handlers,
      ...dashboards.handlers,
    },
    tick,
    flush() {
      if (!deps.db.readonly) local.store.flush();
    },
    reload() {
      const pass = reloadParts();
      const settled = pass.catch(() => {});
      reloading = settled;
      void settled.then(() => {
        if (reloading === settled) reloading = null;
      });
      return pass;
    },
    start() {
      if (timer) return;
      timer = setInterval(() => void tick(), 1000);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await Promise.all(running.values());
      for (const p of [...parts].reverse()) await p.close?.();
    },
  };
}
