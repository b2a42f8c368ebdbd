import type { AlertEvent, AlertInstance } from '../../../shared/api/monitoring-alerts';
import type { Labels, Matcher } from '../../../shared/api/monitoring-model';

export type ShownState = AlertEvent['to'];

export const alertStateColor: Record<ShownState, string> = {
  firing: 'red',
  pending: 'yellow',
  inactive: 'gray',
  resolved: 'green',
};

/** One alert is one series of one rule; the fingerprint alone may repeat across rules. */
export function alertKey(a: { ruleId: string; fingerprint: string }): string {
  return `${a.ruleId}\u0000${a.fingerprint}`;
}

const stateRank: Record<string, number> = { firing: 0, pending: 1, inactive: 2 };

/** Firing before pending, unsilenced before silenced, then the longest-active first. */
export function sortAlerts(list: readonly AlertInstance[]): AlertInstance[] {
  return [...list].sort(
    (a, b) =>
      stateRank[a.state] - stateRank[b.state] ||
      Number(a.silencedBy.length > 0) - Number(b.silencedBy.length > 0) ||
      (a.activeAt ?? Infinity) - (b.activeAt ?? Infinity) ||
      a.ruleName.localeCompare(b.ruleName) ||
      a.fingerprint.localeCompare(b.fingerprint),
  );
}

/** Label pairs for chips: alertname first (it repeats the rule), the rest by name. */
export function labelPairs(labels: Labels): [string, string][] {
  return Object.entries(labels).sort(([a], [b]) =>
    a === 'alertname' ? -1 : b === 'alertname' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
}

export function labelsText(labels: Labels): string {
  const pairs = labelPairs(labels).filter(([k]) => k !== 'alertname');
  return pairs.length ? `{${pairs.map(([k, v]) => `${k}="${v}"`).join(', ')}}` : '{}';
}

/** What a person reads first: the summary annotation, else the description, else the labels. */
export function summaryOf(a: { annotations?: Labels; labels: Labels }): string {
  const ann = a.annotations ?? {};
  return ann.summary?.trim() || ann.description?.trim() || labelsText(a.labels);
}

/** Silence prefill: every label of the alert as an equality matcher. */
export function matchersFromLabels(labels: Labels): Matcher[] {
  return labelPairs(labels).map(([name, value]) => ({ name, op: '=', value }));
}

export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const abs = Math.abs(v);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-3)) return v.toExponential(3);
  return String(Number(v.toFixed(abs >= 100 ? 2 : 4)));
}

export function isSilenced(a: AlertInstance): boolean {
  return a.silencedBy.length > 0;
}

// ------------------------------------------------------------------ badge

/** Keys of the alerts that count on the badge: firing and not silenced. */
export type FiringSet = Readonly<Record<string, true>>;

export function firingSetFromActive(list: readonly AlertInstance[]): FiringSet {
  const out: Record<string, true> = {};
  for (const a of list) if (a.state === 'firing' && !isSilenced(a)) out[alertKey(a)] = true;
  return out;
}

/**
 * Applies one transition before the re-sync answers, so the badge moves the
 * moment the toast shows; the next 'monitoring.alerts.active' reply replaces it.
 */
export function applyTransition(set: FiringSet, ev: AlertEvent): FiringSet {
  const key = alertKey(ev);
  const counts = ev.to === 'firing' && !ev.silenced;
  if (counts === Boolean(set[key])) return set;
  const next: Record<string, true> = { ...set };
  if (counts) next[key] = true;
  else delete next[key];
  return next;
}

/** A toast for a transition, or null when it is not news (not firing, or silenced). */
export function toastFor(ev: AlertEvent, annotations?: Labels): { id: string; title: string; message: string } | null {
  if (ev.to !== 'firing' || ev.silenced) return null;
  return {
    id: toastId(ev),
    title: ev.ruleName,
    message: summaryOf({ annotations, labels: ev.labels }),
  };
}

export function toastId(a: { ruleId: string; fingerprint: string }): string {
  return `alert-${a.ruleId}-${a.fingerprint}`;
}

/** Pending and firing alerts per rule, for the rules list. */
export type RuleCounts = Record<string, { pending: number; firing: number }>;

export function countByRule(active: readonly AlertInstance[]): RuleCounts {
  const out: RuleCounts = {};
  for (const a of active) {
    const c = (out[a.ruleId] ??= { pending: 0, firing: 0 });
    if (a.state === 'firing') c.firing++;
    else if (a.state === 'pending') c.pending++;
  }
  return out;
}
