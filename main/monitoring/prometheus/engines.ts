import { OpsError } from '../../../shared/api/errors';
import type { QuerySource } from '../../../shared/api/monitoring-model';
import type { Datasource } from '../../../shared/api/monitoring-query';
import type { Clock } from '../../clock';
import type { SshPool, TargetResolver } from '../../ssh/types';
import type { Engine, Engines } from '../types';
import type { RevealSecret } from './auth';
import { Backoff, defaultBackoff, type BackoffPolicy } from './backoff';
import { PromClient } from './client';
import { promEngine } from './engine';
import type { PromTarget } from './http';
import { sshTunnelOpener } from './tunnel';
import { normalizeUrl } from './validate';

export interface ClientDeps {
  clock: Clock;
  reveal: RevealSecret | null;
  ssh: { resolver: TargetResolver; pool: SshPool } | null;
  backoff?: BackoffPolicy;
  quickRetryMs?: number;
}

export function targetOf(ds: Datasource): PromTarget {
  return {
    name: ds.name,
    url: ds.url,
    auth: ds.auth,
    caPem: ds.caPem,
    tunnelVia: ds.tunnelVia,
    timeoutMs: ds.timeoutMs,
  };
}

/**
 * One client per saved datasource, kept so its backoff window and its
 * keep-alive connections outlive a single call; rebuilt when the datasource
 * is saved again (a new URL or credential deserves a fresh try).
 */
export class PromClients {
  private readonly cache = new Map<string, { stamp: number; client: PromClient }>();

  constructor(private readonly deps: ClientDeps) {}

  forDatasource(ds: Datasource): PromClient {
    const hit = this.cache.get(ds.id);
    if (hit && hit.stamp === ds.updatedAt) return hit.client;
    hit?.client.close();
    const client = this.build(targetOf(ds));
    this.cache.set(ds.id, { stamp: ds.updatedAt, client });
    return client;
  }

  /** A bare URL, no auth, no tunnel (the CLI's `--datasource http://…`); the caller closes it. */
  adHoc(url: string, timeoutMs = 30_000): PromClient {
    const u = normalizeUrl(url);
    return this.build({ name: u, url: u, auth: { kind: 'none' }, caPem: null, tunnelVia: null, timeoutMs });
  }

  forget(id: string): void {
    this.cache.get(id)?.client.close();
    this.cache.delete(id);
  }

  closeAll(): void {
    for (const { client } of this.cache.values()) client.close();
    this.cache.clear();
  }

  private build(target: PromTarget): PromClient {
    const { ssh } = this.deps;
    return new PromClient({
      target,
      clock: this.deps.clock,
      http: { reveal: this.deps.reveal, openTunnel: ssh ? sshTunnelOpener(ssh, target.name) : null },
      backoff: new Backoff(this.deps.backoff ?? defaultBackoff),
      quickRetryMs: this.deps.quickRetryMs,
    });
  }
}

/** Routes a query source: the workspace's own series, or a saved Prometheus datasource. */
export class EngineRouter implements Engines {
  constructor(private readonly o: { local: Engine; datasource(id: string): Datasource | null; clients: PromClients }) {}

  engine(source: QuerySource): Engine {
    if (source.kind === 'local') return this.o.local;
    const ds = this.o.datasource(source.datasourceId);
    if (!ds) {
      throw new OpsError(
        'not_found',
        'The datasource of this query no longer exists; choose another one for the panel or rule.',
        { datasourceId: source.datasourceId },
      );
    }
    return promEngine(this.o.clients.forDatasource(ds));
  }
}
