import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogSource } from '../../../shared/api/monitoring-logs';
import { LAB_USER } from '../../support/sshd-lab';
import { startLogsLab, type LogsLab } from './fixture';
import { writeJournal, type ExportEntry } from './journal-export';

/**
 * Journal sources over a real sshd. No journald runs on these machines, so the
 * journal is a real journal file written by systemd-journal-remote (from the
 * Journal Export Format) into a directory, and the source reads it with
 * `journalctl --directory` on the host — the copied-journal case.
 */
let L: LogsLab;
let jdir: string;
const t0 = 1_764_200_000_000_000n; // µs
const at = (s: number) => t0 + BigInt(s) * 1_000_000n;

const first: ExportEntry[] = [
  { realtimeUs: at(0), fields: { _SYSTEMD_UNIT: 'nginx.service', PRIORITY: '6', MESSAGE: 'nginx started' } },
  { realtimeUs: at(1), fields: { _SYSTEMD_UNIT: 'nginx.service', PRIORITY: '3', MESSAGE: 'upstream timed out' } },
  { realtimeUs: at(2), fields: { SYSLOG_IDENTIFIER: 'CRON', PRIORITY: '6', MESSAGE: 'hourly job ran' } },
  {
    realtimeUs: at(3),
    fields: { _SYSTEMD_UNIT: 'app.service', PRIORITY: '2', MESSAGE: Buffer.from('disk \xff full', 'latin1') },
  },
  { realtimeUs: at(4), fields: { _SYSTEMD_UNIT: 'app.service', PRIORITY: '4', MESSAGE: 'slow request\nline two' } },
];

beforeAll(async () => {
  // Small pulls, so continuing after the cap is part of what is tested.
  L = await startLogsLab({ options: { limits: { maxLines: 2 } } });
  jdir = path.join(L.dir, 'journal');
  writeJournal(jdir, first);
  fs.chmodSync(jdir, 0o755);
}, 120_000);
afterAll(async () => L?.stop());

/** Ticks the schedule until the source has caught up (each pull takes at most 2 entries). */
async function catchUp(id: string) {
  L.f.clock.advance(60_000);
  for (let i = 0; i < 20; i++) {
    await L.f.logs.ticking!.tick();
    await L.f.logs.service.idle();
    if (!L.f.logs.service.sources.get(id)!.more) return i + 1;
  }
  throw new Error('the source never caught up');
}

describe('journal log source over SSH (journalctl --directory on the host)', () => {
  let src: LogSource;

  it('reads a copied journal from its start, two entries per pull, until caught up', async () => {
    src = await L.source({ ciId: L.hosts[0]!.id, kind: 'journal', path: jdir });
    const pulls = await catchUp(src.id);
    expect(pulls).toBe(3);
    const got = await L.search({ hosts: ['web-01'] });
    expect(
      got.entries.map((e) => [Number(BigInt(e.time) * 1000n - t0) / 1e6, e.unit, e.level, e.message]).reverse(),
    ).toEqual([
      [0, 'nginx.service', 'info', 'nginx started'],
      [1, 'nginx.service', 'err', 'upstream timed out'],
      [2, 'CRON', 'info', 'hourly job ran'],
      [3, 'app.service', 'crit', 'disk \uFFFD full'],
      [4, 'app.service', 'warning', 'slow request\nline two'],
    ]);
    expect(L.f.logs.service.sources.get(src.id)).toMatchObject({ lines: 5, lastError: null });
  });

  it('the next pull starts after the saved cursor: only new entries', async () => {
    writeJournal(jdir, [
      { realtimeUs: at(10), fields: { _SYSTEMD_UNIT: 'nginx.service', PRIORITY: '4', MESSAGE: 'worker exited' } },
    ]);
    L.tail.length = 0;
    await catchUp(src.id);
    expect(L.tail.flatMap((t) => t.entries).map((e) => e.message)).toEqual(['worker exited']);
    expect((await L.search({ query: 'worker', units: ['nginx.service'] })).total).toBe(1);
    expect(L.f.logs.service.sources.get(src.id)!.lines).toBe(6);
  });

  it('limits a source to its units (journalctl -u)', async () => {
    const only = await L.source({ ciId: L.hosts[0]!.id, kind: 'journal', path: jdir, units: ['app.service'] });
    await catchUp(only.id);
    expect(L.f.logs.service.sources.get(only.id)!.lines).toBe(2);
  });

  it('says what is wrong: a missing directory, unreadable journal files, a stale cursor', async () => {
    const gone = await L.source({ ciId: L.hosts[0]!.id, kind: 'journal', path: path.join(L.dir, 'no-journal') });
    expect((await L.pull(gone.id)).lastError).toBe(
      `The journal directory ${path.join(L.dir, 'no-journal')} does not exist on web-01 (or is not readable); check the path of the log source.`,
    );

    const closed = path.join(L.dir, 'closed-journal');
    writeJournal(closed, first.slice(0, 1));
    fs.chmodSync(path.join(closed, 'opsroom.journal'), 0o600);
    fs.chmodSync(closed, 0o755);
    const denied = await L.source({ ciId: L.hosts[0]!.id, kind: 'journal', path: closed });
    expect((await L.pull(denied.id)).lastError).toBe(
      `${LAB_USER} on web-01 cannot read the journal files in ${closed} (permission denied); make them readable by that user or its group.`,
    );

    // A cursor journalctl cannot seek to: the error says so and the next pull starts over.
    const stale = await L.source({ ciId: L.hosts[0]!.id, kind: 'journal', path: jdir, units: ['nginx.service'] });
    L.f.app.services.workspace.db
      .prepare("UPDATE monitoring_log_sources SET journal_cursor = 'not-a-cursor' WHERE id = ?")
      .run(stale.id);
    expect((await L.pull(stale.id)).lastError).toMatch(/saved position in the journal at .+ is no longer valid/);
    expect(L.f.logs.service.sources.get(stale.id)!.cursor).toBeNull();
    await catchUp(stale.id);
    expect(L.f.logs.service.sources.get(stale.id)).toMatchObject({ lines: 3, lastError: null });
  });

  it('an entry larger than a whole pull is an error on the source, not a pull that comes back for ever', async () => {
    const big = path.join(L.dir, 'big-journal');
    writeJournal(big, [{ realtimeUs: at(0), fields: { _SYSTEMD_UNIT: 'x.service', MESSAGE: 'x'.repeat(20_000) } }]);
    fs.chmodSync(big, 0o755);
    const part = L.f.makePart({ limits: { maxJournalBytes: 8192 } });
    const s = await L.source({ ciId: L.hosts[0]!.id, kind: 'journal', path: big });
    await part.service.pull([s.id]);
    expect(part.service.sources.get(s.id)).toMatchObject({
      more: false,
      lines: 0,
      lastError:
        'The next journal entry on web-01 is larger than 8 KB, more than one pull takes; limit the source to other units.',
    });
    await part.close?.();
  });

  it('unit names are data on the host: no option, no command', async () => {
    // /tmp, where the lab user could write: an injection would leave the mark.
    const mark = `/tmp/opsroom-pwned-${randomUUID()}`;
    const units = [`x'; touch ${mark}; '`, `$(touch ${mark})`, `\`touch ${mark}\``, '--directory=/', '-n', '--all'];
    const s = await L.source({ ciId: L.hosts[0]!.id, kind: 'journal', path: jdir, units });
    expect(await L.pull(s.id)).toMatchObject({ lines: 0, lastError: null });
    expect(fs.existsSync(mark)).toBe(false);
  });
});
