import { OpsError, type ErrorCode } from '../../../shared/api/errors';
import { hostPort } from '../hostkeys/service';
import type { Endpoint, SshFailure } from '../types';

const codeOf: Record<SshFailure['state'], ErrorCode> = {
  unreachable: 'unavailable',
  'timed-out': 'timeout',
  cancelled: 'cancelled',
  'auth-failed': 'forbidden',
  'hostkey-held': 'conflict',
  'hostkey-changed': 'forbidden',
  failed: 'unavailable',
};

/** The pool's one error shape: an OpsError whose details are the SshFailure (plus where). */
export function sshError(f: SshFailure, where?: Endpoint): OpsError {
  return new OpsError(codeOf[f.state], f.message, {
    ...f,
    ...(where ? { ciId: where.ciId, host: where.host, port: where.port } : {}),
  });
}

export function isSshFailure(d: unknown): d is SshFailure {
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof (d as SshFailure).state === 'string' &&
    typeof (d as SshFailure).message === 'string'
  );
}

/**
 * A socket or ssh2 error as a sentence for one host. `authTried` names the
 * method so "auth failed" says what was refused.
 */
export function failureOf(err: unknown, ep: Endpoint, authTried: string): SshFailure {
  const e = err as NodeJS.ErrnoException & { level?: string };
  const at = hostPort(ep.host, ep.port);
  const who = ep.name;
  switch (e?.code) {
    case 'ECONNREFUSED':
      return { state: 'unreachable', message: `${who}: connection refused on ${at} (is sshd running on that port?).` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { state: 'unreachable', message: `${who}: no route to ${at} (host or network unreachable).` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return {
        state: 'unreachable',
        message: `${who}: the name ${ep.host} cannot be resolved; check the CI's address.`,
      };
    case 'ETIMEDOUT':
      return { state: 'timed-out', message: `${who}: connecting to ${at} timed out.` };
    case 'ECONNRESET':
    case 'EPIPE':
      return { state: 'unreachable', message: `${who}: ${at} closed the connection during the SSH handshake.` };
  }
  if (e?.level === 'client-authentication') {
    return { state: 'auth-failed', message: `${who}: ${authTried} was refused for user ${ep.user} on ${at}.` };
  }
  if (e?.level === 'client-timeout') {
    return { state: 'timed-out', message: `${who}: ${at} did not complete the SSH handshake in time.` };
  }
  const text = e instanceof Error ? e.message : String(err);
  if (/Cannot parse privateKey|Encrypted private|bad decrypt|passphrase/i.test(text)) {
    return {
      state: 'auth-failed',
      message: `${who}: the private key for ${authTried} could not be read (${text}); check the key and its passphrase in the vault.`,
    };
  }
  if (/Channel open failure|administratively prohibited|open failed/i.test(text)) {
    return { state: 'unreachable', message: `${who}: the jump host could not open a connection to ${at} (${text}).` };
  }
  return { state: 'unreachable', message: `${who}: the SSH connection to ${at} failed: ${text}.` };
}
