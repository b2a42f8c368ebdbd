import { isOpsError } from '../../shared/api/errors';
import { useVault } from './vault-store';

/**
 * Runs `action`; when it fails because the vault is locked, asks for the
 * passphrase through `ask` and retries once per successful unlock. Giving up
 * rethrows the original 'locked' error so the caller reports it as usual.
 */
export async function withUnlockRetry<T>(
  action: () => Promise<T>,
  ask: (reason: string) => Promise<boolean>,
  maxAttempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (e) {
      if (!isOpsError(e) || e.code !== 'locked' || attempt >= maxAttempts) throw e;
      if (!(await ask(e.message))) throw e;
    }
  }
}

/** withUnlockRetry bound to the shell's unlock dialog. */
export function requireUnlocked<T>(action: () => Promise<T>): Promise<T> {
  return withUnlockRetry(action, (reason) => useVault.getState().askUnlock(reason));
}
