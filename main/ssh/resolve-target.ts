import os from 'node:os';
import { connectableTypes, type Ci } from '../../shared/api/cmdb-model';
import { OpsError } from '../../shared/api/errors';
import type { AuthSource, Endpoint, ResolvedTarget, TargetResolver } from './types';

/** ProxyJump chains longer than this are almost certainly a mistake (OpenSSH itself caps recursion too). */
export const MAX_JUMP_HOPS = 8;

export interface ResolverCmdb {
  /** throws OpsError not_found for an unknown id (CmdbService.require) */
  require(id: string): Ci;
}

export interface ResolverVault {
  describe(id: string): { name: string; kind: string } | null;
}

export interface CmdbTargetResolverOptions {
  cmdb: ResolverCmdb;
  vault: ResolverVault;
  /** the local ssh-agent socket; defaults to SSH_AUTH_SOCK */
  agentSocket?: () => string | undefined;
  /** the login used when a CI names none; defaults to the OS user */
  osUser?: () => string;
}

/**
 * Turns a host CI into endpoints: address, port, login, credential and the
 * ProxyJump chain (outermost first). Every refusal names the CI and what to
 * set on it, since the person fixes it on the CI page.
 */
export class CmdbTargetResolver implements TargetResolver {
  constructor(private readonly o: CmdbTargetResolverOptions) {}

  resolve(ciId: string): ResolvedTarget {
    const target = this.endpoint(this.o.cmdb.require(ciId));
    const jumps: Endpoint[] = [];
    const seen = new Set<string>([target.ciId]);
    let next = this.o.cmdb.require(ciId).connection?.jumpHostId ?? null;
    while (next) {
      if (seen.has(next)) {
        throw new OpsError(
          'bad_input',
          `The jump-host chain of ${target.name} loops back to a CI it already passed; fix the jump host on its CI page.`,
          { ciId, loopAt: next },
        );
      }
      if (jumps.length >= MAX_JUMP_HOPS) {
        throw new OpsError(
          'bad_input',
          `The jump-host chain of ${target.name} is longer than ${MAX_JUMP_HOPS} hops; shorten it on the CI pages.`,
          { ciId },
        );
      }
      seen.add(next);
      let jumpCi: Ci;
      try {
        jumpCi = this.o.cmdb.require(next);
      } catch (e) {
        throw new OpsError(
          'not_found',
          `The jump host of ${target.name} no longer exists; choose another one on its CI page.`,
          { ciId, jumpHostId: next, cause: e instanceof Error ? e.message : String(e) },
        );
      }
      jumps.unshift(this.endpoint(jumpCi));
      next = jumpCi.connection?.jumpHostId ?? null;
    }
    return { target, jumps };
  }

  private endpoint(ci: Ci): Endpoint {
    if (!connectableTypes.includes(ci.type)) {
      throw new OpsError(
        'bad_input',
        `${ci.name} is a ${ci.type}; only host, vm and network-device CIs can be connected to.`,
        { ciId: ci.id, type: ci.type },
      );
    }
    const c = ci.connection;
    const host = c?.address?.trim();
    if (!host) {
      throw new OpsError('bad_input', `${ci.name} has no address: set one on its CI page.`, { ciId: ci.id });
    }
    const user = c?.user?.trim() || (this.o.osUser ?? defaultOsUser)();
    return { ciId: ci.id, name: ci.name, host, port: c?.port ?? 22, user, auth: this.auth(ci) };
  }

  private auth(ci: Ci): AuthSource {
    const credId = ci.connection?.credentialId ?? null;
    if (credId) {
      const meta = this.o.vault.describe(credId);
      if (!meta) {
        throw new OpsError(
          'not_found',
          `The credential of ${ci.name} is no longer in the vault; choose another one on its CI page.`,
          { ciId: ci.id, credentialId: credId },
        );
      }
      if (meta.kind === 'ssh-key') return { kind: 'key', secretId: credId };
      if (meta.kind === 'password') return { kind: 'password', secretId: credId };
      throw new OpsError(
        'bad_input',
        `The credential "${meta.name}" of ${ci.name} is a ${meta.kind}; SSH needs an ssh-key or a password.`,
        { ciId: ci.id, credentialId: credId, kind: meta.kind },
      );
    }
    if ((this.o.agentSocket ?? (() => process.env.SSH_AUTH_SOCK))()) return { kind: 'agent' };
    throw new OpsError(
      'bad_input',
      `${ci.name} has no credential and no ssh-agent is running (SSH_AUTH_SOCK is not set): choose an SSH key or password from the vault on its CI page.`,
      { ciId: ci.id },
    );
  }
}

function defaultOsUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'root';
  }
}
