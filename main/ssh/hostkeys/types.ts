import type { CiRef } from '../../../shared/api/cmdb-model';
import type { HostKeyMode, SshFailure } from '../types';

/** What the pool's hostVerifier asks about one presented key. */
export interface HostKeyCheck {
  host: string;
  port: number;
  /** the raw public key blob as ssh2 hands it to hostVerifier */
  key: Buffer;
  mode: HostKeyMode;
  /** the CI connecting (shown in the review list as waiting) */
  ci: CiRef;
  actor: string;
  signal?: AbortSignal;
  /** called while the decision waits on a person, so handshake deadlines can pause */
  onWait?(waiting: boolean): void;
}

export type HostKeyDecision = { ok: true } | { ok: false; failure: SshFailure };

/** The only door to authentication: the pool sends nothing until check() said ok. */
export interface HostKeyGate {
  check(c: HostKeyCheck): Promise<HostKeyDecision>;
}

export interface KnownHostRow {
  id: string;
  host: string;
  port: number;
  key_type: string;
  key_blob: string;
  fingerprint: string;
  accepted_by: string;
  accepted_at: number;
  source: 'prompt' | 'import' | 'replace';
  revoked: number;
  comment: string;
}
