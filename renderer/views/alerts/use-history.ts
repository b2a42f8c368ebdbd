import { useCallback, useEffect, useRef, useState } from 'react';
import type { AlertEvent } from '../../../shared/api/monitoring-alerts';
import { client } from '../../api/client';
import { useConnection } from '../../api/connection-store';
import { errorMessage } from '../../api/errors';
import { appendPage, prependEvent } from './history-list';

export const historyPageSize = 200;

/** Transitions newest first, a page at a time, new ones live on top. */
export function useAlertHistory(ruleId: string | null) {
  const [events, setEvents] = useState<AlertEvent[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const connection = useConnection((s) => s.state);
  // Replies for an older filter are dropped.
  const generation = useRef(0);

  const load = useCallback(
    async (beforeId: number | undefined, gen: number) => {
      setLoading(true);
      try {
        const page = await client.call('monitoring.alerts.history', {
          ...(ruleId ? { ruleId } : {}),
          ...(beforeId !== undefined ? { beforeId } : {}),
          limit: historyPageSize,
        });
        if (gen !== generation.current) return;
        setEvents((prev) => (beforeId === undefined ? page : appendPage(prev, page)));
        setHasMore(page.length === historyPageSize);
        setError(null);
      } catch (e) {
        if (gen === generation.current) setError(errorMessage(e));
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [ruleId],
  );

  useEffect(() => {
    if (connection !== 'open') return;
    const gen = ++generation.current;
    setEvents([]);
    void load(undefined, gen);
    return client.on('monitoring.alerts.transition', (ev) => {
      if (gen === generation.current) setEvents((prev) => prependEvent(prev, ev, ruleId));
    });
  }, [connection, load, ruleId]);

  const loadMore = useCallback(() => {
    if (loading || !events.length) return;
    void load(events[events.length - 1].id, generation.current);
  }, [load, loading, events]);

  return { events, hasMore, loading, error, loadMore };
}
