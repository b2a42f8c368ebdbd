import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../main/audit/audit-log';
import { seedDemo } from '../../../main/demo/seed';
import type { JobRunner } from '../../../main/jobs/runner';
import { useAuditWorkspace } from './helpers';

const ctx = useAuditWorkspace('demo.sqlite');

describe('seedDemo', () => {
  it('marks the workspace as demo, writes ~300 paired entries over 14 days, and takes a baseline snapshot', () => {
    const { clock, ws } = ctx;
    const audit = new AuditLog({ db: ws.db, clock });
    seedDemo({ workspace: ws, audit, jobs: {} as JobRunner, clock });
    expect(ws.isDemo()).toBe(true);

    const rows = ws.db.prepare('SELECT seq, time, actor, outcome, ref FROM audit_log ORDER BY seq').all() as {
      seq: number;
      time: number;
      actor: string;
      outcome: string;
      ref: number | null;
    }[];
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(rows.length).toBeLessThan(310);
    const day = 86_400_000;
    expect(rows[0]!.time).toBeGreaterThanOrEqual(clock.t - 14 * day);
    expect(rows[0]!.time).toBeLessThan(clock.t - 13 * day);
    expect(rows.at(-1)!.time).toBeLessThanOrEqual(clock.t);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.time).toBeGreaterThanOrEqual(rows[i - 1]!.time);
    expect(new Set(rows.map((r) => r.actor))).toEqual(new Set(['alice', 'bob', 'carol', 'opsroom']));

    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    const completions = rows.filter((r) => r.ref !== null);
    expect(completions.length).toBeGreaterThan(50);
    for (const c of completions) expect(bySeq.get(c.ref!)?.outcome).toBe('started');
    expect(audit.verify().ok).toBe(true);

    const snaps = ws.snapshots.list();
    expect(snaps).toHaveLength(1);
    expect(snaps[0]).toMatchObject({ reason: 'manual', label: 'demo baseline' });
  });
});
