import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry } from '../../../shared/api/audit';
import { client } from '../../api/client';
import { useConnection } from '../../api/connection-store';
import { errorMessage } from '../../api/errors';
import { type AuditFilter, entryMatchesFilter, filterToListInput } from './filter';

export const auditPageSize = 500;

/** Audit entries for a filter: first page on change, more pages on demand, new entries live at the top. */
export function useAuditFeed(filter: AuditFilter) {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const connection = useConnection((s) => s.state);
  // Bumped on every reset so replies for an older filter are dropped.
  const generation = useRef(0);
  const busy = useRef(false);
  const key = JSON.stringify(filter);

  const load = useCallback(
    async (before: number | undefined, gen: number) => {
      busy.current = true;
      setLoading(true);
      try {
        const page = await client.call('audit.list', filterToListInput(filter, before, auditPageSize));
        if (gen !== generation.current) return;
        setEntries((prev) => {
          const base = before === undefined ? [] : prev;
          const last = base.length ? base[base.length - 1].seq : Infinity;
          return [...base, ...page.entries.filter((e) => e.seq < last)];
        });
        setTotal(page.total);
        setNextBefore(page.nextBefore);
        setError(null);
      } catch (e) {
        if (gen === generation.current) setError(errorMessage(e));
      } finally {
        if (gen === generation.current) {
          busy.current = false;
          setLoading(false);
        }
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  useEffect(() => {
    if (connection !== 'open') return;
    const gen = ++generation.current;
    busy.current = false;
    void load(undefined, gen);
    const off = client.on('audit.appended', (entry) => {
      if (gen !== generation.current || !entryMatchesFilter(entry, filter)) return;
      setEntries((prev) => (prev.length && prev[0].seq >= entry.seq ? prev : [entry, ...prev]));
      setTotal((t) => (t === null ? t : t + 1));
    });
    return off;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, connection, load]);

  const loadMore = useCallback(() => {
    if (busy.current || nextBefore === null) return;
    void load(nextBefore, generation.current);
  }, [load, nextBefore]);

  return { entries, total, hasMore: nextBefore !== null, loading, error, loadMore };
}
