import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CallOutput } from '../../shared/api';
import type { ImportPreview, ImportResult } from '../../shared/api/cmdb';
import type { CiQuery } from '../../shared/api/cmdb-model';
import { OpsError } from '../../shared/api/errors';
import type { Job } from '../../shared/api/jobs';
import type { Logger } from '../applog/types';
import type { Clock } from '../clock';
import type { JobContext, JobRunner } from '../jobs/runner';
import type { Db } from '../store/migration';
import { loadCodecs, type Codecs, type ExportFormat } from './codecs';
import { expandHome, identityFilesOf } from './identity-files';
import { planImport, type ImportPlan } from './import-plan';
import type { ImportMode, ImportSource } from './import-types';
import type { ParseResult } from './import/types';
import { writePlan } from './import-writer';
import type { CiStore } from './store/ci-store';
import type { FieldDefs } from './store/fields';
import type { HistoryStore, WriteContext } from './store/history';
import type { RelationStore } from './store/relations';
import type { SearchQueries } from './store/search-queries';
import type { VaultPort } from './service';

export type { ImportSource };

export interface ImportServiceDeps {
  db: Db;
  clock: Clock;
  jobs: JobRunner;
  vault?: VaultPort;
  logger: Logger;
  cis: CiStore;
  fields: FieldDefs;
  history: HistoryStore;
  relations: RelationStore;
  search: SearchQueries;
  changed(ids: readonly string[], all: boolean): void;
  codecs?: Codecs;
}

const sampleSize = 200;
const errorsInMessage = 5;

/** A ParseResult straight from hand-built records, for callers that already have them (tests, tools). */
export type RecordsSource = ImportSource & { parsed?: ParseResult };

/** Preview, run (as a job), CSV inspection and export: orchestration around the pure parsers. */
export class ImportService {
  constructor(private readonly d: ImportServiceDeps) {}

  private codecs(): Promise<Codecs> {
    return this.d.codecs ? Promise.resolve(this.d.codecs) : loadCodecs();
  }

  async inspect(content: string, delimiter?: ',' | ';' | '\t' | '|'): Promise<CallOutput<'cmdb.import.inspect'>> {
    return (await this.codecs()).inspectCsv(content, delimiter);
  }

  private async parse(source: RecordsSource): Promise<ParseResult> {
    if (source.parsed) return source.parsed;
    const codecs = await this.codecs();
    const home = os.homedir();
    return codecs.parseImport(source.format, source.content, {
      mapping: source.options.mapping,
      delimiter: source.options.delimiter,
      homeDir: home,
      baseDir: path.join(home, '.ssh'),
      listDir: (dir) => {
        try {
          return fs.readdirSync(expandHome(dir, home));
        } catch {
          return null;
        }
      },
      readFile: (p) => {
        try {
          return fs.readFileSync(expandHome(p, home), 'utf8');
        } catch {
          return null;
        }
      },
    });
  }

  private plan(
    parsed: ParseResult,
    source: ImportSource,
    credentialFor?: (p: string) => string | null,
    tick?: (done: number, total: number) => Promise<void>,
  ): Promise<ImportPlan> {
    const relationTypes = new Set(this.d.relations.listTypes().map((t) => t.name));
    return planImport(
      parsed,
      source.options,
      {
        cis: this.d.cis,
        fields: this.d.fields,
        relationTypes,
        relationExists: (type, from, to) => this.d.relations.find(type, from, to) !== null,
        now: this.d.clock.now(),
        credentialFor,
        secretExists: this.d.vault ? (id) => this.d.vault!.describe(id) !== null : undefined,
      },
      tick,
    );
  }

  /** Parses and compares with the inventory; writes nothing. */
  async preview(source: RecordsSource): Promise<ImportPreview> {
    const parsed = await this.parse(source);
    const plan = await this.plan(parsed, source);
    const count = (a: string) => plan.rows.filter((r) => r.action === a).length;
    return {
      format: source.format,
      records: parsed.records.length,
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      relations: plan.relations.length,
      errors: plan.errors,
      notices: plan.notices,
      sample: plan.rows.slice(0, sampleSize).map((r) => ({
        line: r.line,
        action: r.action,
        type: r.ci?.type ?? r.record.type,
        name: r.ci?.name ?? r.record.name,
        environment: r.ci ? r.ci.environment : (r.record.environment ?? null),
        tags: r.ci?.tags ?? r.record.tags ?? [],
        address: r.ci ? (r.ci.connection?.address ?? null) : (r.record.connection?.address ?? null),
      })),
      identityFiles: identityFilesOf(parsed.records, this.secrets()).map(({ secretId: _s, ...f }) => f),
    };
  }

  private secrets() {
    const v = this.d.vault;
    try {
      return v?.listSecrets ? v.listSecrets() : null;
    } catch {
      return null;
    }
  }

  /**
   * Starts the import job. Keys to seal need the vault unlocked, checked here
   * so the caller can ask for the passphrase before anything starts.
   */
  async run(source: RecordsSource, mode: ImportMode, ctx: WriteContext): Promise<Job> {
    if (source.options.importKeys.length) {
      if (!this.d.vault) throw new OpsError('unavailable', 'Keys cannot be imported: this Opsroom has no vault open.');
      if (!this.d.vault.isUnlocked()) {
        throw new OpsError(
          'locked',
          'Unlock the vault to import the SSH keys named by the file, or run the import without them.',
        );
      }
    }
    const title = `Import ${source.fileName || source.format}`;
    return this.d.jobs.start({ kind: 'cmdb.import', title, actor: ctx.actor }, (jctx) =>
      this.execute(source, mode, ctx, jctx),
    );
  }

  /** The job body; public so tests can drive it with their own JobContext. */
  async execute(source: RecordsSource, mode: ImportMode, ctx: WriteContext, jctx: JobContext): Promise<ImportResult> {
    jctx.progress(0, null, 'reading');
    const parsed = await this.parse(source);
    jctx.throwIfCancelled();
    if (mode === 'all-or-nothing' && parsed.errors.length) throw rowErrors(parsed.errors);
    const n = parsed.records.length;
    const total = 2 * n;
    const keys = await this.importKeys(parsed, source, jctx);
    const credentialFor = keys.size ? (p: string) => keys.get(p)?.id ?? null : undefined;
    const plan = await this.plan(parsed, source, credentialFor, async (done) => {
      jctx.progress(done, total, 'checking rows');
      await new Promise((r) => setImmediate(r));
      jctx.throwIfCancelled();
    });
    if (mode === 'all-or-nothing' && plan.errors.length) throw rowErrors(plan.errors);
    jctx.progress(n, total, 'writing');
    const every = Math.max(100, Math.ceil(n / 100));
    const result = writePlan(
      plan,
      mode,
      ctx,
      {
        db: this.d.db,
        cis: this.d.cis,
        fields: this.d.fields,
        history: this.d.history,
        insertRelation: (id, type, from, to, time) => void this.d.relations.add(id, type, from, to, time),
        newId: randomUUID,
        now: this.d.clock.now(),
      },
      {
        every,
        onChunk: (done) => {
          jctx.throwIfCancelled();
          jctx.progress(n + done, total, 'writing');
        },
      },
    );
    this.d.changed([], true);
    jctx.progress(total, total, 'done');
    const keysImported = [...keys.values()].filter((k) => k.imported).length;
    jctx.log(
      'info',
      `created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}, skipped ${result.skipped}, relations ${result.relations}, keys ${keysImported}`,
    );
    return { ...result, keysImported };
  }

  /** Seals each listed IdentityFile (unless the vault already has it) and returns path → secret id. */
  private async importKeys(
    parsed: ParseResult,
    source: ImportSource,
    jctx: JobContext,
  ): Promise<Map<string, { id: string; imported: boolean }>> {
    const out = new Map<string, { id: string; imported: boolean }>();
    const wanted = new Set(source.options.importKeys);
    if (!wanted.size) return out;
    const vault = this.d.vault!;
    if (!vault.isUnlocked())
      throw new OpsError(
        'locked',
        'The vault was locked before the keys could be imported; unlock it and run the import again.',
      );
    for (const f of identityFilesOf(parsed.records, this.secrets())) {
      if (!wanted.has(f.path)) continue;
      jctx.throwIfCancelled();
      if (f.secretId) {
        out.set(f.path, { id: f.secretId, imported: false });
        continue;
      }
      if (!f.exists)
        throw new OpsError(
          'not_found',
          `The key file ${f.path} (named by ${f.hosts.slice(0, 3).join(', ')}) is not on this machine.`,
          { path: f.path },
        );
      const meta = await vault.importKeyFile(expandHome(f.path), f.path);
      out.set(f.path, { id: meta.id, imported: true });
      jctx.log('info', `sealed ${f.path} into the vault`);
    }
    return out;
  }

  async export(format: ExportFormat, query: CiQuery | undefined): Promise<CallOutput<'cmdb.export'>> {
    const cis = this.d.search.all(query);
    const ids = query ? new Set(cis.map((c) => c.id)) : null;
    const relations = this.d.relations.among(ids);
    const out = (await this.codecs()).exportCis(format, { cis, relations });
    return { ...out, count: cis.length };
  }
}

function rowErrors(errors: { line: number; message: string }[]): OpsError {
  const first = errors
    .slice(0, errorsInMessage)
    .map((e) => `line ${e.line}: ${e.message}`)
    .join('; ');
  const more = errors.length > errorsInMessage ? ` (and ${errors.length - errorsInMessage} more)` : '';
  return new OpsError(
    'bad_input',
    `${errors.length} row${errors.length === 1 ? '' : 's'} cannot be imported, so nothing was written: ${first}${more}. Fix them, or import with "skip bad rows".`,
    { errors: errors.slice(0, 200) },
  );
}
