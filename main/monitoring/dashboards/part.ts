import { OpsError } from '../../../shared/api/errors';
import type { MonitoringDeps, MonitoringPart } from '../part-types';
import type { DatasourceLookup } from '../prometheus/part';

export type DashboardsMethod =
  | 'monitoring.dashboards.list'
  | 'monitoring.dashboards.get'
  | 'monitoring.dashboards.host'
  | 'monitoring.dashboards.save'
  | 'monitoring.dashboards.delete'
  | 'monitoring.dashboards.import'
  | 'monitoring.dashboards.export'
  | 'monitoring.annotations';

const notYet = () => {
  throw new OpsError('unavailable', 'Dashboards are not built yet.');
};

// PLACEHOLDER: replaced by the dashboards service.
export function createDashboardsPart(
  _deps: MonitoringDeps,
  _o: { datasources: DatasourceLookup },
): MonitoringPart<DashboardsMethod> {
  return {
    handlers: {
      'monitoring.dashboards.list': notYet,
      'monitoring.dashboards.get': notYet,
      'monitoring.dashboards.host': notYet,
      'monitoring.dashboards.save': notYet,
      'monitoring.dashboards.delete': notYet,
      'monitoring.dashboards.import': notYet,
      'monitoring.dashboards.export': notYet,
      'monitoring.annotations': notYet,
    },
  };
}
