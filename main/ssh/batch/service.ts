import { OpsError } from '../../../shared/api/errors';
import type { BatchRun, Snippet } from '../../../shared/api/ssh';
import { commandOp } from './command-op';
import { exportCsv, exportFileName, exportJson } from './export';
import { fetchDestinations, fetchOp, pushOp } from './files';
import { groupOutputs } from './groups';
import { Launcher } from './launch';
import { renderAll, snippetParams } from './render';
import { BatchStore, type RunOptions } from './store';
import { SnippetStore, type SnippetInput } from './snippets';
import { preview, resolveTargets, type TargetPreview } from './targets';
import type { BatchCaller, BatchServiceOptions, SshInput, SshOutput } from './types';

/** Push content up to this size (base64) is kept with the run so that retry can send it again. */
const keepPushContentBytes = 8 * 1024 * 1024;

type RunInput = SshInput<'ssh.batch.run'>;
type Common = Pick<RunInput, 'targets' | 'concurrency' | 'timeoutSec' | 'confirmed'>;

/**
 * Batch runs across the fleet: commands (or snippets), file push and fetch,
 * on the hosts a selector picks, as jobs with live per-host states, stored
 * results, cancel, retry, grouped outputs and exports.
 */
export class BatchService {
  readonly store: BatchStore;
  readonly snippets: SnippetStore;
  private readonly launcher: Launcher;

  constructor(private readonly o: BatchServiceOptions) {
    this.store = new BatchStore(o.db);
    this.snippets = new SnippetStore(o.db, o.clock);
    this.launcher = new Launcher(o, this.store);
    if (!o.db.readonly) this.settleLeftovers();
  }

  preview(input: SshInput<'ssh.targets.preview'>): TargetPreview {
    return preview(resolveTargets(this.o.cmdb, input.targets));
  }

  run(input: RunInput, caller: BatchCaller): BatchRun {
    let template: string;
    let params: Record<string, string> = {};
    let snippetId: string | undefined;
    if (input.snippet) {
      const s = this.snippets.get(input.snippet.id);
      template = s.template;
      params = snippetParams(s.params, input.snippet.params);
      snippetId = s.id;
    } else if (input.command) {
      template = input.command;
    } else {
      throw new OpsError('bad_input', 'Give either a command or a snippet to run.');
    }
    return this.runCommand(input, template, params, { template, params, snippetId }, caller);
  }

  private runCommand(
    input: Common,
    template: string,
    params: Record<string, string>,
    options: RunOptions,
    caller: BatchCaller,
  ): BatchRun {
    const cis = resolveTargets(this.o.cmdb, input.targets);
    const { commands, errors } = renderAll(template, params, cis);
    return this.launcher.launch(
      {
        ...this.common(input),
        kind: 'command',
        label: template,
        cis,
        payloads: commands,
        errors,
        op: commandOp,
        options,
      },
      caller,
    );
  }

  pushFile(input: SshInput<'ssh.files.push'>, caller: BatchCaller): BatchRun {
    const content = Buffer.from(input.content, 'base64');
    if (content.toString('base64').replace(/=+$/, '') !== input.content.replace(/\s+/g, '').replace(/=+$/, '')) {
      throw new OpsError('bad_input', 'The file content is not valid base64; read the file again.');
    }
    const cis = resolveTargets(this.o.cmdb, input.targets);
    const label = `push ${input.fileName || 'file'} → ${input.remotePath}`;
    return this.launcher.launch(
      {
        ...this.common(input),
        kind: 'push',
        label,
        cis,
        payloads: cis.map(() => input.remotePath),
        errors: cis.map(() => null),
        op: pushOp(content, input.mode),
        options: {
          remotePath: input.remotePath,
          fileName: input.fileName,
          mode: input.mode,
          ...(input.content.length <= keepPushContentBytes ? { content: input.content } : {}),
        },
      },
      caller,
    );
  }

  fetchFile(input: SshInput<'ssh.files.fetch'>, caller: BatchCaller): BatchRun {
    const cis = resolveTargets(this.o.cmdb, input.targets);
    const dests = fetchDestinations(input.localDir, input.remotePath, cis);
    return this.launcher.launch(
      {
        ...this.common(input),
        kind: 'fetch',
        label: `fetch ${input.remotePath} → ${input.localDir}`,
        cis,
        payloads: dests,
        errors: cis.map(() => null),
        op: fetchOp(input.remotePath),
        options: { remotePath: input.remotePath, localDir: input.localDir },
      },
      caller,
    );
  }

  private common(input: Common) {
    return { concurrency: input.concurrency, timeoutSec: input.timeoutSec, confirmed: input.confirmed };
  }

  /** Cancels the whole run, or one host of it (a queued host never starts; a running one is stopped). */
  cancel(input: SshInput<'ssh.batch.cancel'>): BatchRun {
    const { run } = this.require(input.runId);
    if (run.finishedAt !== null) return run;
    const live = this.launcher.live.get(run.id);
    if (input.ciId !== undefined) {
      if (!this.store.hosts(run.id).some((h) => h.ci.id === input.ciId)) {
        throw new OpsError('not_found', `That host is not part of this run.`, { runId: run.id, ciId: input.ciId });
      }
      if (live?.execution) live.execution.cancelHost(input.ciId);
      else live?.preCancelled.add(input.ciId);
      return this.require(run.id).run;
    }
    if (run.jobId) {
      const job = this.o.jobs.cancel(run.jobId);
      if (job.state !== 'running') this.launcher.settleOrphan(run.id, 'The run was cancelled before it started.');
    }
    return this.require(run.id).run;
  }

  /** Resolves when the run has ended (its job finished and every host is final). */
  async wait(runId: string): Promise<BatchRun> {
    const { run } = this.require(runId);
    if (run.finishedAt !== null || !run.jobId) return run;
    await this.o.jobs.wait(run.jobId);
    this.launcher.settleOrphan(runId, 'The run’s job ended before this host ran.');
    return this.require(runId).run;
  }

  /** A new run on the hosts that did not end ok, with the same command and options. */
  retry(input: SshInput<'ssh.batch.retry'>, caller: BatchCaller): BatchRun {
    const { run, options } = this.require(input.runId);
    if (run.finishedAt === null) {
      throw new OpsError('conflict', 'This run is still going; retry it once it has finished (or cancel it).');
    }
    const ids = this.store
      .hosts(run.id)
      .filter((h) => h.state !== 'ok')
      .map((h) => h.ci.id)
      .filter((id) => this.o.cmdb.cis.get(id) !== null);
    if (!ids.length)
      throw new OpsError('bad_input', 'Every host of this run ended ok (or no longer exists); nothing to retry.');
    const common: Common = {
      targets: { ids, tags: [] },
      concurrency: run.concurrency,
      timeoutSec: run.timeoutSec,
      confirmed: input.confirmed,
    };
    if (run.kind === 'command') {
      return this.runCommand(common, options.template ?? run.command, options.params ?? {}, options, caller);
    }
    if (run.kind === 'push') {
      if (options.content === undefined) {
        throw new OpsError(
          'bad_input',
          'This push was too large to keep for a retry; push the file again to these hosts.',
        );
      }
      return this.pushFile(
        {
          ...common,
          content: options.content,
          fileName: options.fileName ?? '',
          remotePath: options.remotePath!,
          mode: options.mode ?? 0o644,
        },
        caller,
      );
    }
    return this.fetchFile({ ...common, remotePath: options.remotePath!, localDir: options.localDir! }, caller);
  }

  list(input: SshInput<'ssh.batch.list'>): SshOutput<'ssh.batch.list'> {
    return { runs: this.store.listRuns(input.limit) };
  }

  get(input: SshInput<'ssh.batch.get'>): SshOutput<'ssh.batch.get'> {
    const { run } = this.require(input.runId);
    const hosts = this.store.hosts(run.id);
    return { run, hosts, groups: groupOutputs(hosts) };
  }

  export(input: SshInput<'ssh.batch.export'>): SshOutput<'ssh.batch.export'> {
    const { run } = this.require(input.runId);
    const hosts = this.store.hosts(run.id);
    const content = input.format === 'json' ? exportJson(run, hosts) : exportCsv(hosts);
    return { fileName: exportFileName(run, input.format), content };
  }

  listSnippets(): Snippet[] {
    return this.snippets.list();
  }

  saveSnippet(input: SnippetInput): Snippet {
    return this.snippets.save(input);
  }

  deleteSnippet(id: string): string {
    return this.snippets.delete(id);
  }

  /** The run as stored, after any host rows still buffered by a live run are written. */
  private require(runId: string): NonNullable<ReturnType<BatchStore['getRun']>> {
    this.launcher.live.get(runId)?.execution?.flushStore();
    const r = this.store.getRun(runId);
    if (!r) throw new OpsError('not_found', `There is no batch run "${runId}".`, { runId });
    return r;
  }

  /** Runs left unfinished by an earlier process whose job is no longer running (the job runner marked it interrupted). */
  private settleLeftovers(): void {
    for (const id of this.store.unfinished()) {
      const jobId = this.store.getRun(id)?.run.jobId;
      let running: boolean;
      try {
        running = jobId ? ['queued', 'running'].includes(this.o.jobs.get(jobId).state) : false;
      } catch {
        running = false;
      }
      if (!running) this.launcher.settleOrphan(id, 'Opsroom stopped before this host finished.');
    }
  }
}
