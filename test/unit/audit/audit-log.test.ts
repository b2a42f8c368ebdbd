import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/api/audit';
import { auditListInput } from '../../../shared/api/audit';
import { auditHandlers } from '../../../main/audit/handlers';
import { entryHash, genesisHash } from '../../../main/audit/hash';
import { appendMany, openFixture, type Fixture } from './helpers';

let fx: Fixture;
beforeEach(() => {
  fx = openFixture();
});
afterEach(() => fx.close());

const list = (input: unknown = {}) => fx.audit.list(auditListInput.parse(input));

describe('AuditLog.append', () => {
  it('chains entries from the genesis hash and keeps audit_head in step', () => {
    const a = fx.audit.append({
      actor: 'alice',
      action: 'workspace.snapshot',
      target: 'ws',
      outcome: 'ok',
      details: { n: 1 },
    });
    const b = fx.audit.append({ actor: 'alice', action: 'settings.set', target: 'log.level', outcome: 'info' });
    expect(a.seq).toBe(1);
    expect(b.seq).toBe(2);
    expect(a.hash).toBe(
      entryHash(genesisHash, {
        seq: 1,
        time: a.time,
        actor: 'alice',
        action: 'workspace.snapshot',
        target: 'ws',
        outcome: 'ok',
        details: { n: 1 },
        ref: null,
      }),
    );
    const rowB = fx.db.prepare('SELECT prev_hash, details FROM audit_log WHERE seq = 2').get() as {
      prev_hash: string;
      details: string;
    };
    expect(rowB.prev_hash).toBe(a.hash);
    expect(rowB.details).toBe('{}');
    expect(fx.db.prepare('SELECT seq, hash FROM audit_head').get()).toEqual({ seq: 2, hash: b.hash });
    expect(fx.audit.count()).toBe(2);
  });

  it('uses the clock, and time never goes backwards when the clock does', () => {
    fx.clock.t = 5_000;
    const first = fx.audit.append({ actor: 'a', action: 'x', target: '', outcome: 'ok' });
    fx.clock.t = 1_000;
    const second = fx.audit.append({ actor: 'a', action: 'x', target: '', outcome: 'ok' });
    const third = fx.audit.append({ actor: 'a', action: 'x', target: '', outcome: 'ok', time: 10 });
    fx.clock.t = 9_000;
    const fourth = fx.audit.append({ actor: 'a', action: 'x', target: '', outcome: 'ok' });
    expect([first.time, second.time, third.time, fourth.time]).toEqual([5_000, 5_000, 5_000, 9_000]);
    expect(fx.audit.verify().ok).toBe(true);
  });

  it('refuses NaN/Infinity in details at append time and writes nothing', () => {
    expect(() => fx.audit.append({ actor: 'a', action: 'x', target: '', outcome: 'ok', details: { v: NaN } })).toThrow(
      /NaN/,
    );
    expect(() =>
      fx.audit.append({ actor: 'a', action: 'x', target: '', outcome: 'ok', details: { v: -Infinity } }),
    ).toThrow(/Infinity/);
    expect(fx.audit.count()).toBe(0);
  });

  it('refuses an unknown outcome and a ref to an entry that does not exist', () => {
    expect(() => fx.audit.append({ actor: 'a', action: 'x', target: '', outcome: 'maybe' as 'ok' })).toThrow(/outcome/);
    expect(() => fx.audit.append({ actor: 'a', action: 'x', target: '', outcome: 'ok', ref: 7 })).toThrow(
      /does not exist/,
    );
    expect(fx.audit.count()).toBe(0);
  });

  it('publishes every appended entry on audit.appended', () => {
    const seen: AuditEntry[] = [];
    fx.bus.subscribe('audit.appended', (e) => seen.push(e));
    const e = fx.audit.append({ actor: 'a', action: 'x', target: 't', outcome: 'ok', details: { k: 'v' } });
    expect(seen).toEqual([e]);
    expect(seen[0]!.details).toEqual({ k: 'v' });
  });

  it('begin/complete link the outcome to its start via ref', () => {
    const ref = fx.audit.begin({
      actor: 'alice',
      action: 'workspace.snapshot',
      target: 'ws',
      details: { requestId: 'r1' },
    });
    const done = fx.audit.complete(ref, {
      actor: 'alice',
      action: 'workspace.snapshot',
      target: 'ws',
      outcome: 'ok',
      details: {},
    });
    expect(done.ref).toBe(ref);
    const [latest, started] = list().entries;
    expect(started).toMatchObject({ seq: ref, outcome: 'started', ref: null, details: { requestId: 'r1' } });
    expect(latest).toMatchObject({ seq: done.seq, outcome: 'ok', ref });
  });

  it('refuses to append when rows exist past the recorded head (written outside Opsroom)', () => {
    fx.audit.append({ actor: 'a', action: 'x', target: '', outcome: 'ok' });
    const other = fx.tamper();
    other.prepare('UPDATE audit_head SET seq = 0, hash = ?').run(genesisHash);
    expect(() => fx.audit.append({ actor: 'a', action: 'x', target: '', outcome: 'ok' })).toThrow(
      /after its recorded end/,
    );
  });
});

describe('append-only triggers', () => {
  it('stop ordinary UPDATE and DELETE', () => {
    fx.audit.append({ actor: 'a', action: 'x', target: 't', outcome: 'ok' });
    expect(() => fx.db.prepare("UPDATE audit_log SET target = 'y'").run()).toThrow(/append-only/);
    expect(() => fx.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    const other = new Database(fx.file);
    try {
      expect(() => other.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    } finally {
      other.close();
    }
  });
});

describe('AuditLog.list', () => {
  beforeEach(() => {
    appendMany(fx.audit, fx.db, 25, fx.clock);
  });

  it('returns newest first and pages with before until nextBefore is null', () => {
    const seqs: number[] = [];
    let before: number | undefined;
    let pages = 0;
    for (;;) {
      const page = list({ limit: 10, ...(before ? { before } : {}) });
      expect(page.total).toBe(25);
      seqs.push(...page.entries.map((e) => e.seq));
      pages++;
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(pages).toBe(3);
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
  });

  it('says there is no next page when the last page is exactly full', () => {
    const page = list({ limit: 25 });
    expect(page.entries).toHaveLength(25);
    expect(page.nextBefore).toBeNull();
  });

  it('filters by time range (inclusive), action prefix, target substring, actor and outcome', () => {
    const t0 = 1_700_000_000_000;
    const byTime = list({ from: t0 + 3, to: t0 + 5 });
    expect(byTime.entries.map((e) => e.seq)).toEqual([5, 4, 3]);
    expect(byTime.total).toBe(3);
    expect(list({ from: new Date(t0 + 24).toISOString() }).total).toBe(2);

    const snaps = list({ action: 'workspace.' });
    expect(snaps.total).toBe(13);
    expect(snaps.entries.every((e) => e.action === 'workspace.snapshot')).toBe(true);

    expect(
      list({ target: 'item-1' })
        .entries.map((e) => e.target)
        .sort(),
    ).toEqual(['item-1', ...Array.from({ length: 10 }, (_, i) => `item-1${i}`)].sort());
    expect(list({ actor: 'alice' }).total).toBe(9);
    expect(list({ actor: 'ali' }).total).toBe(0);
    expect(list({ outcome: 'ok', actor: 'bob', action: 'settings' }).total).toBe(8);
    expect(list({ outcome: 'error' }).total).toBe(0);
  });

  it('total counts the filter, not the page', () => {
    const page = list({ actor: 'bob', limit: 3, before: 20 });
    expect(page.entries).toHaveLength(3);
    expect(page.total).toBe(16);
  });

  it('matches LIKE wildcards and the escape character literally', () => {
    fx.audit.append({ actor: 'a', action: 'weird%action', target: '100% done_now', outcome: 'ok' });
    fx.audit.append({ actor: 'a', action: 'weirdXaction', target: '100X doneXnow', outcome: 'ok' });
    fx.audit.append({ actor: 'a', action: 'back\\slash', target: 'C:\\path', outcome: 'ok' });
    expect(list({ target: '%' }).entries.map((e) => e.target)).toEqual(['100% done_now']);
    expect(list({ target: '_' }).entries.map((e) => e.target)).toEqual(['100% done_now']);
    expect(list({ target: '0% d' }).total).toBe(1);
    expect(list({ action: 'weird%' }).entries.map((e) => e.action)).toEqual(['weird%action']);
    expect(list({ action: '%' }).total).toBe(0);
    expect(list({ action: '_' }).total).toBe(0);
    expect(list({ target: '\\' }).entries.map((e) => e.target)).toEqual(['C:\\path']);
    expect(list({ action: 'back\\' }).total).toBe(1);
  });

  it('is served through the handlers', async () => {
    const h = auditHandlers(fx.audit);
    const ctx = { actor: 't', via: 'internal' as const, requestId: 'r' };
    const out = await h['audit.list'](auditListInput.parse({ limit: 2 }), ctx);
    expect(out.entries.map((e) => e.seq)).toEqual([25, 24]);
    expect(await h['audit.verify']({}, ctx)).toMatchObject({ ok: true, entries: 25 });
  });
});
