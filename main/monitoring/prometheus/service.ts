import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { OpsError } from '../../../shared/api/errors';
import { datasourceInput, type Datasource, type DatasourceInput } from '../../../shared/api/monitoring-query';
import type { Logger } from '../../applog/types';
import type { Clock } from '../../clock';
import type { Db } from '../../store/migration';
import type { PromClients } from './engines';
import type { PromHealth } from './client';
import { DatasourceRows } from './store';
import { validateDatasource, type ValidateDeps } from './validate';

export interface DatasourceServiceOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  clients: PromClients;
  /** vault metadata and CMDB lookups for validation */
  checks: Omit<ValidateDeps, 'now'>;
}

/** Saved Prometheus datasources: validated before they are stored, tested on demand. */
export class DatasourceService {
  private readonly rows: DatasourceRows;
  private readonly log: Logger;

  constructor(private readonly o: DatasourceServiceOptions) {
    this.rows = new DatasourceRows(o.db);
    this.log = o.logger.child('monitoring.datasources');
  }

  list(): Datasource[] {
    return this.rows.list();
  }

  get(id: string): Datasource | null {
    return this.rows.get(id);
  }

  byName(name: string): Datasource | null {
    return this.rows.byName(name.trim());
  }

  require(id: string): Datasource {
    const ds = this.rows.get(id);
    if (!ds) throw new OpsError('not_found', `There is no datasource with id ${id}; it may have been deleted.`, { id });
    return ds;
  }

  /** The one marked default, else the only one, else null. */
  defaultId(): string | null {
    const all = this.rows.list();
    return all.find((d) => d.isDefault)?.id ?? (all.length === 1 ? all[0]!.id : null);
  }

  save(raw: DatasourceInput | z.output<typeof datasourceInput>): Datasource {
    const input = datasourceInput.parse(raw);
    const existing = input.id ? this.require(input.id) : null;
    const clash = this.rows.byName(input.name);
    if (clash && clash.id !== existing?.id) {
      throw new OpsError('conflict', `A datasource named "${clash.name}" already exists; choose another name.`, {
        field: 'name',
      });
    }
    const now = this.o.clock.now();
    const checked = validateDatasource(input, { ...this.o.checks, now: () => now });
    const ds: Datasource = {
      id: existing?.id ?? randomUUID(),
      name: input.name,
      kind: 'prometheus',
      url: checked.url,
      auth: input.auth,
      caPem: checked.caPem,
      tunnelVia: input.tunnelVia,
      timeoutMs: input.timeoutMs,
      isDefault: input.isDefault,
      createdAt: existing?.createdAt ?? now,
      // Strictly increasing, so the client cache notices two saves within one millisecond.
      updatedAt: existing ? Math.max(now, existing.updatedAt + 1) : now,
    };
    this.rows.upsert(ds);
    this.o.clients.forget(ds.id);
    this.log.info(existing ? 'datasource updated' : 'datasource created', {
      id: ds.id,
      url: ds.url,
      auth: ds.auth.kind,
      tunnel: Boolean(ds.tunnelVia),
    });
    return this.require(ds.id);
  }

  delete(id: string): { deleted: boolean } {
    const deleted = this.rows.delete(id);
    this.o.clients.forget(id);
    if (deleted) this.log.info('datasource deleted', { id });
    return { deleted };
  }

  test(id: string): Promise<PromHealth> {
    return this.o.clients.forDatasource(this.require(id)).health();
  }
}
