import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LogEntry } from '../../../shared/api/monitoring-logs';
import { client } from '../../api/client';
import { useConnection } from '../../api/connection-store';
import { errorMessage } from '../../api/errors';
import { appendTail, fromSearchPage, oldestId, prependOlder } from './log-buffer';
import { type LogFilter, makeTailFilter, searchInput } from './tail-filter';

export const logPageSize = 500;

/** Rows added (+) or removed (-) above what is on screen, so the list can keep the reader's place. */
export interface TopShift {
  seq: number;
  rows: number;
}

/**
 * The lines for a filter: a search (newest page, shown oldest first), older
 * pages on demand, and while `tail` is on the stored lines that pass the same
 * filter. Tailed lines that arrive while a search is under way wait for it, so
 * none is lost between the search's snapshot and its reply.
 */
export function useLogFeed(filter: LogFilter, tail: boolean) {
  const [lines, setLines] = useState<LogEntry[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [tookMs, setTookMs] = useState<number | null>(null);
  const [tailed, setTailed] = useState(0);
  const [hasOlder, setHasOlder] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shift, setShift] = useState<TopShift>({ seq: 0, rows: 0 });
  /** bumped by each new search's answer: the list goes back to following the newest line */
  const [searchSeq, setSearchSeq] = useState(0);
  const connection = useConnection((s) => s.state);
  const generation = useRef(0);
  const searching = useRef(false);
  const held = useRef<LogEntry[]>([]);
  const key = JSON.stringify(filter);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const tailFilter = useMemo(() => makeTailFilter(filter), [key]);

  const addTailed = useCallback((entries: LogEntry[]) => {
    if (!entries.length) return;
    setLines((prev) => {
      const r = appendTail(prev, entries);
      if (r.dropped) setShift((s) => ({ seq: s.seq + 1, rows: -r.dropped }));
      return r.lines;
    });
    setTailed((n) => n + entries.length);
  }, []);

  useEffect(() => {
    if (connection !== 'open') return;
    const gen = ++generation.current;
    searching.current = true;
    held.current = [];
    setLoading(true);
    setTailed(0);
    client
      .call('monitoring.logs.search', searchInput(filter, undefined, logPageSize))
      .then((r) => {
        if (gen !== generation.current) return;
        setLines(fromSearchPage(r.entries));
        setSearchSeq(gen);
        setTotal(r.total);
        setTookMs(r.tookMs);
        setHasOlder(r.entries.length === logPageSize && r.total > r.entries.length);
        setError(null);
      })
      .catch((e) => {
        if (gen !== generation.current) return;
        setLines([]);
        setTotal(null);
        setTookMs(null);
        setHasOlder(false);
        setError(errorMessage(e));
      })
      .finally(() => {
        if (gen !== generation.current) return;
        searching.current = false;
        setLoading(false);
        const waiting = held.current;
        held.current = [];
        addTailed(waiting);
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, connection, addTailed]);

  useEffect(() => {
    if (!tail || connection !== 'open') return;
    return client.on('monitoring.logs.lines', ({ entries }) => {
      const now = Date.now();
      const passing = entries.filter((e) => tailFilter.test(e, now));
      if (!passing.length) return;
      if (searching.current) held.current.push(...passing);
      else addTailed(passing);
    });
  }, [tail, connection, tailFilter, addTailed]);

  const loadOlder = useCallback(() => {
    const before = oldestId(lines);
    if (loading || before === undefined) return;
    const gen = generation.current;
    setLoading(true);
    client
      .call('monitoring.logs.search', searchInput(filter, before, logPageSize))
      .then((r) => {
        if (gen !== generation.current) return;
        setLines((prev) => {
          const next = prependOlder(prev, r.entries);
          setShift((s) => ({ seq: s.seq + 1, rows: next.length - prev.length }));
          return next;
        });
        setHasOlder(r.entries.length === logPageSize);
      })
      .catch((e) => gen === generation.current && setError(errorMessage(e)))
      .finally(() => gen === generation.current && setLoading(false));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, lines, loading]);

  return {
    lines,
    total,
    tookMs,
    tailed,
    hasOlder,
    loading,
    error,
    shift,
    searchSeq,
    loadOlder,
    query: tailFilter.query,
  };
}
