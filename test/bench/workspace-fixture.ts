import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../main/applog/types';
import { AuditLog } from '../../main/audit/audit-log';
import { systemClock } from '../../main/clock';
import { allMigrations } from '../../main/schema';
import { openWorkspace, type Workspace } from '../../main/store/workspace';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `opsroom-bench-${prefix}-`));
}

/** A real workspace file, opened exactly as the app opens it (same pragmas, same migrations). */
export function openBenchWorkspace(file: string): { workspace: Workspace; audit: AuditLog } {
  const workspace = openWorkspace({ path: file, clock: systemClock, logger: silentLogger, migrations: allMigrations });
  return { workspace, audit: new AuditLog({ db: workspace.db, clock: systemClock }) };
}

/** Varied but realistic entries: the size of the details drives the hashing cost. */
export function sampleEntry(i: number) {
  return {
    actor: i % 7 === 0 ? 'cli' : 'alice',
    action: i % 2 === 0 ? 'workspace.snapshots.take' : 'settings.update',
    target: `target-${i % 97}`,
    outcome: (i % 2 === 0 ? 'started' : 'ok') as 'started' | 'ok',
    details: { requestId: `req-${i}`, label: `bench entry ${i}`, values: { 'log.level': 'info' } },
  };
}

/** Seeding only: one transaction around many appends, which the app itself never does. */
export function seedAudit(audit: AuditLog, db: Workspace['db'], n: number): void {
  db.transaction(() => {
    for (let i = 0; i < n; i++) audit.append(sampleEntry(i));
  })();
}
