import type { ConnectConfig } from 'ssh2';
import { OpsError, isOpsError } from '../../../shared/api/errors';
import type { Endpoint } from '../types';
import { sshError } from './errors';

export interface PoolVault {
  reveal(id: string): { kind: string; value: string; keyPassphrase?: string };
  describe?(id: string): { name: string } | null;
}

/**
 * The ssh2 authentication options for an endpoint's credential, and a phrase
 * naming what was tried for failure messages. The secret is read only here.
 */
export function authFor(
  ep: Endpoint,
  vault: PoolVault,
  agentSocket: string | undefined,
): { auth: Partial<ConnectConfig>; tried: string } {
  const a = ep.auth;
  if (a.kind === 'agent') {
    const agent = agentSocket ?? process.env.SSH_AUTH_SOCK;
    if (!agent) {
      throw sshError(
        {
          state: 'auth-failed',
          message: `${ep.name}: no ssh-agent is running (SSH_AUTH_SOCK is not set) and the CI has no credential.`,
        },
        ep,
      );
    }
    return { auth: { agent }, tried: 'publickey via the ssh-agent' };
  }
  const name = vault.describe?.(a.secretId)?.name ?? a.secretId;
  let secret: { value: string; keyPassphrase?: string };
  try {
    secret = vault.reveal(a.secretId);
  } catch (e) {
    if (isOpsError(e) && e.code === 'locked') {
      const message = `${ep.name}: the vault is locked; unlock it to use the credential '${name}'.`;
      throw new OpsError('locked', message, { state: 'failed', message, ciId: ep.ciId });
    }
    throw e;
  }
  if (a.kind === 'key') {
    return {
      auth: { privateKey: secret.value, ...(secret.keyPassphrase ? { passphrase: secret.keyPassphrase } : {}) },
      tried: `publickey (key '${name}')`,
    };
  }
  return { auth: { password: secret.value, tryKeyboard: false }, tried: `password (secret '${name}')` };
}
