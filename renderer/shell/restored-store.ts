import { create } from 'zustand';
import type { OpsClient } from '../../shared/api/client';

/**
 * Counts live workspace restores seen by this window. The shell keys the
 * current view on it, so a restore (from any window or the CLI) remounts the
 * view and everything it loaded is read again from the restored file.
 */
export const useRestored = create<{ epoch: number; bump(): void }>((set) => ({
  epoch: 0,
  bump: () => set((s) => ({ epoch: s.epoch + 1 })),
}));

/** Follows 'workspace.restored'. Returns the stop function. */
export function startRestoredFeed(client: OpsClient): () => void {
  return client.on('workspace.restored', () => useRestored.getState().bump());
}
