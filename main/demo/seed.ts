import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { JobRunner } from '../jobs/runner';
import type { Workspace } from '../store/workspace';

const day = 24 * 60 * 60 * 1000;
const targetEntries = 300;

/** Deterministic, so two demo workspaces look alike and screenshots are stable. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface DemoEvent {
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
  /** a bracketed call (started + outcome) or a single entry */
  paired: boolean;
  outcome: 'ok' | 'error';
  result?: Record<string, unknown>;
}

function pickEvent(rand: () => number, hex: () => string): DemoEvent {
  const people = ['alice', 'bob', 'carol'];
  const actor = people[Math.floor(rand() * people.length)]!;
  const via = rand() < 0.8 ? 'desktop' : 'cli';
  const r = rand();
  if (r < 0.3) {
    return {
      actor: 'opsroom',
      action: 'workspace.snapshot.scheduled',
      target: `snapshot-${hex()}-scheduled.sqlite`,
      details: { sizeBytes: 200_000 + Math.floor(rand() * 400_000) },
      paired: false,
      outcome: 'ok',
    };
  }
  if (r < 0.55) {
    const label = ['before kernel upgrade', 'pre-change CHG-1042', 'end of shift', 'before chaos drill'][
      Math.floor(rand() * 4)
    ]!;
    return {
      actor,
      action: 'workspace.snapshots.take',
      target: '',
      details: { requestId: hex(), via, label },
      paired: true,
      outcome: 'ok',
    };
  }
  if (r < 0.8) {
    const options: Record<string, unknown>[] = [
      { 'ui.theme': 'dark' },
      { 'ui.density': 'compact' },
      { 'workspace.snapshotKeep': 20 },
      { 'workspace.snapshotIntervalMinutes': 120 },
      { 'log.level': 'debug' },
      { 'log.level': 'info' },
    ];
    const bad = rand() < 0.08;
    return {
      actor,
      action: 'settings.update',
      target: '',
      details: {
        requestId: hex(),
        via,
        values: bad ? { 'workspace.snapshotKeep': 0 } : options[Math.floor(rand() * options.length)],
      },
      paired: true,
      outcome: bad ? 'error' : 'ok',
      result: bad ? { code: 'bad_input', message: 'workspace.snapshotKeep must be at least 1' } : undefined,
    };
  }
  return {
    actor,
    action: 'workspace.check',
    target: '',
    details: { requestId: hex(), via, full: rand() < 0.2 },
    paired: true,
    outcome: 'ok',
  };
}

/**
 * Fills a new demo workspace with two weeks of plausible history so every
 * view has something to show. Later domains add their own demo data here.
 */
export function seedDemo(opts: { workspace: Workspace; audit: AuditLog; jobs: JobRunner; clock: Clock }): void {
  const { workspace, audit, clock } = opts;
  workspace.markDemo();

  const rand = prng(20261127);
  const hex = () =>
    Math.floor(rand() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  const end = clock.now() - 60_000;
  const start = end - 14 * day;
  // ~60% of events are paired, so about 190 events give 300 entries.
  const step = (end - start) / 190;

  let t = start;
  let written = 0;
  while (written < targetEntries) {
    const ev = pickEvent(rand, hex);
    t += step * (0.4 + rand() * 1.2);
    if (t > end) t = end;
    if (!ev.paired) {
      audit.append({
        actor: ev.actor,
        action: ev.action,
        target: ev.target,
        outcome: ev.outcome,
        details: ev.details,
        time: Math.round(t),
      });
      written += 1;
      continue;
    }
    const began = audit.append({
      actor: ev.actor,
      action: ev.action,
      target: ev.target,
      outcome: 'started',
      details: ev.details,
      time: Math.round(t),
    });
    t = Math.min(end, t + 200 + rand() * 20_000);
    audit.append({
      actor: ev.actor,
      action: ev.action,
      target: ev.target,
      outcome: ev.outcome,
      details: { requestId: ev.details.requestId, ...(ev.result ?? {}) },
      ref: began.seq,
      time: Math.round(t),
    });
    written += 2;
  }

  workspace.snapshots.take('manual', 'demo baseline');
}
