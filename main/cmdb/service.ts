import { randomUUID } from 'node:crypto';
import type { CallOutput, ParsedInput } from '../../shared/api';
import { ciInput, type Ci, type CiRef, type FieldDef, type Relation } from '../../shared/api/cmdb-model';
import { OpsError } from '../../shared/api/errors';
import type { Job } from '../../shared/api/jobs';
import type { SecretMeta } from '../../shared/api/vault';
import type { Logger } from '../applog/types';
import type { Clock } from '../clock';
import type { JobRunner } from '../jobs/runner';
import type { EventBus } from '../rpc/events';
import type { Db } from '../store/migration';
import type { Codecs } from './codecs';
import { duplicateError, inputOf, materialize, type RuleDeps } from './ci-rules';
import { GraphQueries } from './graph/queries';
import { ImportService, type ImportSource } from './import-service';
import { CiStore } from './store/ci-store';
import { FieldDefs } from './store/fields';
import { HistoryStore, type WriteContext } from './store/history';
import { RelationStore } from './store/relations';
import { SearchQueries } from './store/search-queries';
import { ViewStore } from './store/views';
import { toRef } from './store/rows';

export type { WriteContext };

/** What the CMDB needs from the vault; absent in tests and tools that do not open it. */
export interface VaultPort {
  describe(id: string): SecretMeta | null;
  importKeyFile(path: string, name?: string): Promise<SecretMeta>;
  isUnlocked(): boolean;
  listSecrets?(): SecretMeta[];
}

export interface CmdbServiceOptions {
  db: Db;
  clock: Clock;
  bus?: EventBus;
  logger: Logger;
  jobs: JobRunner;
  vault?: VaultPort;
  /** the parsers and exporters; loaded from main/cmdb/import and /export when absent */
  codecs?: Codecs;
}

const maxEventIds = 500;

/**
 * The CMDB: configuration items, their relationships, history, search, graph
 * queries, saved views, import and export. Every write takes the caller's
 * context so history rows carry actor, request id and the audit seq.
 */
export class CmdbService {
  readonly cis: CiStore;
  readonly fields: FieldDefs;
  readonly relations: RelationStore;
  readonly history: HistoryStore;
  readonly views: ViewStore;
  readonly search: SearchQueries;
  readonly graph: GraphQueries;
  readonly imports: ImportService;
  /** for the vault: which CIs use a secret, and letting go of one being deleted */
  readonly usage: {
    usedBy(secretIds: readonly string[]): Map<string, { id: string; name: string }[]>;
    detach(secretId: string, ctx?: WriteContext): number;
  };
  private readonly log: Logger;

  constructor(private readonly opts: CmdbServiceOptions) {
    const { db } = opts;
    this.log = opts.logger.child('cmdb');
    this.cis = new CiStore(db);
    this.fields = new FieldDefs(db, (id) => this.cis.has(id));
    this.relations = new RelationStore(db);
    this.history = new HistoryStore(db, opts.clock);
    this.views = new ViewStore(db);
    this.search = new SearchQueries(db);
    this.graph = new GraphQueries(db, this.cis);
    this.imports = new ImportService({
      db,
      clock: opts.clock,
      jobs: opts.jobs,
      vault: opts.vault,
      logger: this.log,
      cis: this.cis,
      fields: this.fields,
      history: this.history,
      relations: this.relations,
      search: this.search,
      changed: (ids, all) => this.changed(ids, all),
      codecs: opts.codecs,
    });
    this.usage = {
      usedBy: (secretIds) => this.usedBy(secretIds),
      detach: (secretId, ctx) => this.detach(secretId, ctx),
    };
  }

  private get db(): Db {
    return this.opts.db;
  }

  private rules(): RuleDeps {
    const vault = this.opts.vault;
    return { cis: this.cis, fields: this.fields, describeSecret: vault ? (id) => vault.describe(id) : undefined };
  }

  /** Runs fn in a transaction; cached field definitions are dropped if it rolls back. */
  private tx<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (e) {
      this.fields.invalidate();
      throw e;
    }
  }

  /**
   * After a write: drop the in-memory indexes it made stale and tell clients.
   * The graph holds only ids, names, types and relations, so edits that change
   * none of those (status, tags, bulk edits…) keep it.
   */
  changed(ids: readonly string[], all = false, graph = true): void {
    if (graph) this.graph.invalidate();
    this.search.invalidate();
    this.opts.bus?.publish('cmdb.changed', {
      ids: all ? [] : ids.slice(0, maxEventIds),
      all: all || ids.length > maxEventIds,
    });
  }

  // ---- reads -------------------------------------------------------------

  require(id: string): Ci {
    const c = this.cis.get(id);
    if (!c) throw new OpsError('not_found', `There is no CI "${id}"; it may have been deleted.`, { id });
    return c;
  }

  /** By id, or by name when the name is unique across types. */
  resolve(idOrName: string): Ci {
    const byId = this.cis.get(idOrName);
    if (byId) return byId;
    const named = this.cis.findByName(idOrName);
    if (named.length === 1) return named[0]!;
    if (named.length > 1) {
      throw new OpsError(
        'bad_input',
        `Several CIs are named ${idOrName} (${named.map((c) => c.type).join(', ')}); use the id instead.`,
        { ids: named.map((c) => c.id) },
      );
    }
    throw new OpsError('not_found', `There is no CI with the id or name "${idOrName}".`, { name: idOrName });
  }

  get(input: ParsedInput<'cmdb.ci.get'>): CallOutput<'cmdb.ci.get'> {
    const ci = 'id' in input ? this.require(input.id) : this.resolve(input.name);
    const { outgoing, incoming } = this.relations.ofCi(ci.id);
    const credId = ci.connection?.credentialId ?? null;
    const jumpId = ci.connection?.jumpHostId ?? null;
    const jump = jumpId ? this.cis.get(jumpId) : null;
    return {
      ci,
      outgoing,
      incoming,
      credential: credId && this.opts.vault ? this.opts.vault.describe(credId) : null,
      jumpHost: jump ? toRef(jump) : null,
    };
  }

  // ---- CI writes ---------------------------------------------------------

  create(raw: ParsedInput<'cmdb.ci.create'>, ctx: WriteContext): Ci {
    const input = ciInput.parse(raw);
    const now = this.opts.clock.now();
    const ci = this.tx(() => {
      if (this.cis.findByTypeName(input.type, input.name)) throw duplicateError(input.type, input.name);
      const pending = new Map<string, FieldDef>();
      const c = materialize(input, { id: randomUUID(), createdAt: now, version: 1 }, now, this.rules(), pending);
      this.fields.createInferred(pending);
      this.cis.insert(c);
      this.history.record(ctx, 'create', c, null, c, now);
      return c;
    });
    this.changed([ci.id]);
    return ci;
  }

  update(input: ParsedInput<'cmdb.ci.update'>, ctx: WriteContext): Ci {
    const now = this.opts.clock.now();
    const ci = this.tx((): { after: Ci; renamed: boolean } => {
      const before = this.require(input.id);
      if (before.version !== input.version) {
        throw new OpsError(
          'conflict',
          `${before.name} was changed by someone else since you opened it; reload and try again.`,
          {
            id: before.id,
            version: before.version,
          },
        );
      }
      const { connection: patchConn, ...rest } = input.patch;
      const merged = { ...inputOf(before), ...rest };
      if (patchConn !== undefined)
        merged.connection = patchConn === null ? null : { ...(before.connection ?? {}), ...patchConn };
      const parsed = ciInput.parse(merged);
      if (parsed.type !== before.type || parsed.name !== before.name) {
        const other = this.cis.findByTypeName(parsed.type, parsed.name);
        if (other && other.id !== before.id) throw duplicateError(parsed.type, parsed.name);
      }
      const pending = new Map<string, FieldDef>();
      const after = materialize(
        parsed,
        { id: before.id, createdAt: before.createdAt, version: before.version + 1 },
        now,
        this.rules(),
        pending,
      );
      this.fields.createInferred(pending);
      this.cis.update(after, before);
      this.history.record(ctx, 'update', after, before, after, now);
      return { after, renamed: after.name !== before.name || after.type !== before.type };
    });
    this.changed([ci.after.id], false, ci.renamed);
    return ci.after;
  }

  delete(input: ParsedInput<'cmdb.ci.delete'>, ctx: WriteContext): { deleted: number } {
    const now = this.opts.clock.now();
    const ids = [...new Set(input.ids)];
    const deleted = this.tx(() => {
      const doomed = new Set(ids);
      const rels = this.relations.touching(ids);
      let n = 0;
      for (const id of ids) {
        const before = this.cis.get(id);
        if (!before) continue;
        // Hosts that jumped through this one lose their jump host (ON DELETE SET NULL); say so in their history.
        for (const dependent of this.db
          .prepare<[string], { id: string }>('SELECT id FROM cmdb_cis WHERE jump_host_id = ?')
          .all(id)) {
          if (doomed.has(dependent.id)) continue;
          const d = this.cis.get(dependent.id)!;
          const after: Ci = {
            ...d,
            connection: { ...d.connection!, jumpHostId: null },
            updatedAt: now,
            version: d.version + 1,
          };
          this.cis.update(after, d);
          this.history.record(ctx, 'update', after, d, after, now);
        }
        this.cis.delete(id);
        this.history.record(ctx, 'delete', before, before, null, now);
        n++;
      }
      // The relations went with the CIs (ON DELETE CASCADE); the surviving ends keep a trace.
      for (const r of rels) {
        for (const end of [r.from, r.to]) {
          if (doomed.has(end.id)) continue;
          this.history.record(ctx, 'unrelate', end, { relation: relationSummary(r) }, null, now);
        }
      }
      return n;
    });
    this.changed(ids, ids.length > maxEventIds);
    return { deleted };
  }

  bulkUpdate(input: ParsedInput<'cmdb.ci.bulkUpdate'>, ctx: WriteContext): { updated: number } {
    const now = this.opts.clock.now();
    const ids = [...new Set(input.ids)];
    const remove = new Set(input.removeTags);
    const updated = this.tx(() => {
      let n = 0;
      for (const id of ids) {
        const before = this.cis.get(id);
        if (!before) continue;
        const tags = [...new Set([...before.tags.filter((t) => !remove.has(t)), ...input.addTags])];
        const next: Ci = { ...before, ...input.set, tags } as Ci;
        if (next.environment === '') next.environment = null;
        if (JSON.stringify(inputOf(next)) === JSON.stringify(inputOf(before))) continue;
        const after: Ci = { ...next, updatedAt: now, version: before.version + 1 };
        this.cis.update(after, before);
        this.history.record(ctx, 'update', after, before, after, now);
        n++;
      }
      return n;
    });
    this.changed(ids, true, false);
    return { updated };
  }

  defineField(def: FieldDef): FieldDef {
    return this.fields.define(def);
  }

  // ---- relations ---------------------------------------------------------

  addRelation(input: ParsedInput<'cmdb.relations.add'>, ctx: WriteContext): Relation {
    const now = this.opts.clock.now();
    const rel = this.tx(() => {
      const from = this.require(input.from);
      const to = this.require(input.to);
      const types = this.relations.listTypes();
      if (!types.some((t) => t.name === input.type)) {
        throw new OpsError(
          'bad_input',
          `There is no relationship type "${input.type}"; use one of ${types.map((t) => t.name).join(', ')}.`,
          {
            type: input.type,
          },
        );
      }
      const existing = this.relations.find(input.type, from.id, to.id);
      if (existing)
        throw new OpsError('conflict', `${from.name} already ${input.type} ${to.name}.`, { id: existing.id });
      const id = randomUUID();
      this.relations.add(id, input.type, from.id, to.id, now);
      const r = this.relations.get(id)!;
      this.history.record(ctx, 'relate', from, null, { relation: relationSummary(r) }, now);
      if (to.id !== from.id) this.history.record(ctx, 'relate', to, null, { relation: relationSummary(r) }, now);
      return r;
    });
    this.changed([rel.from.id, rel.to.id]);
    return rel;
  }

  removeRelation(input: { id: string }, ctx: WriteContext): { removed: string } {
    const now = this.opts.clock.now();
    const rel = this.tx(() => {
      const r = this.relations.get(input.id);
      if (!r)
        throw new OpsError('not_found', `There is no relationship "${input.id}"; it may have been removed already.`, {
          id: input.id,
        });
      this.relations.remove(r.id);
      this.history.record(ctx, 'unrelate', r.from, { relation: relationSummary(r) }, null, now);
      if (r.to.id !== r.from.id)
        this.history.record(ctx, 'unrelate', r.to, { relation: relationSummary(r) }, null, now);
      return r;
    });
    this.changed([rel.from.id, rel.to.id]);
    return { removed: rel.id };
  }

  // ---- views, import, export --------------------------------------------

  saveView(input: ParsedInput<'cmdb.views.save'>): CallOutput<'cmdb.views.save'> {
    return this.views.save(input, this.opts.clock.now());
  }

  previewImport(source: ImportSource): Promise<CallOutput<'cmdb.import.preview'>> {
    return this.imports.preview(source);
  }

  runImport(source: ImportSource, mode: 'all-or-nothing' | 'skip-bad-rows', ctx: WriteContext): Promise<Job> {
    return this.imports.run(source, mode, ctx);
  }

  // ---- vault usage -------------------------------------------------------

  private usedBy(secretIds: readonly string[]): Map<string, { id: string; name: string }[]> {
    const out = new Map<string, { id: string; name: string }[]>(secretIds.map((s) => [s, []]));
    const stmt = this.db.prepare<[string], { id: string; name: string }>(
      'SELECT id, name FROM cmdb_cis WHERE credential_id = ? ORDER BY name',
    );
    for (const s of secretIds) out.set(s, stmt.all(s));
    return out;
  }

  /** The secret is going away: every CI that used it loses its credential (recorded in its history). */
  private detach(secretId: string, ctx: WriteContext = { actor: 'opsroom', requestId: randomUUID() }): number {
    const now = this.opts.clock.now();
    const ids = this.tx(() => {
      const users = this.usedBy([secretId]).get(secretId) ?? [];
      for (const u of users) {
        const before = this.cis.get(u.id)!;
        const after: Ci = {
          ...before,
          connection: { ...before.connection!, credentialId: null },
          updatedAt: now,
          version: before.version + 1,
        };
        this.cis.update(after, before);
        this.history.record(ctx, 'update', after, before, after, now);
      }
      return users.map((u) => u.id);
    });
    if (ids.length) {
      this.log.info('credential detached from CIs', { secretId, count: ids.length });
      this.changed(ids, false, false);
    }
    return ids.length;
  }
}

function relationSummary(r: Relation): { id: string; type: string; from: CiRef; to: CiRef } {
  return { id: r.id, type: r.type, from: r.from, to: r.to };
}
