import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/api/jobs';
import type { CheckResult } from '../../../shared/api/workspace';
import { AuditLog } from '../../../main/audit/audit-log';
import { auditMigrations } from '../../../main/audit/schema';
import type { JobRunner } from '../../../main/jobs/runner';
import { EventBus } from '../../../main/rpc/events';
import type { CallContext } from '../../../main/rpc/router';
import { SettingsService } from '../../../main/settings/service';
import { settingsMigrations } from '../../../main/settings/schema';
import { jobsMigrations } from '../../../main/jobs/schema';
import { silentLogger } from '../../../main/applog/types';
import { workspaceHandlers } from '../../../main/store/handlers';
import { storeMigrations } from '../../../main/store/schema';
import type { Workspace } from '../../../main/store/workspace';
import { fakeClock, open, tempDir, type FakeClock } from './helpers';

/** A tiny real runner: runs the job function, records its logs, progress and result. */
function miniRunner() {
  const runs: { spec: unknown; logs: string[]; progress: unknown[]; done: Promise<unknown> }[] = [];
  const runner = {
    start(spec: { kind: string; title: string; actor: string }, fn: (ctx: unknown) => Promise<unknown>): Job {
      const logs: string[] = [];
      const progress: unknown[] = [];
      const ctx = {
        signal: new AbortController().signal,
        progress: (...a: unknown[]) => progress.push(a),
        log: (level: string, message: string) => logs.push(`${level}: ${message}`),
        throwIfCancelled() {},
      };
      runs.push({ spec, logs, progress, done: fn(ctx) });
      return {
        id: `job-${runs.length}`,
        ...spec,
        state: 'running',
        progress: { done: 0, total: null, message: '' },
        createdAt: 0,
        startedAt: 0,
        finishedAt: null,
      };
    },
  };
  return { runner: runner as unknown as JobRunner, runs };
}

const ctx: CallContext = { actor: 'alice', via: 'internal', requestId: 'r1' };
let tmp: ReturnType<typeof tempDir>;
let clock: FakeClock;
let ws: Workspace;
let audit: AuditLog;
let settings: SettingsService;
beforeEach(() => {
  tmp = tempDir();
  clock = fakeClock();
  ws = open(path.join(tmp.dir, 'ws.sqlite'), clock, [
    ...storeMigrations,
    ...auditMigrations,
    ...jobsMigrations,
    ...settingsMigrations,
  ]);
  audit = new AuditLog({ db: ws.db, clock });
  settings = new SettingsService({ db: ws.db, logger: silentLogger });
  settings.update({ 'workspace.snapshotKeep': 2 });
});
afterEach(() => {
  ws.close();
  tmp.cleanup();
});

function handlers(jobs: JobRunner, onRestored?: () => void | Promise<void>, bus = new EventBus()) {
  return workspaceHandlers({ workspace: ws, jobs, audit, settings, bus, onRestored });
}

describe('workspaceHandlers', () => {
  it('runs the check as a job: SQLite steps, then the audit chain, each logged', async () => {
    audit.append({ actor: 'alice', action: 'a', target: '', outcome: 'ok' });
    const { runner, runs } = miniRunner();
    const job = await handlers(runner)['workspace.check']({ full: true }, ctx);
    expect(job.kind).toBe('workspace.check');
    expect(runs[0]!.spec).toEqual({ kind: 'workspace.check', title: 'Workspace check', actor: 'alice' });
    const result = (await runs[0]!.done) as CheckResult;
    expect(result.ok).toBe(true);
    expect(result.checkedAt).toBe(clock.t);
    expect(result.steps.map((s) => s.name)).toEqual([
      'integrity_check',
      'foreign_key_check',
      'schema_version',
      'audit_chain',
    ]);
    expect(runs[0]!.logs.some((l) => l.startsWith('info: audit_chain: 1 entries'))).toBe(true);
  });

  it('reports a broken audit chain as ok:false in the result', async () => {
    audit.append({ actor: 'alice', action: 'a', target: '', outcome: 'ok' });
    ws.db.exec('DROP TRIGGER audit_log_no_update');
    ws.db.exec("UPDATE audit_log SET actor = 'mallory'");
    const { runner, runs } = miniRunner();
    await handlers(runner)['workspace.check']({ full: false }, ctx);
    const result = (await runs[0]!.done) as CheckResult;
    expect(result.ok).toBe(false);
    expect(result.steps.find((s) => s.name === 'audit_chain')!.ok).toBe(false);
  });

  it('takes, lists with keep, prunes to the setting, and restores', async () => {
    const h = handlers(miniRunner().runner);
    const taken = [];
    for (let i = 0; i < 3; i++) {
      clock.t += 1000;
      taken.push(await h['workspace.snapshots.take']({ label: `n${i}` }, ctx));
    }
    const listed = await h['workspace.snapshots.list']({}, ctx);
    expect(listed.keep).toBe(2);
    expect(listed.snapshots.map((s) => s.id)).toEqual([taken[2]!.id, taken[1]!.id]);
    const r = await h['workspace.snapshots.restore']({ id: taken[1]!.id }, ctx);
    expect(r.restored.id).toBe(taken[1]!.id);
    expect(r.safety.reason).toBe('pre-restore');
    expect((await h['workspace.info']({}, ctx)).lastSnapshotAt).toBe(clock.t);
  });

  it('after a restore runs the hook once, then publishes workspace.restored with the snapshot', async () => {
    const bus = new EventBus();
    const order: string[] = [];
    const published: unknown[] = [];
    bus.subscribe('workspace.restored', (p) => {
      order.push('published');
      published.push(p);
    });
    const hook = async () => {
      order.push('hook');
      // The hook sees the restored file: the row written after the snapshot is gone.
      expect(settings.get()['workspace.snapshotKeep']).toBe(2);
      await Promise.resolve();
    };
    const h = handlers(miniRunner().runner, hook, bus);
    clock.t += 1000;
    const snap = await h['workspace.snapshots.take']({}, ctx);
    settings.update({ 'workspace.snapshotKeep': 7 });
    clock.t += 5000;
    await h['workspace.snapshots.restore']({ id: snap.id }, ctx);
    expect(order).toEqual(['hook', 'published']);
    expect(published).toEqual([{ snapshotId: snap.id, at: clock.t }]);
  });

  it('publishes nothing and skips the hook when the restore is refused', async () => {
    const bus = new EventBus();
    let published = 0;
    let hooked = 0;
    bus.subscribe('workspace.restored', () => published++);
    const h = handlers(miniRunner().runner, () => void hooked++, bus);
    await expect(h['workspace.snapshots.restore']({ id: 'no-such.sqlite' }, ctx)).rejects.toThrow();
    expect([hooked, published]).toEqual([0, 0]);
  });

  it('a failing hook still publishes (the workspace did change) and says to restart', async () => {
    const bus = new EventBus();
    let published = 0;
    bus.subscribe('workspace.restored', () => published++);
    const h = handlers(
      miniRunner().runner,
      () => {
        throw new Error('series index unreadable');
      },
      bus,
    );
    const snap = await h['workspace.snapshots.take']({}, ctx);
    await expect(h['workspace.snapshots.restore']({ id: snap.id }, ctx)).rejects.toThrow(
      /was restored, but some services could not read it again \(series index unreadable\)\. Restart Opsroom/,
    );
    expect(published).toBe(1);
  });
});
