import type { MonitoringDeps, MonitoringPart } from '../part-types';
import type { DatasourceLookup } from '../prometheus/part';
import { resolveRange } from '../../../shared/monitoring/time-range';
import { annotationsFrom } from './annotations';
import { auditEntriesBetween, lookbackMs } from './annotation-source';
import { buildHostDashboard, hostDashboardCi } from './host-dashboard';
import { DashboardStore } from './store';
import { exportDashboard, parseDashboardFile, withKnownSources } from './transfer';

export type DashboardsMethod =
  | 'monitoring.dashboards.list'
  | 'monitoring.dashboards.get'
  | 'monitoring.dashboards.host'
  | 'monitoring.dashboards.save'
  | 'monitoring.dashboards.delete'
  | 'monitoring.dashboards.import'
  | 'monitoring.dashboards.export'
  | 'monitoring.annotations';

export interface DashboardsPart extends MonitoringPart<DashboardsMethod> {
  store: DashboardStore;
}

/**
 * Saved dashboards with import/export, the built-in host dashboard (built
 * from the CI and the default datasource on every request) and the
 * annotations drawn on charts (from the audit chain).
 */
export function createDashboardsPart(deps: MonitoringDeps, o: { datasources: DatasourceLookup }): DashboardsPart {
  const store = new DashboardStore(deps.db, deps.clock);
  const ranOn = (runId: string, ciId: string) => runId !== '' && deps.ssh.batch.store.ranOn(runId, ciId);
  const nameOf = (id: string) => {
    try {
      return deps.cmdb.require(id).name;
    } catch {
      return id; // deleted since: its id is all there is
    }
  };
  const host = (ciId: string) => buildHostDashboard(deps.cmdb.require(ciId), o.datasources.defaultId());
  const get = (id: string) => {
    const ciId = hostDashboardCi(id);
    return ciId ? host(ciId) : store.get(id);
  };

  return {
    store,
    handlers: {
      'monitoring.dashboards.list': () => store.list(),
      'monitoring.dashboards.get': ({ id }) => get(id),
      'monitoring.dashboards.host': ({ ciId }) => host(ciId),
      'monitoring.dashboards.save': (input) => store.save(input),
      'monitoring.dashboards.delete': ({ id }) => ({ deleted: store.delete(id) }),
      'monitoring.dashboards.export': ({ id }) => exportDashboard(get(id)),
      'monitoring.dashboards.import': ({ json, overwrite }) => {
        // Everything is checked before the transaction: a bad file changes nothing.
        const body = withKnownSources(parseDashboardFile(json), (id) => o.datasources.get(id) !== null);
        return store.transaction(() => {
          const existing = store.idByTitle(body.title);
          if (existing && overwrite) return store.save({ ...body, id: existing });
          return store.save({ ...body, title: store.freeTitle(body.title) });
        });
      },
      'monitoring.annotations': ({ range, ciId, limit }) => {
        const { startMs, endMs } = resolveRange(range.from, range.to, deps.clock.now());
        const ci = ciId ? deps.cmdb.require(ciId) : undefined;
        const entries = auditEntriesBetween(deps.audit, startMs - lookbackMs, endMs);
        return annotationsFrom(entries, {
          startMs,
          endMs,
          limit,
          nameOf,
          ci: ci && { id: ci.id, name: ci.name, ranOn: (runId) => ranOn(runId, ci.id) },
        });
      },
    },
  };
}
