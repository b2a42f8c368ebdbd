import type { Labels } from '../../../shared/api/monitoring-model';

/**
 * One evaluation of an alerting rule, exactly as Prometheus's
 * AlertingRule.Eval (rules/alerting.go) moves its alerts. Pure: the caller
 * loads the previous alerts and stores the result.
 *
 *  - every series the expression returned is active; a new one is pending
 *    with activeAt = now, an existing pending/firing one gets the new value
 *    and annotations (its activeAt stays);
 *  - pending fires once now - activeAt >= for (for = 0 fires in the same pass);
 *  - a pending alert that is no longer active is deleted (never "resolved");
 *  - a firing alert that is no longer active keeps firing while
 *    now - keepFiringSince < keep_firing_for (keepFiringSince = the first
 *    evaluation it was missing; reset whenever it is active again), then
 *    becomes inactive with resolvedAt = now;
 *  - a resolved alert is kept for resolvedRetention after resolvedAt, then
 *    dropped; if its series comes back it starts again as a new pending alert.
 */

export const resolvedRetentionMs = 15 * 60 * 1000;

export type LiveState = 'pending' | 'firing' | 'inactive';

export interface AlertRecord {
  fingerprint: string;
  labels: Labels;
  annotations: Labels;
  state: LiveState;
  value: number;
  activeAt: number;
  firedAt: number | null;
  resolvedAt: number | null;
  keepFiringSince: number | null;
}

/** One series the expression returned, already turned into the alert's labels. */
export interface ActiveSeries {
  fingerprint: string;
  labels: Labels;
  annotations: Labels;
  value: number;
}

export interface Transition {
  fingerprint: string;
  labels: Labels;
  from: 'inactive' | 'pending' | 'firing';
  to: 'pending' | 'firing' | 'inactive' | 'resolved';
  value: number;
  at: number;
}

export interface Timing {
  forMs: number;
  keepFiringForMs: number;
  resolvedRetentionMs?: number;
}

export interface StepResult {
  /** what to keep: pending, firing, and resolved alerts still within retention */
  alerts: AlertRecord[];
  transitions: Transition[];
}

export function evaluateAlerts(
  previous: readonly AlertRecord[],
  active: readonly ActiveSeries[],
  now: number,
  timing: Timing,
): StepResult {
  const retention = timing.resolvedRetentionMs ?? resolvedRetentionMs;
  const byFp = new Map<string, AlertRecord>();
  for (const a of previous) byFp.set(a.fingerprint, { ...a });
  const transitions: Transition[] = [];
  const note = (a: AlertRecord, from: Transition['from'], to: Transition['to']) =>
    transitions.push({ fingerprint: a.fingerprint, labels: a.labels, from, to, value: a.value, at: now });

  const seen = new Set<string>();
  for (const s of active) {
    seen.add(s.fingerprint);
    const cur = byFp.get(s.fingerprint);
    if (cur && cur.state !== 'inactive') {
      cur.value = s.value;
      cur.annotations = s.annotations;
      continue;
    }
    const fresh: AlertRecord = {
      fingerprint: s.fingerprint,
      labels: s.labels,
      annotations: s.annotations,
      state: 'pending',
      value: s.value,
      activeAt: now,
      firedAt: null,
      resolvedAt: null,
      keepFiringSince: null,
    };
    // A re-appearing resolved alert is replaced, keeping its place in the order.
    byFp.set(s.fingerprint, fresh);
    note(fresh, 'inactive', 'pending');
  }

  const alerts: AlertRecord[] = [];
  for (const a of byFp.values()) {
    if (!seen.has(a.fingerprint)) {
      let keepFiring = false;
      if (a.state === 'firing' && timing.keepFiringForMs > 0) {
        a.keepFiringSince ??= now;
        keepFiring = now - a.keepFiringSince < timing.keepFiringForMs;
      }
      // Decided before the state changes below, as in Prometheus: a pending
      // alert goes at once, a resolved one only after its retention.
      const drop = a.state === 'pending' || (a.resolvedAt !== null && now - a.resolvedAt > retention);
      if (a.state !== 'inactive' && !keepFiring) {
        note(a, a.state, a.state === 'firing' ? 'resolved' : 'inactive');
        a.state = 'inactive';
        a.resolvedAt = now;
      }
      if (!drop) alerts.push(a);
      continue;
    }
    a.keepFiringSince = null;
    if (a.state === 'pending' && now - a.activeAt >= timing.forMs) {
      a.state = 'firing';
      a.firedAt = now;
      note(a, 'pending', 'firing');
    }
    alerts.push(a);
  }
  return { alerts, transitions };
}

/**
 * What ends every alert of a rule that is deleted or disabled: pending ones
 * vanish, firing ones resolve now (keep_firing_for does not apply — the rule
 * itself is gone).
 */
export function endAlerts(previous: readonly AlertRecord[], now: number): Transition[] {
  const out: Transition[] = [];
  for (const a of previous) {
    if (a.state === 'inactive') continue;
    out.push({
      fingerprint: a.fingerprint,
      labels: a.labels,
      from: a.state,
      to: a.state === 'firing' ? 'resolved' : 'inactive',
      value: a.value,
      at: now,
    });
  }
  return out;
}

/** Prometheus's defaults for --rules.alert.for-grace-period and --rules.alert.for-outage-tolerance. */
export const forGracePeriodMs = 10 * 60 * 1000;
export const outageToleranceMs = 60 * 60 * 1000;

export interface Outage {
  /** the rule's previous evaluation: the last moment anyone looked */
  lastEvalAt: number;
  now: number;
  forMs: number;
  intervalMs: number;
  gracePeriodMs?: number;
  toleranceMs?: number;
}

/**
 * Pending alerts after Opsroom stopped evaluating a rule for a while (closed,
 * or the laptop asleep), moved as Prometheus restores them after a restart
 * (RestoreForState in rules/manager.go): time nobody watched does not count
 * toward `for`, and a countdown always has at least the grace period left,
 * so an alert does not fire on the first look after a long gap on the
 * strength of a condition nobody saw hold. Shorter gaps (up to two intervals,
 * or the grace period) are a slow evaluation, not an outage, and change
 * nothing. Firing alerts keep firing: their state is stored, where
 * Prometheus has to rebuild it.
 */
export function resumeAfterOutage(previous: readonly AlertRecord[], o: Outage): AlertRecord[] {
  const grace = o.gracePeriodMs ?? forGracePeriodMs;
  const down = o.now - o.lastEvalAt;
  if (down <= Math.max(2 * o.intervalMs, grace)) return [...previous];
  const tooLong = down > (o.toleranceMs ?? outageToleranceMs);
  return previous.map((a) => {
    if (a.state !== 'pending') return a;
    // Prometheus restores neither a short `for` nor an outage past its tolerance: the countdown starts again.
    if (o.forMs < grace || tooLong) return { ...a, activeAt: o.now };
    const remaining = o.forMs - (o.lastEvalAt - a.activeAt);
    if (remaining <= 0) return a;
    if (remaining < grace) return { ...a, activeAt: o.now + grace - o.forMs };
    return { ...a, activeAt: a.activeAt + down };
  });
}
