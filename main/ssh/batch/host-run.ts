import { isOpsError } from '../../../shared/api/errors';
import type { HostState } from '../../../shared/api/ssh';
import type { Lease, SshFailure } from '../types';

/** The reasons a host's AbortController is aborted with. */
export const TIMEOUT = 'timeout';
export const CANCELLED = 'cancelled';

/** What one host's operation (exec, push, fetch) reports. */
export interface OpResult {
  state: 'ok' | 'failed';
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  sha256: string | null;
  error: string | null;
}

export interface OpIo {
  signal: AbortSignal;
  /** what is left of the host's deadline */
  timeoutMs: number;
  maxOutputBytes: number;
  onStdout(chunk: string): void;
  onStderr(chunk: string): void;
}

export interface HostTarget {
  ci: { id: string; name: string; type: string };
  address: string;
}

/** One host's work once connected; `payload` is what the service prepared for it (e.g. its rendered command). */
export type HostOp = (lease: Lease, host: HostTarget, payload: string, io: OpIo) => Promise<OpResult>;

class Aborted extends Error {
  constructor(readonly reason: unknown) {
    super('aborted');
  }
}

/**
 * Settles with `p`, or rejects as soon as `signal` aborts, whichever comes
 * first, so a pool or channel that ignores its signal can never hold a host
 * past its deadline. A value that arrives too late goes to `late` (e.g. a
 * lease to release).
 */
export function raceAbort<T>(p: Promise<T>, signal: AbortSignal, late?: (v: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      reject(new Aborted(signal.reason));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        if (settled) late?.(v);
        else {
          settled = true;
          resolve(v);
        }
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (!settled) {
          settled = true;
          reject(e);
        }
      },
    );
  });
}

const failureStates: readonly string[] = [
  'unreachable',
  'auth-failed',
  'hostkey-held',
  'hostkey-changed',
  'timed-out',
  'cancelled',
  'failed',
];

/** An error from the pool, the resolver or an op, as a final state and a sentence. */
export function classify(
  e: unknown,
  signal: AbortSignal,
  phase: 'connecting' | 'running',
  host: HostTarget,
  timeoutSec: number,
): { state: HostState; message: string } {
  if (signal.aborted) {
    if (signal.reason === TIMEOUT) {
      return {
        state: 'timed-out',
        message:
          phase === 'connecting'
            ? `${host.ci.name} (${host.address}) did not complete the SSH login within ${timeoutSec} s.`
            : `The command on ${host.ci.name} did not finish within ${timeoutSec} s and was stopped.`,
      };
    }
    return { state: 'cancelled', message: `Cancelled while ${phase}.` };
  }
  if (isOpsError(e)) {
    const d = e.details as Partial<SshFailure> | undefined;
    if (d && typeof d.state === 'string' && failureStates.includes(d.state)) {
      return { state: d.state, message: d.message ?? e.message };
    }
    if (e.code === 'timeout') return { state: 'timed-out', message: e.message };
    if (e.code === 'cancelled') return { state: 'cancelled', message: e.message };
    return { state: 'failed', message: e.message };
  }
  return { state: 'failed', message: `${host.ci.name}: ${e instanceof Error ? e.message : String(e)}` };
}
