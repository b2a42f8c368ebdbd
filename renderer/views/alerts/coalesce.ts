/**
 * Runs `fn` at most once per `ms`: the first call at once, later ones in the
 * window folded into one call at its end. One evaluation of a rule over 500
 * hosts sends 500 transitions; the lists re-read twice, not 500 times.
 */
export function coalesce(
  fn: () => void,
  ms: number,
  timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis,
): { call(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let owed = false;
  const open = () => {
    timer = timers.setTimeout(() => {
      timer = undefined;
      if (!owed) return;
      owed = false;
      fn();
      open(); // the call just made starts a window of its own
    }, ms);
  };
  return {
    call() {
      if (timer !== undefined) {
        owed = true;
        return;
      }
      fn();
      open();
    },
    cancel() {
      timers.clearTimeout(timer);
      timer = undefined;
      owed = false;
    },
  };
}
