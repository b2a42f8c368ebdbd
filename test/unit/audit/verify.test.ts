import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../main/audit/canonical-json';
import { entryHash } from '../../../main/audit/hash';
import type { AuditRow } from '../../../main/audit/verify';
import type { Db } from '../../../main/store/migration';
import { appendMany, openFixture, type Fixture } from './helpers';

let fx: Fixture;
beforeEach(() => {
  fx = openFixture();
});
afterEach(() => fx.close());

const row = (db: Db, seq: number) => db.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as AuditRow;

describe('verify on an intact chain', () => {
  it('is ok on an empty log', () => {
    expect(fx.audit.verify()).toEqual({ ok: true, entries: 0, head: null });
  });

  it('is ok on 10k entries, reports progress, and names the head', () => {
    appendMany(fx.audit, fx.db, 10_000, fx.clock);
    const progress: Array<[number, number]> = [];
    const res = fx.audit.verify({ onProgress: (d, t) => progress.push([d, t]) });
    expect(res).toEqual({ ok: true, entries: 10_000, head: row(fx.db, 10_000).hash });
    expect(progress.length).toBeGreaterThanOrEqual(10);
    expect(progress[0]).toEqual([1000, 10_000]);
    expect(progress[progress.length - 1]).toEqual([10_000, 10_000]);
  });

  it('streams 100k entries in reasonable time', () => {
    appendMany(fx.audit, fx.db, 100_000);
    const started = performance.now();
    const res = fx.audit.verify();
    expect(res).toMatchObject({ ok: true, entries: 100_000 });
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('verify detects tampering by another connection that dropped the triggers', () => {
  let other: Db;
  beforeEach(() => {
    appendMany(fx.audit, fx.db, 50, fx.clock);
    other = fx.tamper();
  });

  it('an edited target names that entry', () => {
    other.prepare("UPDATE audit_log SET target = 'someone-else' WHERE seq = 17").run();
    expect(fx.audit.verify()).toEqual({
      ok: false,
      entries: 16,
      firstBad: { seq: 17, reason: 'entry 17 was changed: its contents do not match its hash' },
    });
  });

  it('edited details (still valid JSON) name that entry', () => {
    const d = JSON.parse(row(other, 30).details) as Record<string, unknown>;
    other.prepare('UPDATE audit_log SET details = ? WHERE seq = 30').run(canonicalJson({ ...d, i: 999 }));
    expect(fx.audit.verify()).toMatchObject({
      ok: false,
      firstBad: { seq: 30, reason: expect.stringMatching(/entry 30 was changed/) },
    });
  });

  it('re-spaced details (same meaning, different text) name that entry', () => {
    const d = row(other, 8).details;
    other.prepare('UPDATE audit_log SET details = ? WHERE seq = 8').run(JSON.stringify(JSON.parse(d), null, 1));
    expect(fx.audit.verify()).toMatchObject({ ok: false, firstBad: { seq: 8 } });
  });

  it('details that are not JSON name that entry', () => {
    other.prepare("UPDATE audit_log SET details = '{broken' WHERE seq = 3").run();
    expect(fx.audit.verify()).toMatchObject({
      ok: false,
      firstBad: { seq: 3, reason: expect.stringMatching(/not valid JSON/) },
    });
  });

  it('a deleted middle row is named as missing', () => {
    other.prepare('DELETE FROM audit_log WHERE seq = 20').run();
    expect(fx.audit.verify()).toEqual({
      ok: false,
      entries: 19,
      firstBad: { seq: 20, reason: 'entry 20 is missing (deleted)' },
    });
  });

  it('deleting the first row is detected', () => {
    other.prepare('DELETE FROM audit_log WHERE seq = 1').run();
    expect(fx.audit.verify()).toMatchObject({
      ok: false,
      firstBad: { seq: 1, reason: 'entry 1 is missing (deleted)' },
    });
  });

  it('deleting the last rows without fixing the head is detected', () => {
    other.prepare('DELETE FROM audit_log WHERE seq > 48').run();
    expect(fx.audit.verify()).toEqual({
      ok: false,
      entries: 48,
      firstBad: { seq: 49, reason: 'the last 2 entries (49 to 50) were removed' },
    });
  });

  it('a deleted tail stays visible after further appends', () => {
    other.prepare('DELETE FROM audit_log WHERE seq = 50').run();
    fx.audit.append({ actor: 'a', action: 'x', target: '', outcome: 'ok' });
    expect(fx.audit.verify()).toMatchObject({
      ok: false,
      firstBad: { seq: 50, reason: 'entry 50 is missing (deleted)' },
    });
  });

  it('deleting the head row is detected', () => {
    other.prepare('DELETE FROM audit_head').run();
    expect(fx.audit.verify()).toMatchObject({
      ok: false,
      firstBad: { seq: 50, reason: expect.stringMatching(/audit_head/) },
    });
  });

  it('a row rewritten with a recomputed hash is caught at the following row', () => {
    const r = row(other, 10);
    const details = JSON.parse(r.details) as Record<string, unknown>;
    const forged = { ...r, target: 'covered-up', details };
    const hash = entryHash(r.prev_hash, forged);
    other.prepare("UPDATE audit_log SET target = 'covered-up', hash = ? WHERE seq = 10").run(hash);
    expect(fx.audit.verify()).toMatchObject({
      ok: false,
      entries: 10,
      firstBad: { seq: 11, reason: expect.stringMatching(/entry 11 does not follow entry 10/) },
    });
  });

  it('a forged row appended with a valid-looking hash is caught by the head', () => {
    const last = row(other, 50);
    const fields = {
      seq: 51,
      time: last.time + 1,
      actor: 'mallory',
      action: 'x',
      target: '',
      outcome: 'ok',
      details: {},
      ref: null,
    };
    other
      .prepare(
        'INSERT INTO audit_log (seq, time, actor, action, target, outcome, details, ref, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)',
      )
      .run(51, fields.time, 'mallory', 'x', '', 'ok', '{}', null, last.hash, entryHash(last.hash, fields));
    expect(fx.audit.verify()).toMatchObject({
      ok: false,
      entries: 51,
      firstBad: { seq: 51, reason: expect.stringMatching(/added after the recorded end/) },
    });
  });

  it('a forged row in a gap with a made-up hash is named', () => {
    other.prepare('DELETE FROM audit_log WHERE seq = 25').run();
    const prev = row(other, 24);
    other
      .prepare(
        'INSERT INTO audit_log (seq, time, actor, action, target, outcome, details, ref, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)',
      )
      .run(25, prev.time, 'mallory', 'x', '', 'ok', '{}', null, prev.hash, 'f'.repeat(64));
    expect(fx.audit.verify()).toMatchObject({
      ok: false,
      firstBad: { seq: 25, reason: expect.stringMatching(/entry 25 was changed/) },
    });
  });

  it('a row with seq 0 is named as inserted', () => {
    other
      .prepare(
        'INSERT INTO audit_log (seq, time, actor, action, target, outcome, details, ref, prev_hash, hash) VALUES (0,0,?,?,?,?,?,?,?,?)',
      )
      .run('m', 'x', '', 'ok', '{}', null, '0'.repeat(64), '0'.repeat(64));
    expect(fx.audit.verify()).toMatchObject({ ok: false, entries: 0, firstBad: { seq: 0 } });
  });
});
