/**
 * Keeps the vault's data key on this device so the desktop app can unlock
 * without the passphrase. Only an OS keychain may hold it; where there is
 * none, `availability()` says why and nothing is ever saved.
 */
export interface Rememberer {
  availability(): { available: boolean; reason: string };
  save(vaultId: string, dek: Buffer): void;
  load(vaultId: string): Buffer | null;
  forget(vaultId: string): void;
  has(vaultId: string): boolean;
}

export const rememberNeedsDesktop = 'Remembering an unlock needs the desktop app and the OS keychain.';

/** For web mode and the CLI: never remembers, and says why. */
export function unavailableRememberer(reason: string = rememberNeedsDesktop): Rememberer {
  return {
    availability: () => ({ available: false, reason }),
    save() {
      throw new Error(reason);
    },
    load: () => null,
    forget() {},
    has: () => false,
  };
}
