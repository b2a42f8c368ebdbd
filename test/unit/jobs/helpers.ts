import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../../../main/clock';
import { jobsMigrations } from '../../../main/jobs/schema';
import { EventBus } from '../../../main/rpc/events';
import type { Db } from '../../../main/store/migration';

export class FakeClock implements Clock {
  constructor(public t = 1_700_000_000_000) {}
  now(): number {
    return this.t;
  }
}

export interface JobsFixture {
  dir: string;
  file: string;
  db: Db;
  clock: FakeClock;
  bus: EventBus;
  events: { topic: string; payload: unknown }[];
  reopen(): Db;
  close(): void;
}

export function openJobsFixture(): JobsFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-jobs-'));
  const file = path.join(dir, 'workspace.db');
  const dbs: Db[] = [];
  const open = () => {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    dbs.push(db);
    return db;
  };
  const db = open();
  for (const m of jobsMigrations) m.up(db);
  const bus = new EventBus();
  const events: { topic: string; payload: unknown }[] = [];
  bus.subscribe('jobs.updated', (payload) => events.push({ topic: 'jobs.updated', payload }));
  bus.subscribe('jobs.log', (payload) => events.push({ topic: 'jobs.log', payload }));
  return {
    dir,
    file,
    db,
    clock: new FakeClock(),
    bus,
    events,
    reopen: open,
    close() {
      for (const d of dbs) if (d.open) d.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A promise the test resolves or rejects by hand, to hold a job in 'running'. */
export function gate<T = void>(): { promise: Promise<T>; open(v: T): void; fail(e: unknown): void } {
  let open!: (v: T) => void;
  let fail!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    open = res;
    fail = rej;
  });
  return { promise, open, fail };
}

export const tick = () => new Promise((r) => setTimeout(r, 0));
