import { isOpsError } from '../../shared/api/errors';
import type { HostState } from '../../shared/api/ssh';
import type { Handlers } from '../rpc/router';
import { isSshFailure } from './connection/errors';
import type { HostKeyService } from './hostkeys/service';
import type { SshPool, TargetResolver } from './types';

export type HostKeyMethod =
  | 'ssh.hostkeys.list'
  | 'ssh.hostkeys.accept'
  | 'ssh.hostkeys.reject'
  | 'ssh.hostkeys.replace'
  | 'ssh.hostkeys.remove'
  | 'ssh.hostkeys.import'
  | 'ssh.hostkeys.export'
  | 'ssh.test';

/** What ssh.test needs besides the host keys: resolve the CI and log in through the pool. */
export interface ConnectionTester {
  pool: SshPool;
  resolver: TargetResolver;
  timeoutMs?: number;
}

/** The review actions are router mutations, so each is audited with its actor; replace carries its reason. */
export function hostkeysHandlers(service: HostKeyService, tester: ConnectionTester): Pick<Handlers, HostKeyMethod> {
  return {
    'ssh.hostkeys.list': (i) => service.list(i.host),
    'ssh.hostkeys.accept': (i, ctx) => service.accept(i.ids, i.remember, ctx.actor),
    'ssh.hostkeys.reject': (i, ctx) => service.reject(i.ids, ctx.actor),
    'ssh.hostkeys.replace': (i, ctx) => service.replace(i.pendingId, i.reason, ctx.actor),
    'ssh.hostkeys.remove': (i) => service.remove(i.id),
    'ssh.hostkeys.import': (i, ctx) => service.import(i.content, ctx.actor),
    'ssh.hostkeys.export': (i) => service.export(i.hashed),
    'ssh.test': (i, ctx) => testConnection(tester, i.id, ctx.actor),
  };
}

/**
 * Resolves and logs in ('hold': an unknown key is listed for review, never
 * waited on here), runs nothing, and says what happened and how long it took.
 */
export async function testConnection(
  t: ConnectionTester,
  ciId: string,
  actor: string,
): Promise<{ ok: boolean; state: HostState; message: string; durationMs: number }> {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  try {
    const target = t.resolver.resolve(ciId);
    const lease = await t.pool.acquire(target, { timeoutMs: t.timeoutMs ?? 15_000, hostKeyMode: 'hold', actor });
    lease.release();
    const ep = target.target;
    const via = target.jumps.length ? ` via ${target.jumps.map((j) => j.name).join(' → ')}` : '';
    return {
      ok: true,
      state: 'ok',
      message: `Logged in to ${ep.name} as ${ep.user} (${ep.auth.kind})${via}.`,
      durationMs: ms(),
    };
  } catch (e) {
    if (isOpsError(e) && isSshFailure(e.details))
      return { ok: false, state: e.details.state, message: e.details.message, durationMs: ms() };
    return { ok: false, state: 'failed', message: e instanceof Error ? e.message : String(e), durationMs: ms() };
  }
}
