import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LogEntry } from '../../../shared/api/monitoring-logs';
import { client } from '../../api/client';
import { useConnection } from '../../api/connection-store';
import { errorMessage } from '../../api/errors';
import { appendTail, fromSearchPage, maxBufferedLines, oldestId, prependOlder } from './log-buffer';
import { type LogFilter, makeTailFilter, searchInput } from './tail-filter';

export const logPageSize = 500;

/** How long tailed lines gather before they are drawn together. */
const tailFlushMs = 100;

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

  // The shown lines, also in a ref: the tail and "Load older" compute the next list from it
  // outside a state updater, so their scroll-keeping shift is set once, not per updater run.
  const linesRef = useRef<LogEntry[]>([]);
  const show = useCallback((next: LogEntry[]) => {
    linesRef.current = next;
    setLines(next);
  }, []);
  const pending = useRef<LogEntry[]>([]);
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(() => {
    flushTimer.current = undefined;
    const batch = pending.current;
    pending.current = [];
    if (!batch.length) return;
    const r = appendTail(linesRef.current, batch);
    if (r.lines !== linesRef.current) show(r.lines);
    if (r.dropped) setShift((s) => ({ seq: s.seq + 1, rows: -r.dropped }));
    setTailed((n) => n + batch.length);
  }, [show]);

  /**
   * Tailed lines are drawn in batches, at most ten times a second: a chatty
   * journal sends many small messages, and a render per message (each copying
   * a list of up to 20,000 lines) would take the frame budget for itself.
   */
  const addTailed = useCallback(
    (entries: LogEntry[]) => {
      if (!entries.length) return;
      pending.current.push(...entries);
      // More than the list can hold would be dropped at the flush anyway.
      if (pending.current.length > maxBufferedLines)
        pending.current.splice(0, pending.current.length - maxBufferedLines);
      flushTimer.current ??= setTimeout(flush, tailFlushMs);
    },
    [flush],
  );
  useEffect(() => () => clearTimeout(flushTimer.current), []);

  useEffect(() => {
    if (connection !== 'open') return;
    const gen = ++generation.current;
    searching.current = true;
    held.current = [];
    pending.current = [];
    setLoading(true);
    setTailed(0);
    client
      .call('monitoring.logs.search', searchInput(filter, undefined, logPageSize))
      .then((r) => {
        if (gen !== generation.current) return;
        show(fromSearchPage(r.entries));
        setSearchSeq(gen);
        setTotal(r.total);
        setTookMs(r.tookMs);
        setHasOlder(r.entries.length === logPageSize && r.total > r.entries.length);
        setError(null);
      })
      .catch((e) => {
        if (gen !== generation.current) return;
        show([]);
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
  }, [key, connection, addTailed, show]);

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
        const prev = linesRef.current;
        const next = prependOlder(prev, r.entries);
        show(next);
        setShift((s) => ({ seq: s.seq + 1, rows: next.length - prev.length }));
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
