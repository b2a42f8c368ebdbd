import type { Snapshot } from '../../shared/api/workspace';
import type { Logger } from '../applog/types';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { SettingsService } from '../settings/service';
import type { Workspace } from './workspace';

const checkEveryMs = 60_000;

/**
 * Takes a 'scheduled' snapshot whenever the newest snapshot (of any reason:
 * a manual or safety snapshot is just as good a copy) is older than the
 * interval. The setting is read on every tick so a change applies without a
 * restart, and the timer is unref'd so it never keeps a CLI process alive.
 */
export class SnapshotScheduler {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly log: Logger;

  constructor(
    private readonly opts: {
      workspace: Workspace;
      settings: SettingsService;
      audit: AuditLog;
      clock: Clock;
      logger: Logger;
    },
  ) {
    this.log = opts.logger.child('snapshot-scheduler');
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), checkEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One check; returns the snapshot it took, if any. Never throws: a failed snapshot is logged and audited. */
  tick(): Snapshot | null {
    const { workspace, settings, audit, clock } = this.opts;
    let target = workspace.snapshotDir;
    try {
      const s = settings.get();
      const intervalMin = s['workspace.snapshotIntervalMinutes'];
      if (intervalMin <= 0 || workspace.readOnly) return null;
      const last = workspace.snapshots.list()[0];
      const now = clock.now();
      if (last && now - last.createdAt < intervalMin * 60_000) return null;

      const snap = workspace.snapshots.take('scheduled');
      target = snap.id;
      const removed = workspace.snapshots.prune(s['workspace.snapshotKeep']);
      audit.append({
        actor: 'opsroom',
        action: 'workspace.snapshot.scheduled',
        target: snap.id,
        outcome: 'ok',
        details: { sizeBytes: snap.sizeBytes, pruned: removed.map((r) => r.id) },
      });
      return snap;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.error('scheduled snapshot failed', { error: message });
      try {
        audit.append({
          actor: 'opsroom',
          action: 'workspace.snapshot.scheduled',
          target,
          outcome: 'error',
          details: { message },
        });
      } catch (auditErr) {
        this.log.error('could not audit the failed snapshot', { error: String(auditErr) });
      }
      return null;
    }
  }
}
