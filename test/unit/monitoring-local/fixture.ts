import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger, type LogData, type Logger } from '../../../main/applog/types';
import { createLocalPart, type LocalPart } from '../../../main/monitoring/local/part';
import { allMigrations } from '../../../main/schema';
import { SettingsService } from '../../../main/settings/service';
import { openWorkspace, type Workspace } from '../../../main/store/workspace';
import type { Settings } from '../../../shared/api/settings';

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(public t = Date.UTC(2026, 10, 27, 9, 0, 0)) {}
  now = (): number => this.t;
}

/** Keeps what the part logs at warn and error, so a test sees a failure the tick swallowed. */
export class RecordingLogger implements Logger {
  readonly entries: { level: 'warn' | 'error'; msg: string; data?: LogData }[] = [];
  debug(): void {}
  info(): void {}
  warn(msg: string, data?: LogData): void {
    this.entries.push({ level: 'warn', msg, data });
  }
  error(msg: string, data?: LogData): void {
    this.entries.push({ level: 'error', msg, data });
  }
  child(): Logger {
    return this;
  }
  errors(): string[] {
    return this.entries.filter((e) => e.level === 'error').map((e) => `${e.msg}: ${JSON.stringify(e.data)}`);
  }
}

export interface LocalFixture {
  dir: string;
  file: string;
  clock: FakeClock;
  ws: Workspace;
  settings: SettingsService;
  part: LocalPart;
  log: RecordingLogger;
  /** closes the part and the workspace (a clean shutdown) */
  close(): Promise<void>;
  /** closes, then opens the same file again with a fresh part */
  reopen(): Promise<LocalFixture>;
  cleanup(): void;
  /** close(), then cleanup() even when close() reports logged errors */
  dispose(): Promise<void>;
}

function openAt(dir: string, clock: FakeClock, settings?: Partial<Settings>): LocalFixture {
  const file = path.join(dir, 'workspace.opsroom');
  const ws = openWorkspace({ path: file, clock, logger: silentLogger, migrations: allMigrations });
  const svc = new SettingsService({ db: ws.db, logger: silentLogger, clock });
  if (settings) svc.update(settings);
  const log = new RecordingLogger();
  const part = createLocalPart({ db: ws.db, clock, settings: svc, logger: log });
  const fx: LocalFixture = {
    dir,
    file,
    clock,
    ws,
    settings: svc,
    part,
    log,
    /** Also fails the test if the part logged an error it did not throw (a tick step that failed). */
    async close() {
      await part.close?.();
      ws.close();
      if (log.errors().length > 0) throw new Error(`the local part logged errors: ${log.errors().join('; ')}`);
    },
    async reopen() {
      await fx.close();
      return openAt(dir, clock);
    },
    cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async dispose() {
      try {
        await fx.close();
      } finally {
        fx.cleanup();
      }
    },
  };
  return fx;
}

/** A real workspace file in a temp folder with every domain's migrations, and the local part on it. */
export function openLocal(opts: { clock?: FakeClock; settings?: Partial<Settings> } = {}): LocalFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-local-'));
  return openAt(dir, opts.clock ?? new FakeClock(), opts.settings);
}
