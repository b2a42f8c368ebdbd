import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearchArgs, searchCore } from '../../../main/cli/commands/logs';
import type { LogSource } from '../../../shared/api/monitoring-logs';
import { LAB_USER } from '../../support/sshd-lab';
import { labFile, startLogsLab, type LogsLab } from './fixture';

// File sources read over a real sshd, as the lab user, through the app's own pool and vault.
let L: LogsLab;
beforeAll(async () => {
  L = await startLogsLab({ untrusted: 1 });
}, 120_000);
afterAll(async () => L?.stop());

const messages = (r: { entries: { message: string }[] }) => r.entries.map((e) => e.message);

describe('file log source over SSH', () => {
  let src: LogSource;
  let file: string;

  it('pulls the lines of a file, guesses level and time, and search finds them by host and level', async () => {
    file = labFile(
      L.dir,
      'app.log',
      [
        '2026-11-27T07:00:01Z INFO service started on :8080',
        '2026-11-27T07:00:02Z ERROR upstream db-01 refused the connection',
        '2026-11-27T07:00:03Z WARN retrying connection in 5s',
        '',
      ].join('\n'),
    );
    src = await L.source({ ciId: L.hosts[0]!.id, kind: 'file', path: file });
    const after = await L.pull(src.id);
    expect(after).toMatchObject({ lastError: null, lines: 3, lastPullAt: L.f.clock.now() });

    const found = await L.search({ query: 'connection', hosts: ['web-01'], level: 'warning' });
    expect(found.total).toBe(2);
    expect(found.entries.map((e) => [e.host, e.unit, e.level, new Date(e.time).toISOString()])).toEqual([
      ['web-01', file, 'warning', '2026-11-27T07:00:03.000Z'],
      ['web-01', file, 'err', '2026-11-27T07:00:02.000Z'],
    ]);
    expect((await L.search({ query: 'connection', level: 'err' })).entries[0]!.highlighted).toContain(
      '\u0001connection\u0002',
    );
    expect((await L.search({ query: 'connection', hosts: ['db-01'] })).total).toBe(0);
  });

  it('publishes what it stored for the live tail', () => {
    const mine = L.tail.filter((t) => t.sourceId === src.id).flatMap((t) => t.entries);
    expect(mine.map((e) => e.message)).toEqual([
      '2026-11-27T07:00:01Z INFO service started on :8080',
      '2026-11-27T07:00:02Z ERROR upstream db-01 refused the connection',
      '2026-11-27T07:00:03Z WARN retrying connection in 5s',
    ]);
    expect(mine.every((e) => e.ciId === L.hosts[0]!.id && e.id > 0)).toBe(true);
  });

  it('the next pull gets only the new lines; a line still being written waits for its end', async () => {
    L.tail.length = 0;
    fs.appendFileSync(file, 'no timestamp, CRLF line\r\nhalf a li');
    expect(await L.pull(src.id)).toMatchObject({ lines: 4, lastError: null });
    expect(L.tail.flatMap((t) => t.entries).map((e) => [e.message, e.time])).toEqual([
      ['no timestamp, CRLF line', L.f.clock.now()],
    ]);
    fs.appendFileSync(file, 'ne, now complete\n');
    await L.pull(src.id);
    expect(messages(await L.search({ query: 'half' }))).toEqual(['half a line, now complete']);
    expect((await L.search({ units: [file] })).total).toBe(5);
  });

  it('follows a rename rotation: the rest of the old file, then the new file', async () => {
    fs.appendFileSync(file, 'last words of the old file\n');
    fs.renameSync(file, `${file}.1`);
    labFile(L.dir, 'app.log', 'first words of the new file\n');
    // One rotation pull reads the old file's rest and asks to come back at once: the schedule does.
    L.f.clock.advance(30_000);
    await L.f.logs.ticking!.tick();
    await L.f.logs.service.idle();
    expect(L.f.logs.service.sources.get(src.id)!.more).toBe(true);
    L.f.clock.advance(1000);
    await L.f.logs.ticking!.tick();
    await L.f.logs.service.idle();
    const all = await L.search({ units: [file], limit: 100 });
    expect(all.total).toBe(7);
    expect(messages(all).slice(0, 2).sort()).toEqual(['first words of the new file', 'last words of the old file']);
    expect(L.f.logs.service.sources.get(src.id)).toMatchObject({
      more: false,
      inode: String(fs.statSync(file).ino),
      offset: fs.statSync(file).size,
    });
  });

  it('records actionable errors: a missing file, a file the login user may not read', async () => {
    const missing = await L.source({ ciId: L.hosts[0]!.id, kind: 'file', path: path.join(L.dir, 'nope.log') });
    expect((await L.pull(missing.id)).lastError).toBe(
      `${path.join(L.dir, 'nope.log')} does not exist on web-01; check the path of the log source (or whether the file was rotated away).`,
    );
    const secret = labFile(L.dir, 'secret.log', 'root only\n', 0o600);
    const denied = await L.source({ ciId: L.hosts[0]!.id, kind: 'file', path: secret });
    expect((await L.pull(denied.id)).lastError).toBe(
      `${LAB_USER} on web-01 cannot read ${secret} (permission denied); add that user to the file's group (often adm) or choose another file.`,
    );
    // Fixed on the host: the next pull clears the error.
    fs.chmodSync(secret, 0o644);
    expect(await L.pull(denied.id)).toMatchObject({ lastError: null, lines: 1 });
  });

  it('holds a host whose key is not trusted yet, and says where to review it', async () => {
    const s = await L.source({ ciId: L.hosts[1]!.id, kind: 'file', path: file });
    const after = await L.pull(s.id);
    expect(after.lines).toBe(0);
    expect(after.lastError).toMatch(
      /^The host key of .+ is not known yet \(.+\); review it in Known hosts before connecting\.$/,
    );
  });

  it('opsroom logs search prints time, host, unit, level and message', async () => {
    const printed: string[] = [];
    const args = parseSearchArgs(['refused', '--host', 'web-01', '--level', 'err', '--since', '2026-11-27T06:00:00Z']);
    if (args === 'help') throw new Error('unexpected help');
    const code = await searchCore(
      (m, i) => L.f.call(m, i),
      args,
      (l) => printed.push(l),
    );
    expect(code).toBe(0);
    expect(printed).toEqual([
      `2026-11-27T07:00:02.000Z web-01 ${file} err 2026-11-27T07:00:02Z ERROR upstream db-01 refused the connection`,
      '1 line',
    ]);
    const json: string[] = [];
    await searchCore(
      (m, i) => L.f.call(m, i),
      { ...args, json: true },
      (l) => json.push(l),
    );
    expect(JSON.parse(json.join('\n'))).toMatchObject({ total: 1, entries: [{ host: 'web-01', level: 'err' }] });
  });
});

describe('closing while a host does not answer', () => {
  it('stops the running pull at once, records nothing on the source, and leaves it to the next start', async () => {
    // A FIFO nobody writes to: the remote read blocks, as on a hung NFS mount.
    const fifo = path.join(L.dir, 'hung.log');
    execFileSync('mkfifo', ['-m', '0644', fifo]);
    const part = L.f.makePart({ limits: { execTimeoutMs: 120_000 } });
    const src = await L.source({ ciId: L.hosts[0]!.id, kind: 'file', path: fifo });
    const pulling = part.service.pull([src.id]);
    // Until the remote read is really blocked on the FIFO (a process condition, not a sleep).
    const blocked = () => spawnSync('pgrep', ['-f', `tail -c \\+1 -- ${fifo}`]).status === 0;
    for (let i = 0; i < 300 && !blocked(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(blocked()).toBe(true);
    const t0 = performance.now();
    await part.close?.();
    await pulling;
    // Far below the exec timeout: close did not wait it out.
    expect(performance.now() - t0).toBeLessThan(30_000);
    expect(L.f.logs.service.sources.get(src.id)).toMatchObject({ lastPullAt: null, lastError: null, lines: 0 });
    // Unblock the remote reader, if it is still there, so the lab host is left clean.
    try {
      fs.closeSync(fs.openSync(fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENXIO') throw e;
    }
  });
});
