import type { Datasource } from '../../../shared/api/monitoring-query';
import { OpsError } from '../../../shared/api/errors';
import type { MonitoringDeps, MonitoringPart } from '../part-types';
import type { Engine, Engines } from '../types';

/** Read access to saved datasources for other parts (the host dashboard picks the default). */
export interface DatasourceLookup {
  list(): Datasource[];
  get(id: string): Datasource | null;
  /** the datasource marked default, else the only one, else null */
  defaultId(): string | null;
}

export type PrometheusMethod =
  | 'monitoring.datasources.list'
  | 'monitoring.datasources.save'
  | 'monitoring.datasources.delete'
  | 'monitoring.datasources.test'
  | 'monitoring.query.range'
  | 'monitoring.query.instant'
  | 'monitoring.labels.names'
  | 'monitoring.labels.values';

export interface PrometheusPart extends MonitoringPart<PrometheusMethod> {
  /** both engines: Prometheus datasources and the local store */
  engines: Engines;
  datasources: DatasourceLookup;
}

const notYet = () => {
  throw new OpsError('unavailable', 'Prometheus datasources are not built yet.');
};

// PLACEHOLDER: replaced by the Prometheus datasource service.
export function createPrometheusPart(_deps: MonitoringDeps, _o: { local: Engine }): PrometheusPart {
  return {
    engines: { engine: notYet },
    datasources: { list: () => [], get: () => null, defaultId: () => null },
    handlers: {
      'monitoring.datasources.list': notYet,
      'monitoring.datasources.save': notYet,
      'monitoring.datasources.delete': notYet,
      'monitoring.datasources.test': notYet,
      'monitoring.query.range': notYet,
      'monitoring.query.instant': notYet,
      'monitoring.labels.names': notYet,
      'monitoring.labels.values': notYet,
    },
  };
}
