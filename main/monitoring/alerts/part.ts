import type { MonitoringDeps, MonitoringPart } from '../part-types';
import type { Engines } from '../types';
import { Evaluator } from './evaluator';
import { AlertRetention, type AlertRetentionOptions } from './retention';
import { AlertService } from './service';
import { Silences } from './silences';
import { AlertStore } from './store';

export type AlertsMethod =
  | 'monitoring.alerts.rules.list'
  | 'monitoring.alerts.rules.save'
  | 'monitoring.alerts.rules.delete'
  | 'monitoring.alerts.evaluate'
  | 'monitoring.alerts.active'
  | 'monitoring.alerts.history'
  | 'monitoring.silences.list'
  | 'monitoring.silences.create'
  | 'monitoring.silences.expire';

export interface AlertsPart extends MonitoringPart<AlertsMethod> {
  service: AlertService;
  silences: Silences;
}

/**
 * Alert rules over the engines (Prometheus or the local series), evaluated on
 * their interval by tick() and stored with every transition; silences mute
 * notifications without hiding alerts. Transitions are published on
 * 'monitoring.alerts.transition' for the renderer's toast and badge. Old
 * events and long-expired silences are pruned on the same tick (retention.ts).
 */
export function createAlertsPart(
  deps: MonitoringDeps,
  o: { engines: Engines; retention?: AlertRetentionOptions },
): AlertsPart {
  const store = new AlertStore(deps.db);
  const silences = new Silences(store, deps.clock);
  const evaluator = new Evaluator({
    store,
    silences,
    engines: o.engines,
    clock: deps.clock,
    bus: deps.bus,
    logger: deps.logger,
  });
  const service = new AlertService({
    store,
    silences,
    evaluator,
    engines: o.engines,
    clock: deps.clock,
    logger: deps.logger,
  });
  const retention = new AlertRetention(deps, o.retention);
  return {
    service,
    silences,
    handlers: {
      'monitoring.alerts.rules.list': () => service.listRules(),
      'monitoring.alerts.rules.save': (i) => service.saveRule(i),
      'monitoring.alerts.rules.delete': (i) => service.deleteRule(i.id),
      'monitoring.alerts.evaluate': (i) => service.evaluate(i.ruleIds),
      'monitoring.alerts.active': () => service.active(),
      'monitoring.alerts.history': (i) => service.history(i),
      'monitoring.silences.list': () => silences.list(),
      'monitoring.silences.create': (i, ctx) => silences.create(i, ctx.actor),
      'monitoring.silences.expire': (i) => silences.expire(i.id),
    },
    ticking: {
      // Evaluation first: pruning old history can wait, a due rule should not.
      tick: async () => {
        await service.tick();
        await retention.tick();
      },
    },
    reload: () => evaluator.reload(),
    close: () => evaluator.close(),
  };
}
