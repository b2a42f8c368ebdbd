import { useEffect, useState } from 'react';
import type { Annotation, TimeRange } from '../../../shared/api/monitoring-model';
import { client } from '../../api/client';
import { useConnection } from '../../api/connection-store';

/**
 * The workspace's events in the range (audited batch runs, CI changes,
 * silences…), for one CI when the dashboard is about one; fetched again with
 * every refresh. A failure draws no annotations rather than breaking charts.
 */
export function useAnnotations(range: TimeRange, ciId: string | undefined, refreshKey: number): Annotation[] {
  const [list, setList] = useState<Annotation[]>([]);
  const connection = useConnection((s) => s.state);
  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    client
      .call('monitoring.annotations', { range, ...(ciId ? { ciId } : {}) })
      .then((a) => live && setList(a))
      .catch(() => live && setList([]));
    return () => {
      live = false;
    };
    // range is compared by value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [range.from, range.to, ciId, refreshKey, connection]);
  return list;
}
