import { create } from 'zustand';
import type { OpsClient } from '../../shared/api/client';
import type { VaultStatus } from '../../shared/api/vault';

/**
 * The vault's lock state and the unlock dialog's request queue. Holds no secret:
 * passphrases live only in the dialog's local state for the length of one submit.
 */
interface VaultStore {
  status: VaultStatus | null;
  setStatus(status: VaultStatus): void;
  dialog: { open: boolean; reason: string | null };
  /** Callers of requireUnlocked() waiting on the dialog; true = unlocked, false = gave up. */
  waiters: ((unlocked: boolean) => void)[];
  askUnlock(reason?: string): Promise<boolean>;
  settle(unlocked: boolean): void;
}

export const useVault = create<VaultStore>((set, get) => ({
  status: null,
  setStatus: (status) => set({ status }),
  dialog: { open: false, reason: null },
  waiters: [],
  askUnlock: (reason) =>
    new Promise<boolean>((resolve) => {
      set((s) => ({ dialog: { open: true, reason: reason ?? s.dialog.reason }, waiters: [...s.waiters, resolve] }));
    }),
  settle: (unlocked) => {
    const waiters = get().waiters;
    set({ dialog: { open: false, reason: null }, waiters: [] });
    for (const w of waiters) w(unlocked);
  },
}));

/** One status call, then every 'vault.status' event, and the status again after a restore. Returns the stop function. */
export function startVaultFeed(client: OpsClient): () => void {
  const off = client.on('vault.status', (s) => useVault.getState().setStatus(s));
  const load = () =>
    void client
      .call('vault.status')
      .then((s) => useVault.getState().setStatus(s))
      .catch(() => {});
  const offRestored = client.on('workspace.restored', load);
  load();
  return () => {
    off();
    offRestored();
  };
}

export type VaultState = 'unknown' | 'none' | 'locked' | 'unlocked';

export function vaultState(s: VaultStatus | null): VaultState {
  if (!s) return 'unknown';
  if (!s.initialized) return 'none';
  return s.unlocked ? 'unlocked' : 'locked';
}

/** "locks in 4:05" for the tooltip; the countdown is advisory, the backend decides. */
export function autoLockText(s: VaultStatus | null, now: number): string {
  const state = vaultState(s);
  if (state === 'unknown') return 'Vault: checking…';
  if (state === 'none') return 'No vault yet — open the Vault view to create one';
  if (state === 'locked') return 'Vault locked — click to unlock';
  if (!s?.autoLockAt) return 'Vault unlocked (auto-lock off) — click to lock';
  const left = Math.max(0, Math.round((s.autoLockAt - now) / 1000));
  const m = Math.floor(left / 60);
  const sec = String(left % 60).padStart(2, '0');
  return `Vault unlocked — locks in ${m}:${sec} if idle; click to lock`;
}
