import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import type { HostState } from '../../shared/api/ssh';

/**
 * How the SSH domain's parts meet: the connection pool (connection/), the
 * host-key gate (hostkeys/), batch runs (batch/) and terminals (terminal/)
 * depend on these shapes, not on each other's files.
 */

/** One hop: where to connect and as whom. Secrets are fetched from the vault at connect time, never stored here. */
export interface Endpoint {
  ciId: string;
  name: string;
  host: string;
  port: number;
  user: string;
  auth: AuthSource;
}

export type AuthSource =
  | { kind: 'key'; secretId: string }
  | { kind: 'password'; secretId: string }
  /** the local ssh-agent (SSH_AUTH_SOCK) */
  | { kind: 'agent' };

/** A host CI resolved for connecting: the jump chain outermost first, then the target. */
export interface ResolvedTarget {
  target: Endpoint;
  jumps: Endpoint[];
}

/**
 * Why a connection did not happen, as a host state a person can read. `message`
 * says what to do ("host key changed for web-01:22 — possible man-in-the-middle;
 * review it in Known hosts").
 */
export interface SshFailure {
  state: Extract<
    HostState,
    'unreachable' | 'auth-failed' | 'hostkey-held' | 'hostkey-changed' | 'timed-out' | 'cancelled' | 'failed'
  >;
  message: string;
}

/**
 * What the pool asks before authenticating: 'wait' (interactive: the person
 * decides now, within a timeout) or 'hold' (batch: an unknown key fails fast
 * with state hostkey-held and waits in the review list).
 */
export type HostKeyMode = 'wait' | 'hold';

export interface AcquireOptions {
  signal?: AbortSignal;
  /** handshake + auth deadline for the whole chain */
  timeoutMs: number;
  hostKeyMode: HostKeyMode;
  actor: string;
}

export interface ExecResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
}

export interface ExecOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  /** bytes kept per stream; the rest is counted and dropped */
  maxOutputBytes: number;
  onStdout?(chunk: string): void;
  onStderr?(chunk: string): void;
}

/**
 * A borrowed, authenticated connection. Channels are counted against sshd's
 * MaxSessions; release() returns the lease (the connection stays open for reuse).
 */
export interface Lease {
  readonly client: Client;
  exec(command: string, opts: ExecOptions): Promise<ExecResult>;
  shell(opts: { cols: number; rows: number; term?: string }): Promise<ClientChannel>;
  sftp(): Promise<SFTPWrapper>;
  release(): void;
}

export interface SshPool {
  /** Rejects with an OpsError whose details is an SshFailure. */
  acquire(target: ResolvedTarget, opts: AcquireOptions): Promise<Lease>;
  /** connections currently open (for tests and the status bar) */
  openCount(): number;
  closeAll(): Promise<void>;
}

/** Resolves a host CI into endpoints (address, user, credential, jump chain); throws OpsError with a readable reason. */
export interface TargetResolver {
  resolve(ciId: string): ResolvedTarget;
}
