import { useEffect, useRef, useState } from 'react';
import type { Annotation, TimeRange } from '../../../shared/api/monitoring-model';
import { client } from '../../api/client';
import { useConnection } from '../../api/connection-store';
import { RequestGate } from '../charts/request-gate';

export function sameAnnotations(a: readonly Annotation[], b: readonly Annotation[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    return (
      x.ref === y.ref &&
      x.kind === y.kind &&
      x.time === y.time &&
      x.end === y.end &&
      x.title === y.title &&
      x.text === y.text
    );
  });
}

/**
 * The workspace's events in the range (audited batch runs, CI changes,
 * silences…), for one CI when the dashboard is about one; fetched again with
 * every refresh. A failure draws no annotations rather than breaking charts.
 */
export function useAnnotations(range: TimeRange, ciId: string | undefined, refreshKey: number): Annotation[] {
  const [list, setList] = useState<Annotation[]>([]);
  const connection = useConnection((s) => s.state);
  const [gate] = useState(() => new RequestGate());
  const [rerun, setRerun] = useState(0);
  const key = JSON.stringify([range.from, range.to, ciId ?? null]);
  // The answer to the latest question sent is shown; an older one (another range) is dropped.
  const latest = useRef(0);
  useEffect(() => {
    if (connection !== 'open') return;
    // Refreshes of the same range wait for the read on its way (see RequestGate).
    const id = gate.begin(key);
    if (id === null) return;
    latest.current = id;
    const [from, to, ci] = JSON.parse(key) as [string, string, string | null];
    const show = (a: Annotation[]) => {
      // The same marks again (most refreshes) keep their identity, so no chart redraws for them.
      if (latest.current === id) setList((prev) => (sameAnnotations(prev, a) ? prev : a));
    };
    client
      .call('monitoring.annotations', { range: { from, to }, ...(ci ? { ciId: ci } : {}) })
      .then(show, () => show([]))
      .finally(() => {
        if (gate.settle(id)) setRerun((n) => n + 1);
      });
  }, [gate, key, refreshKey, rerun, connection]);
  useEffect(
    () => () => {
      latest.current = -1;
      gate.clear();
    },
    [gate],
  );
  return list;
}
