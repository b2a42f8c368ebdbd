import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallInput, CallOutput, MethodName } from '../../shared/api/index';
import { client } from './client';
import { useConnection } from './connection-store';
import { errorMessage } from './errors';

export interface CallState<T> {
  data: T | undefined;
  loading: boolean;
  error: string | null;
  reload: () => void;
}

/** Calls a query and re-calls it when the input changes, on reload() and after a reconnect. */
export function useCall<M extends MethodName>(method: M, input?: CallInput<M>): CallState<CallOutput<M>> {
  const [data, setData] = useState<CallOutput<M>>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const connection = useConnection((s) => s.state);
  const key = JSON.stringify(input ?? null);
  const inputRef = useRef(input);
  inputRef.current = input;

  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    setLoading(true);
    (client.call as (m: M, i?: CallInput<M>) => Promise<CallOutput<M>>)(method, inputRef.current)
      .then((d) => live && (setData(d), setError(null)))
      .catch((e) => live && setError(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [method, key, tick, connection]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, error, reload };
}
