import { useState } from 'react';
import { notifyError, notifyOk } from '../../shell/notify';

/**
 * "Delete X?" for a list: the row asked about, and the confirmed call that
 * says what happened, reloads the list, and closes the question either way.
 */
export function useConfirmedDelete<T>(opts: {
  remove(item: T): Promise<unknown>;
  done(item: T): string;
  failed: string;
  reload(): void;
}) {
  const [deleting, setDeleting] = useState<T | null>(null);
  const confirm = async () => {
    if (deleting === null) return;
    try {
      await opts.remove(deleting);
      notifyOk(opts.done(deleting));
      opts.reload();
    } catch (e) {
      notifyError(e, opts.failed);
    }
    setDeleting(null);
  };
  return { deleting, ask: setDeleting, cancel: () => setDeleting(null), confirm };
}

/**
 * A per-row action ("Evaluate now", "Pull now") run from a list: which key is
 * running (for its button's spinner), a failure notified, the list reloaded.
 */
export function useRowAction(failed: string, reload: () => void) {
  const [running, setRunning] = useState<string | null>(null);
  const run = async (key: string, action: () => Promise<void>) => {
    setRunning(key);
    try {
      await action();
    } catch (e) {
      notifyError(e, failed);
    } finally {
      setRunning(null);
      reload();
    }
  };
  return { running, run };
}
