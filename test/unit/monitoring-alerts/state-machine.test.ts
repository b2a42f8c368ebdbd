import { describe, expect, it } from 'vitest';
import {
  endAlerts,
  evaluateAlerts,
  forGracePeriodMs,
  resolvedRetentionMs,
  resumeAfterOutage,
  type ActiveSeries,
  type AlertRecord,
  type Timing,
  type Transition,
} from '../../../main/monitoring/alerts/state-machine';

const s = 1000;
const min = 60 * s;

const series = (fp: string, value = 1, note = ''): ActiveSeries => ({
  fingerprint: fp,
  labels: { alertname: 'X', instance: fp },
  annotations: { note },
  value,
});

/**
 * Runs a table of evaluations: at each time, the fingerprints the expression
 * returned. Returns the alerts after each step and every transition.
 */
function play(table: [number, ActiveSeries[]][], timing: Timing) {
  let alerts: AlertRecord[] = [];
  const transitions: Transition[] = [];
  const after: AlertRecord[][] = [];
  for (const [t, active] of table) {
    const r = evaluateAlerts(alerts, active, t, timing);
    alerts = r.alerts;
    transitions.push(...r.transitions);
    after.push(alerts);
  }
  return { alerts, transitions, after };
}

const moves = (ts: Transition[]) => ts.map((t) => `${t.at / s}s ${t.fingerprint} ${t.from}->${t.to}`);
const stateOf = (alerts: AlertRecord[], fp: string) => alerts.find((a) => a.fingerprint === fp)?.state ?? 'gone';

describe('alert state machine (Prometheus rules/alerting.go)', () => {
  const a = series('a');

  it('stays pending for `for` and fires at exactly `for`', () => {
    const { after, transitions } = play(
      [
        [0, [a]],
        [30 * s, [a]],
        [60 * s, [a]],
        [90 * s, [a]],
        [119 * s, [a]],
        [120 * s, [a]],
        [150 * s, [a]],
      ],
      { forMs: 2 * min, keepFiringForMs: 0 },
    );
    expect(after.map((x) => stateOf(x, 'a'))).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
      'firing',
      'firing',
    ]);
    expect(moves(transitions)).toEqual(['0s a inactive->pending', '120s a pending->firing']);
    const fired = after[5][0];
    expect(fired).toMatchObject({ activeAt: 0, firedAt: 120 * s, resolvedAt: null });
  });

  it('for = 0 fires on the first evaluation (pending and firing in the same pass)', () => {
    const r = evaluateAlerts([], [a], 5 * s, { forMs: 0, keepFiringForMs: 0 });
    expect(r.alerts[0]).toMatchObject({ state: 'firing', activeAt: 5 * s, firedAt: 5 * s });
    expect(moves(r.transitions)).toEqual(['5s a inactive->pending', '5s a pending->firing']);
  });

  it('a pending alert that clears is deleted (inactive, never "resolved"); coming back starts `for` again', () => {
    const { after, transitions } = play(
      [
        [0, [a]],
        [60 * s, []],
        [120 * s, [a]],
        [180 * s, [a]],
        [240 * s, [a]],
      ],
      { forMs: 2 * min, keepFiringForMs: 0 },
    );
    expect(after.map((x) => stateOf(x, 'a'))).toEqual(['pending', 'gone', 'pending', 'pending', 'firing']);
    expect(moves(transitions)).toEqual([
      '0s a inactive->pending',
      '60s a pending->inactive',
      '120s a inactive->pending',
      '240s a pending->firing',
    ]);
    expect(after[4][0].activeAt).toBe(120 * s);
  });

  it('firing resolves on the first evaluation without the series when keep_firing_for is 0', () => {
    const { after, transitions } = play(
      [
        [0, [a]],
        [30 * s, []],
      ],
      { forMs: 0, keepFiringForMs: 0 },
    );
    expect(after[1][0]).toMatchObject({ state: 'inactive', resolvedAt: 30 * s, firedAt: 0 });
    expect(moves(transitions).at(-1)).toBe('30s a firing->resolved');
  });

  it('keep_firing_for keeps firing from the first missing evaluation, then resolves', () => {
    const { after, transitions } = play(
      [
        [0, [a]],
        [30 * s, []], // keepFiringSince = 30s
        [60 * s, []],
        [89 * s, []], // 59s < 60s: still firing
        [90 * s, []], // 60s: resolved
      ],
      { forMs: 0, keepFiringForMs: 60 * s },
    );
    expect(after.map((x) => stateOf(x, 'a'))).toEqual(['firing', 'firing', 'firing', 'firing', 'inactive']);
    expect(after[1][0].keepFiringSince).toBe(30 * s);
    expect(after[4][0]).toMatchObject({ resolvedAt: 90 * s, keepFiringSince: 30 * s });
    expect(moves(transitions)).toEqual(['0s a inactive->pending', '0s a pending->firing', '90s a firing->resolved']);
  });

  it('keep_firing_for restarts when the series comes back meanwhile (no transition while it flaps)', () => {
    const { after, transitions } = play(
      [
        [0, [a]],
        [30 * s, []],
        [60 * s, [a]], // back: keepFiringSince reset
        [90 * s, []], // keepFiringSince = 90s
        [140 * s, []], // 50s < 60s
        [150 * s, []],
      ],
      { forMs: 0, keepFiringForMs: 60 * s },
    );
    expect(after[2][0].keepFiringSince).toBeNull();
    expect(after[4][0]).toMatchObject({ state: 'firing', keepFiringSince: 90 * s });
    expect(moves(transitions)).toEqual(['0s a inactive->pending', '0s a pending->firing', '150s a firing->resolved']);
  });

  it('keeps a resolved alert for the retention (15 min), then drops it', () => {
    const { after } = play(
      [
        [0, [a]],
        [1 * min, []],
        [1 * min + resolvedRetentionMs, []], // exactly 15 min after: still kept (Prometheus drops after >)
        [1 * min + resolvedRetentionMs + s, []],
      ],
      { forMs: 0, keepFiringForMs: 0 },
    );
    expect(resolvedRetentionMs).toBe(15 * min);
    expect(after[1]).toHaveLength(1);
    expect(after[2][0]).toMatchObject({ state: 'inactive', resolvedAt: 1 * min });
    expect(after[3]).toHaveLength(0);
  });

  it('a resolved alert whose series comes back within retention is a new pending alert', () => {
    const { after, transitions } = play(
      [
        [0, [a]],
        [1 * min, []],
        [2 * min, [a]],
      ],
      { forMs: 5 * min, keepFiringForMs: 0 },
    );
    expect(after[2][0]).toMatchObject({ state: 'pending', activeAt: 2 * min, firedAt: null, resolvedAt: null });
    expect(moves(transitions).at(-1)).toBe('120s a inactive->pending');
  });

  it('updates value and annotations every evaluation, keeps labels and activeAt', () => {
    const { after } = play(
      [
        [0, [series('a', 1, 'first')]],
        [30 * s, [series('a', 7, 'second')]],
      ],
      { forMs: 5 * min, keepFiringForMs: 0 },
    );
    expect(after[1][0]).toMatchObject({ value: 7, annotations: { note: 'second' }, activeAt: 0, state: 'pending' });
  });

  it('moves each label set on its own', () => {
    const b = series('b');
    const { after, transitions } = play(
      [
        [0, [a]],
        [60 * s, [a, b]],
        [120 * s, [b]],
      ],
      { forMs: 1 * min, keepFiringForMs: 0 },
    );
    expect(after[1].map((x) => [x.fingerprint, x.state])).toEqual([
      ['a', 'firing'],
      ['b', 'pending'],
    ]);
    expect(moves(transitions)).toEqual([
      '0s a inactive->pending',
      '60s b inactive->pending', // new series are noted first, then the promotions
      '60s a pending->firing',
      '120s a firing->resolved',
      '120s b pending->firing',
    ]);
  });

  it('does not change the records it was given', () => {
    const prev = evaluateAlerts([], [a], 0, { forMs: min, keepFiringForMs: 0 }).alerts;
    const copy = structuredClone(prev);
    evaluateAlerts(prev, [], 10 * s, { forMs: min, keepFiringForMs: 0 });
    expect(prev).toEqual(copy);
  });

  it('endAlerts resolves firing and ends pending alerts, leaving resolved ones alone', () => {
    const firing = evaluateAlerts([], [a], 0, { forMs: 0, keepFiringForMs: 0 }).alerts;
    const pending = evaluateAlerts([], [series('b')], 0, { forMs: min, keepFiringForMs: 0 }).alerts;
    const resolved = evaluateAlerts(
      evaluateAlerts([], [series('c')], 0, { forMs: 0, keepFiringForMs: 0 }).alerts,
      [],
      s,
      {
        forMs: 0,
        keepFiringForMs: 0,
      },
    ).alerts;
    expect(moves(endAlerts([...firing, ...pending, ...resolved], 9 * s))).toEqual([
      '9s a firing->resolved',
      '9s b pending->inactive',
    ]);
  });
});

describe('pending alerts after Opsroom was not evaluating (Prometheus RestoreForState)', () => {
  const h = 60 * min;
  const pendingSince = (activeAt: number): AlertRecord => ({
    fingerprint: 'a',
    labels: { alertname: 'X' },
    annotations: {},
    state: 'pending',
    value: 1,
    activeAt,
    firedAt: null,
    resolvedAt: null,
    keepFiringSince: null,
  });
  const resume = (activeAt: number, o: { lastEvalAt: number; now: number; forMs: number }) =>
    resumeAfterOutage([pendingSince(activeAt)], { ...o, intervalMs: 30 * s })[0]!.activeAt;

  it('a gap of a slow evaluation or a short restart changes nothing', () => {
    expect(resume(0, { lastEvalAt: 10 * min, now: 10 * min + 60 * s, forMs: h })).toBe(0);
    expect(resume(0, { lastEvalAt: 10 * min, now: 10 * min + forGracePeriodMs, forMs: h })).toBe(0);
  });

  it('the unwatched time does not count toward a long `for`', () => {
    // 10 min pending, then 30 min closed: 50 min are still to wait from the reopening.
    const at = resume(0, { lastEvalAt: 10 * min, now: 40 * min, forMs: h });
    expect(at).toBe(30 * min);
    expect(40 * min + h - (40 * min - at) - 40 * min).toBe(50 * min);
  });

  it('a countdown that had less than the grace period left gets the grace period', () => {
    // 55 of 60 min pending, then 20 min closed: it fires 10 min (the grace period) after reopening.
    const at = resume(0, { lastEvalAt: 55 * min, now: 75 * min, forMs: h });
    expect(at + h).toBe(75 * min + forGracePeriodMs);
  });

  it('a short `for`, or an outage past the tolerance (1 h), starts the countdown again', () => {
    expect(resume(0, { lastEvalAt: 2 * min, now: 30 * min, forMs: 5 * min })).toBe(30 * min);
    expect(resume(0, { lastEvalAt: 10 * min, now: 10 * min + 2 * h, forMs: 3 * h })).toBe(10 * min + 2 * h);
  });

  it('firing and resolved alerts are left as they are', () => {
    const firing = { ...pendingSince(0), state: 'firing' as const, firedAt: 5 * min };
    const resolved = { ...pendingSince(0), fingerprint: 'b', state: 'inactive' as const, resolvedAt: 9 * min };
    const out = resumeAfterOutage([firing, resolved], { lastEvalAt: 10 * min, now: 50 * min, forMs: h, intervalMs: s });
    expect(out).toEqual([firing, resolved]);
  });
});
