import type { Ci } from '../../../shared/api/cmdb-model';
import { connectableTypes } from '../../../shared/api/cmdb-model';
import type { Dashboard, Panel } from '../../../shared/api/monitoring-dashboards';
import type { QuerySource } from '../../../shared/api/monitoring-model';
import { OpsError } from '../../../shared/api/errors';
import { builtInPrefix } from './store';
import { hostPanelsHeight, localHostPanels, prometheusHostPanels } from './host-panels';

export function hostDashboardId(ciId: string): string {
  return `${builtInPrefix}${ciId}`;
}

/** `host:<ciId>` → the CI id, or null for a saved dashboard's id. */
export function hostDashboardCi(id: string): string | null {
  return id.startsWith(builtInPrefix) && id.length > builtInPrefix.length ? id.slice(builtInPrefix.length) : null;
}

const titled = (panels: Panel[], suffix: string) => panels.map((p) => ({ ...p, title: `${p.title} · ${suffix}` }));

/**
 * The built-in dashboard of a host CI, generated on every request and never
 * stored: node_exporter's panels through the default Prometheus datasource
 * when there is one, then the SSH collector's own series (always: a host can
 * be scraped over SSH at any time, and its panels then fill in).
 */
export function buildHostDashboard(ci: Ci, prometheusId: string | null): Dashboard {
  if (!connectableTypes.includes(ci.type)) {
    throw new OpsError(
      'bad_input',
      `${ci.name} is a ${ci.type}, not a host: host dashboards are for ${connectableTypes.join(', ')} CIs.`,
      { ciId: ci.id, type: ci.type },
    );
  }
  const prom: QuerySource | null = prometheusId ? { kind: 'prometheus', datasourceId: prometheusId } : null;
  const panels = prom
    ? [
        ...titled(prometheusHostPanels(prom, 0), 'node_exporter'),
        ...titled(localHostPanels(hostPanelsHeight), 'SSH collector'),
      ]
    : localHostPanels(0);
  return {
    id: hostDashboardId(ci.id),
    builtIn: true,
    title: `Host ${ci.name}`,
    description: prom
      ? 'node_exporter through the default Prometheus datasource, then the SSH collector’s series.'
      : 'The SSH collector’s series (add a default Prometheus datasource for node_exporter panels).',
    tags: ['host', 'built-in'],
    source: prom ?? { kind: 'local' },
    variables: [{ name: 'host', label: 'Host', kind: 'ci', ciType: ci.type, options: [], current: ci.name }],
    panels,
    range: { from: 'now-1h', to: 'now' },
    refreshSec: 30,
    createdAt: ci.createdAt,
    updatedAt: ci.updatedAt,
  };
}
