import { create } from 'zustand';
import type { PendingHostKey } from '../../shared/api/ssh';
import { client } from '../api/client';
import { upsertPending } from './hostkey-review-pure';

interface HostKeyReviewStore {
  pending: PendingHostKey[];
  open: boolean;
  setOpen(open: boolean): void;
  add(p: PendingHostKey): void;
  /** the server's list (after an action, or on start) */
  reload(): Promise<void>;
}

export const useHostKeyReview = create<HostKeyReviewStore>((set) => ({
  pending: [],
  open: false,
  setOpen: (open) => set({ open }),
  // A key waiting for review pops the dialog: a connection is held until someone decides.
  add: (p) => set((s) => ({ pending: upsertPending(s.pending, p), open: true })),
  reload: async () => {
    const r = await client.call('ssh.hostkeys.list', {});
    set((s) => ({ pending: r.pending, open: s.open && r.pending.length > 0 }));
  },
}));

/** Listens for keys waiting for review; returns the unsubscribe. */
export function startHostKeyFeed(): () => void {
  void useHostKeyReview
    .getState()
    .reload()
    .catch(() => {});
  return client.on('ssh.hostkeys.pending', (p) => useHostKeyReview.getState().add(p));
}
