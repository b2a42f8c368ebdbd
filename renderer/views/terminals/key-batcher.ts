/**
 * Keystrokes go to the main process in small batches: one call per key would mean
 * hundreds of round trips while a person pastes or holds a key down. Everything
 * typed within `delayMs` for the same set of terminals becomes one call.
 */
export interface KeyBatcherOptions {
  send: (ids: string[], data: string) => void;
  delayMs?: number;
  /** the contract accepts at most 1 MiB per call; larger pastes are split */
  maxChunk?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

export interface KeyBatcher {
  push(ids: readonly string[], data: string): void;
  flush(): void;
  dispose(): void;
}

export function createKeyBatcher(o: KeyBatcherOptions): KeyBatcher {
  const delay = o.delayMs ?? 10;
  const max = o.maxChunk ?? 256 * 1024;
  const setTimer = o.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = o.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
  let ids: string[] = [];
  let key = '';
  let pending = '';
  let timer: unknown = null;

  const flush = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    if (!pending || ids.length === 0) return (pending = '');
    const data = pending;
    pending = '';
    for (let i = 0; i < data.length; i += max) o.send(ids, data.slice(i, i + max));
  };

  return {
    push(targets, data) {
      if (!data || targets.length === 0) return;
      const k = targets.join('\u0000');
      // Another set of terminals: what was typed for the previous set goes first, in order.
      if (k !== key) {
        flush();
        ids = [...targets];
        key = k;
      }
      pending += data;
      if (timer === null) timer = setTimer(flush, delay);
    },
    flush,
    dispose() {
      if (timer !== null) clearTimer(timer);
      timer = null;
      pending = '';
    },
  };
}
