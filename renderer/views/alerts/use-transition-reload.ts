import { useEffect, useRef } from 'react';
import { client } from '../../api/client';
import { coalesce } from './coalesce';

/** Re-reads (calls `reload`) after alert transitions, coalesced to at most one read per `ms`. */
export function useTransitionReload(reload: () => void, ms = 500): void {
  const latest = useRef(reload);
  useEffect(() => {
    latest.current = reload;
  });
  useEffect(() => {
    const c = coalesce(() => latest.current(), ms);
    const off = client.on('monitoring.alerts.transition', () => c.call());
    return () => {
      off();
      c.cancel();
    };
  }, [ms]);
}
