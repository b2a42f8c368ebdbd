import { OpsError } from '../../../shared/api/errors';
import type { MonitoringDeps, MonitoringPart } from '../part-types';
import type { Engines } from '../types';

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

const notYet = () => {
  throw new OpsError('unavailable', 'Alerts are not built yet.');
};

// PLACEHOLDER: replaced by the alert rules service.
export function createAlertsPart(_deps: MonitoringDeps, _o: { engines: Engines }): MonitoringPart<AlertsMethod> {
  return {
    handlers: {
      'monitoring.alerts.rules.list': notYet,
      'monitoring.alerts.rules.save': notYet,
      'monitoring.alerts.rules.delete': notYet,
      'monitoring.alerts.evaluate': notYet,
      'monitoring.alerts.active': notYet,
      'monitoring.alerts.history': notYet,
      'monitoring.silences.list': notYet,
      'monitoring.silences.create': notYet,
      'monitoring.silences.expire': notYet,
    },
  };
}
