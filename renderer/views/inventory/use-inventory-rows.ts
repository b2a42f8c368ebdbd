import { useEffect, useReducer, useRef } from 'react';
import { client } from '../../api/client';
import { useConnection } from '../../api/connection-store';
import { PageCache } from './page-cache';
import { type Filter, type Sort, queryKey, searchInput } from './query-chips';

/** Waits this long after a 'cmdb.changed' burst (an import sends many) before refetching. */
const refreshDelayMs = 300;

/** A page cache for the current (filter, sort), reset when either changes and refreshed live. */
export function useInventoryRows(filter: Filter, sort: Sort) {
  const [version, bump] = useReducer((x: number) => x + 1, 0);
  const current = useRef({ filter, sort });
  current.current = { filter, sort };
  const cacheRef = useRef<PageCache | null>(null);
  if (!cacheRef.current) {
    cacheRef.current = new PageCache(async (offset, limit) => {
      const { filter: f, sort: s } = current.current;
      const r = await client.call('cmdb.search', searchInput(f, s, offset, limit));
      return { items: r.items, total: r.total };
    }, bump);
  }
  const cache = cacheRef.current;
  const connection = useConnection((s) => s.state);
  const key = queryKey(filter, sort);

  useEffect(() => {
    if (connection !== 'open') return;
    cache.reset();
    cache.ensure(0, 100);
  }, [cache, key, connection]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.on('cmdb.changed', () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        cache.refresh();
      }, refreshDelayMs);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [cache]);

  return { cache, total: cache.total, error: cache.error, version };
}

/** Every id the query matches, for actions on "all matching" rows. */
export async function fetchAllIds(filter: Filter, sort: Sort): Promise<string[]> {
  const ids: string[] = [];
  const limit = 2000;
  for (let offset = 0; ; offset += limit) {
    const r = await client.call('cmdb.search', searchInput(filter, sort, offset, limit));
    for (const c of r.items) ids.push(c.id);
    if (r.items.length < limit || ids.length >= r.total) return ids;
  }
}
