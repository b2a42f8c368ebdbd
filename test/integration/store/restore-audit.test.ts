import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../main/audit/audit-log';
import { useAuditWorkspace } from './helpers';

// The same carry-over as snapshots.test.ts, but with the real audit service and
// its real schema (append-only triggers), proving the chain still verifies.
const ctx = useAuditWorkspace('ws.sqlite');

describe('live restore with the real audit chain', () => {
  it('keeps every entry and a verifiable chain; appends continue after it', async () => {
    const { clock, ws } = ctx;
    const audit = new AuditLog({ db: ws.db, clock });
    for (let i = 0; i < 10; i++) audit.append({ actor: 'alice', action: 'x.before', target: `t${i}`, outcome: 'ok' });
    const snap = ws.snapshots.take('manual');
    clock.t += 1000;
    for (let i = 0; i < 10; i++) audit.append({ actor: 'bob', action: 'x.after', target: `t${i}`, outcome: 'ok' });
    const started = audit.begin({ actor: 'bob', action: 'workspace.snapshots.restore', target: snap.id, details: {} });

    const result = await ws.snapshots.restore(snap.id);
    expect(result.audit).toEqual({ carried: 11, diverged: false });
    audit.complete(started, {
      actor: 'bob',
      action: 'workspace.snapshots.restore',
      target: snap.id,
      outcome: 'ok',
      details: {},
    });
    expect(audit.verify()).toMatchObject({ ok: true, entries: 22 });
  });
});
