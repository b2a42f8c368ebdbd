import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppLogLine } from '../../../shared/api/applog';
import { applogHandlers } from '../../../main/applog/handlers';
import { createAppLogger, type AppLogger } from '../../../main/applog/logger';
import { EventBus } from '../../../main/rpc/events';

let dir: string;
let loggers: AppLogger[];
const clock = {
  t: 1_700_000_000_000,
  now() {
    return this.t;
  },
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-applog-'));
  loggers = [];
});
afterEach(async () => {
  for (const l of loggers) await l.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function make(extra: Partial<Parameters<typeof createAppLogger>[0]> = {}): AppLogger {
  const l = createAppLogger({ dir: path.join(dir, 'logs', 'nested'), clock, ...extra });
  loggers.push(l);
  return l;
}

function readLines(file: string): unknown[] {
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('app logger', () => {
  it('appends JSON lines with time, level, scope, msg and data, creating the directory', () => {
    const log = make();
    log.info('started', { port: 8080 });
    log.child('rpc').warn('slow call', { method: 'x', err: new Error('bad thing') });
    expect(log.file).toBe(path.join(dir, 'logs', 'nested', 'opsroom.log'));
    const lines = readLines(log.file) as AppLogLine[];
    expect(lines[0]).toEqual({ time: clock.t, level: 'info', scope: 'app', msg: 'started', data: { port: 8080 } });
    expect(lines[1]!.scope).toBe('rpc');
    const err = lines[1]!.data!.err as { message: string; stack: string };
    expect(err.message).toBe('bad thing');
    expect(err.stack).toMatch(/bad thing/);
  });

  it('filters by level for the file and the bus; setLevel changes it', () => {
    const bus = new EventBus();
    const seen: AppLogLine[] = [];
    bus.subscribe('applog.line', (l) => seen.push(l));
    const log = make({ bus, level: 'warn' });
    log.info('dropped');
    log.error('kept');
    log.setLevel('debug');
    log.debug('now kept');
    expect((readLines(log.file) as AppLogLine[]).map((l) => l.msg)).toEqual(['kept', 'now kept']);
    expect(seen.map((l) => l.msg)).toEqual(['kept', 'now kept']);
  });

  it('redacts secret-looking keys, nested in objects and arrays', () => {
    const log = make();
    log.info('connect', {
      host: 'db1',
      password: 'hunter2',
      auth: { Authorization: 'Bearer abc', apiToken: 't0k', nested: [{ private_key: 'PEM', ok: 1 }] },
      passphrase: 'x',
      cookies: ['c'],
      clientSecret: 's',
      tokenCount: 3,
    });
    const text = fs.readFileSync(log.file, 'utf8');
    for (const secret of ['hunter2', 'Bearer abc', 't0k', 'PEM', '"c"', '"s"']) expect(text).not.toContain(secret);
    const data = (readLines(log.file)[0] as AppLogLine).data!;
    expect(data).toEqual({
      host: 'db1',
      password: '[redacted]',
      auth: { Authorization: '[redacted]', apiToken: '[redacted]', nested: [{ private_key: '[redacted]', ok: 1 }] },
      passphrase: '[redacted]',
      cookies: '[redacted]',
      clientSecret: '[redacted]',
      tokenCount: '[redacted]',
    });
  });

  it('rotates at maxBytes and keeps maxFiles files', () => {
    const log = make({ maxBytes: 1000, maxFiles: 3 });
    for (let i = 0; i < 100; i++) log.info(`line ${i}`, { pad: 'x'.repeat(50) });
    const logDir = path.dirname(log.file);
    expect(fs.readdirSync(logDir).sort()).toEqual(['opsroom.1.log', 'opsroom.2.log', 'opsroom.log']);
    for (const f of fs.readdirSync(logDir)) expect(fs.statSync(path.join(logDir, f)).size).toBeLessThanOrEqual(1000);
    const last = readLines(log.file) as AppLogLine[];
    expect(last.at(-1)!.msg).toBe('line 99');
    const older = readLines(path.join(logDir, 'opsroom.1.log')) as AppLogLine[];
    expect(older.at(-1)!.msg).toBe(`line ${Number(last[0]!.msg.split(' ')[1]) - 1}`);
  });

  it('tails across rotated files, oldest to newest, with level and text filters', () => {
    const log = make({ maxBytes: 600, maxFiles: 4, level: 'debug' });
    for (let i = 0; i < 30; i++) {
      const level = i % 3 === 0 ? 'warn' : 'debug';
      log.child(i % 2 ? 'jobs' : 'rpc')[level](`event ${i}`);
    }
    const last12 = log.tail({ limit: 12, minLevel: 'debug' });
    expect(last12.map((l) => l.msg)).toEqual(Array.from({ length: 12 }, (_, k) => `event ${18 + k}`));
    expect(fs.existsSync(path.join(path.dirname(log.file), 'opsroom.1.log'))).toBe(true);
    expect(readLines(log.file).length).toBeLessThan(12); // so the tail really crossed a rotation

    const warns = log.tail({ limit: 100, minLevel: 'warn' });
    expect(warns.every((l) => l.level === 'warn')).toBe(true);
    expect(warns.at(-1)!.msg).toBe('event 27');
    const jobsOnly = log.tail({ limit: 3, minLevel: 'debug', text: 'JOBS event 1' });
    expect(jobsOnly.map((l) => l.msg)).toEqual(['event 15', 'event 17', 'event 19']);
  });

  it('skips malformed lines when tailing and survives close/reopen', async () => {
    const log = make();
    log.info('first');
    fs.appendFileSync(log.file, 'not json\n{"time":1,"level":"loud","scope":"x","msg":"bad level"}\n{"half":');
    fs.appendFileSync(log.file, '\n');
    log.info('second');
    await log.close();
    log.info('after close');
    expect(log.tail({ limit: 10, minLevel: 'debug' }).map((l) => l.msg)).toEqual(['first', 'second', 'after close']);
    expect(
      applogHandlers(log)['applog.tail'](
        { limit: 1, minLevel: 'debug' },
        { actor: 'a', via: 'internal', requestId: 'r' },
      ),
    ).toEqual({
      lines: [expect.objectContaining({ msg: 'after close' })],
      file: log.file,
    });
  });
});
