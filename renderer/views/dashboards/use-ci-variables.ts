import { useCallback, useEffect, useState } from 'react';
import type { Ci } from '../../../shared/api/cmdb-model';
import type { Dashboard } from '../../../shared/api/monitoring-dashboards';
import { client } from '../../api/client';
import type { CiInfo } from './variables';

export function ciInfo(ci: Ci): CiInfo {
  return { id: ci.id, name: ci.name, type: ci.type, address: ci.connection?.address ?? null };
}

/** The CI a variable's current value names: an exact name among CIs of its type. */
async function findCi(name: string, type: string): Promise<CiInfo | null> {
  const r = await client.call('cmdb.search', {
    query: {
      text: name,
      types: type ? [type] : [],
      environments: [],
      statuses: [],
      criticalities: [],
      tags: [],
      fields: [],
    },
    limit: 50,
  });
  const hit = r.items.find((c) => c.name === name);
  return hit ? ciInfo(hit) : null;
}

/**
 * The CI behind each 'ci' variable, looked up by the name the dashboard
 * stores (null when no CI has that name any more). `known` seeds one (the
 * host page already has its CI); `setCi` records a pick from the bar.
 */
export function useCiVariables(variables: Dashboard['variables'], known?: Record<string, CiInfo>) {
  const [cis, setCis] = useState<Record<string, CiInfo | null>>(() => ({ ...known }));
  const key = variables
    .filter((v) => v.kind === 'ci')
    .map((v) => `${v.name}=${v.ciType}:${v.current}`)
    .join('\n');

  useEffect(() => {
    let live = true;
    for (const v of variables) {
      if (v.kind !== 'ci' || !v.current) continue;
      if (cis[v.name]?.name === v.current) continue;
      void findCi(v.current, v.ciType)
        .catch(() => null)
        .then((ci) => live && setCis((m) => ({ ...m, [v.name]: ci })));
    }
    return () => {
      live = false;
    };
    // Only when the variables' names or values change; cis is what this fills.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const setCi = useCallback((name: string, ci: CiInfo | null) => setCis((m) => ({ ...m, [name]: ci })), []);
  return { cis, setCi };
}
