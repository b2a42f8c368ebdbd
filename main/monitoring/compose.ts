import type { Handlers } from '../rpc/router';
import { createAlertsPart } from './alerts/part';
import { createCollectorPart } from './collector/part';
import { createDashboardsPart } from './dashboards/part';
import { createLocalPart } from './local/part';
import { createLogsPart } from './logs/part';
import { createPrometheusPart } from './prometheus/part';
import type { MonitoringDeps, MonitoringMethod } from './part-types';
import type { Engines } from './types';

export interface MonitoringServices {
  engines: Engines;
  handlers: Pick<Handlers, MonitoringMethod>;
  /** runs every part's due work once (tests call this with a fake clock) */
  tick(): Promise<void>;
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
  let running: Promise<void> | undefined;
  const tick = async () => {
    // One pass at a time: a slow scrape must not pile passes on top of each other.
    if (running) return running;
    running = (async () => {
      for (const p of parts) await p.ticking?.tick();
    })().finally(() => (running = undefined));
    return running;
  };

  return {
    engines,
    handlers: {
      ...local.handlers,
      ...prometheus.handlers,
      ...collector.handlers,
      ...alerts.handlers,
      ...logs.handlers,
      ...dashboards.handlers,
    },
    tick,
    start() {
      if (timer) return;
      timer = setInterval(() => void tick(), 1000);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
      for (const p of [...parts].reverse()) await p.close?.();
    },
  };
}
