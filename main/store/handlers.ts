import { OpsError } from '../../shared/api/errors';
import type { CheckResult } from '../../shared/api/workspace';
import type { AuditLog } from '../audit/audit-log';
import type { JobRunner } from '../jobs/runner';
import type { EventBus } from '../rpc/events';
import type { Handlers } from '../rpc/router';
import type { SettingsService } from '../settings/service';
import { check } from './check';
import type { Workspace } from './workspace';

type WorkspaceHandlers = Pick<
  Handlers,
  | 'workspace.info'
  | 'workspace.check'
  | 'workspace.snapshots.list'
  | 'workspace.snapshots.take'
  | 'workspace.snapshots.restore'
>;

export function workspaceHandlers(deps: {
  workspace: Workspace;
  jobs: JobRunner;
  audit: AuditLog;
  settings: SettingsService;
  bus: EventBus;
  /**
   * Runs after a live restore, before 'workspace.restored' is published:
   * services that mirror tables in memory read them again (the restore
   * copied the snapshot's pages under them).
   */
  onRestored?(): void | Promise<void>;
}): WorkspaceHandlers {
  const { workspace, jobs, audit, settings, bus, onRestored } = deps;
  const clock = workspace.clock;

  return {
    'workspace.info': () => workspace.info(),

    // A full integrity_check of a large workspace takes seconds: it runs as a job and the call returns at once.
    'workspace.check': (input, ctx) =>
      jobs.start({ kind: 'workspace.check', title: 'Workspace check', actor: ctx.actor }, async (jobCtx) => {
        const started = clock.now();
        jobCtx.log('info', `checking ${workspace.path} (${input.full ? 'full integrity_check' : 'quick_check'})`);
        const steps = check(workspace, { full: input.full });
        for (const s of steps) jobCtx.log(s.ok ? 'info' : 'error', `${s.name}: ${s.message}`);
        jobCtx.throwIfCancelled();

        const chain = audit.verify({
          onProgress: (done, total) => jobCtx.progress(done, total, 'verifying audit chain'),
        });
        const chainStep = chain.ok
          ? { name: 'audit_chain', ok: true, message: `${chain.entries} entries verified` }
          : {
              name: 'audit_chain',
              ok: false,
              message: `broken at entry ${chain.firstBad.seq}: ${chain.firstBad.reason} (${chain.entries} entries before it verified)`,
            };
        jobCtx.log(chainStep.ok ? 'info' : 'error', `${chainStep.name}: ${chainStep.message}`);
        steps.push(chainStep);

        const result: CheckResult = {
          ok: steps.every((s) => s.ok),
          checkedAt: started,
          durationMs: clock.now() - started,
          steps,
        };
        return result;
      }),

    'workspace.snapshots.list': () => ({
      snapshots: workspace.snapshots.list(),
      keep: settings.get()['workspace.snapshotKeep'],
    }),

    'workspace.snapshots.take': (input) => {
      const snap = workspace.snapshots.take('manual', input.label);
      workspace.snapshots.prune(settings.get()['workspace.snapshotKeep']);
      return snap;
    },

    'workspace.snapshots.restore': async (input) => {
      const { restored, safety } = await workspace.snapshots.restore(input.id);
      // Settings roll back with the snapshot; the service caches them, so re-read.
      settings.reload();
      try {
        await onRestored?.();
      } catch (e) {
        throw new OpsError(
          'internal',
          `The snapshot ${restored.id} was restored, but some services could not read it again (${(e as Error).message}). Restart Opsroom before going on.`,
          { id: restored.id, safety: safety.id },
        );
      } finally {
        // The workspace changed either way: every open view and cached list in the renderer reads it again.
        bus.publish('workspace.restored', { snapshotId: restored.id, at: clock.now() });
      }
      return { restored, safety };
    },
  };
}
