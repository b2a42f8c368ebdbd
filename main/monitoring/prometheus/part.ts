import type { Datasource } from '../../../shared/api/monitoring-query';
import type { MonitoringDeps, MonitoringPart } from '../part-types';
import { queryHandlers } from '../query-service/handlers';
import type { Engine, Engines } from '../types';
import type { BackoffPolicy } from './backoff';
import { EngineRouter, PromClients } from './engines';
import { DatasourceService } from './service';

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
  /** the full service (the CLI finds a datasource by name; tests) */
  service: DatasourceService;
  /** clients for saved datasources and ad hoc URLs */
  clients: PromClients;
}

export interface PrometheusPartOptions {
  local: Engine;
  /** backoff after a datasource could not be reached (default 1 s doubling to 30 s) */
  backoff?: BackoffPolicy;
  /** pause before the one quick retry (default 250 ms) */
  quickRetryMs?: number;
}

/**
 * Prometheus datasources (stored, validated, tested), their HTTP clients
 * (auth from the vault, custom CA, SSH tunnel, backoff), the engine router,
 * and the query calls for panels over either engine.
 */
export function createPrometheusPart(deps: MonitoringDeps, o: PrometheusPartOptions): PrometheusPart {
  const clients = new PromClients({
    clock: deps.clock,
    reveal: (id) => deps.vault.reveal(id),
    ssh: { resolver: deps.ssh.resolver, pool: deps.ssh.pool },
    backoff: o.backoff,
    quickRetryMs: o.quickRetryMs,
  });
  const service = new DatasourceService({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    clients,
    checks: {
      describeSecret: (id) => deps.vault.describe(id),
      ci: (id) => deps.cmdb.require(id),
    },
  });
  const engines = new EngineRouter({ local: o.local, datasource: (id) => service.get(id), clients });
  return {
    engines,
    service,
    clients,
    datasources: {
      list: () => service.list(),
      get: (id) => service.get(id),
      defaultId: () => service.defaultId(),
    },
    handlers: {
      'monitoring.datasources.list': () => service.list(),
      'monitoring.datasources.save': (i) => service.save(i),
      'monitoring.datasources.delete': (i) => service.delete(i.id),
      'monitoring.datasources.test': (i) => service.test(i.id),
      ...queryHandlers(engines, deps.clock),
    },
    close: () => clients.closeAll(),
  };
}
