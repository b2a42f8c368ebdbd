/**
 * Closing the App (jobs drained, workspace closed, log flushed) is async,
 * while Electron's quit events are not. This runs the close once, however
 * many quit paths fire, and always quits afterwards, even if closing failed.
 */
export function createShutdown(opts: {
  close: () => Promise<void>;
  quit: () => void;
  onError?: (err: unknown) => void;
}): { readonly done: boolean; readonly started: boolean; run(): Promise<void> } {
  let started = false;
  let done = false;
  let running: Promise<void> | undefined;
  return {
    get started() {
      return started;
    },
    get done() {
      return done;
    },
    run() {
      if (running) return running;
      started = true;
      running = (async () => {
        try {
          await opts.close();
        } catch (err) {
          opts.onError?.(err);
        } finally {
          done = true;
          opts.quit();
        }
      })();
      return running;
    },
  };
}
