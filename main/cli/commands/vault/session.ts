import type { CallOutput, MethodName } from '../../../../shared/api';
import type { App } from '../../../app';
import { callOrThrow, withApp, workspacePathOf } from '../../common';

export type VaultMethod = Extract<MethodName, `vault.${string}`>;

/** A vault call through the router, so the CLI is audited exactly like the UI. */
export type VaultCall = <M extends VaultMethod>(method: M, input?: unknown) => Promise<CallOutput<M>>;

export type Print = (line: string) => void;

export function appCaller(app: App): VaultCall {
  return ((method: VaultMethod, input?: unknown) => callOrThrow(app, method, input)) as VaultCall;
}

/** Opens the workspace for one command; the vault locks (and zeroes its key) when the app closes. */
export function withVault<T>(workspace: unknown, fn: (call: VaultCall) => Promise<T>): Promise<T> {
  return withApp({ workspacePath: workspacePathOf(workspace) }, (app) => fn(appCaller(app)));
}

/** Each CLI command is its own process: the ones that need the key unlock first, with the passphrase given. */
export async function unlockFor(call: VaultCall, passphrase: string): Promise<void> {
  await call('vault.unlock', { passphrase, remember: false });
}

export const passphraseEnv = 'OPSROOM_PASSPHRASE';
export const exportPassphraseEnv = 'OPSROOM_EXPORT_PASSPHRASE';
