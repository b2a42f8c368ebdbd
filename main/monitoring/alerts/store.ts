import type { AlertEvent, AlertRule, Silence } from '../../../shared/api/monitoring-alerts';
import type { Comparison, Labels, Matcher, QuerySource } from '../../../shared/api/monitoring-model';
import type { Db } from '../../store/migration';
import type { RuleDef } from './rule-input';
import type { AlertRecord, LiveState } from './state-machine';

/** SQL for the alert tables (schema.ts); no rules of its own beyond shapes. */

interface RuleRow {
  id: string;
  name: string;
  source: string;
  expr: string;
  op: string | null;
  threshold: number | null;
  for_ms: number;
  keep_firing_for_ms: number;
  interval_ms: number;
  labels: string;
  annotations: string;
  enabled: number;
  last_eval_at: number | null;
  last_eval_ms: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

interface InstanceRow {
  rule_id: string;
  fingerprint: string;
  labels: string;
  annotations: string;
  state: LiveState;
  value: number | null;
  active_at: number;
  fired_at: number | null;
  resolved_at: number | null;
  keep_firing_since: number | null;
}

interface EventRow {
  id: number;
  rule_id: string;
  rule_name: string;
  fingerprint: string;
  labels: string;
  from_state: AlertEvent['from'];
  to_state: AlertEvent['to'];
  value: number | null;
  at: number;
  silenced: number;
}

interface SilenceRow {
  id: string;
  matchers: string;
  starts_at: number;
  ends_at: number;
  comment: string;
  created_by: string;
  created_at: number;
}

/** Values cross the contract as finite numbers or null (NaN/±Inf are not JSON numbers). */
export const finiteOrNull = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);

const toRule = (r: RuleRow): AlertRule => ({
  id: r.id,
  name: r.name,
  source: JSON.parse(r.source) as QuerySource,
  expr: r.expr,
  op: r.op as Comparison | null,
  threshold: r.threshold,
  forMs: r.for_ms,
  keepFiringForMs: r.keep_firing_for_ms,
  intervalMs: r.interval_ms,
  labels: JSON.parse(r.labels) as Labels,
  annotations: JSON.parse(r.annotations) as Labels,
  enabled: r.enabled === 1,
  lastEvalAt: r.last_eval_at,
  lastEvalMs: r.last_eval_ms,
  lastError: r.last_error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRecord = (r: InstanceRow): AlertRecord => ({
  fingerprint: r.fingerprint,
  labels: JSON.parse(r.labels) as Labels,
  annotations: JSON.parse(r.annotations) as Labels,
  state: r.state,
  value: r.value ?? NaN,
  activeAt: r.active_at,
  firedAt: r.fired_at,
  resolvedAt: r.resolved_at,
  keepFiringSince: r.keep_firing_since,
});

const toEvent = (r: EventRow): AlertEvent => ({
  id: r.id,
  ruleId: r.rule_id,
  ruleName: r.rule_name,
  fingerprint: r.fingerprint,
  labels: JSON.parse(r.labels) as Labels,
  from: r.from_state,
  to: r.to_state,
  value: finiteOrNull(r.value),
  at: r.at,
  silenced: r.silenced === 1,
});

export type StoredSilence = Omit<Silence, 'state'>;

const toSilence = (r: SilenceRow): StoredSilence => ({
  id: r.id,
  matchers: JSON.parse(r.matchers) as Matcher[],
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  comment: r.comment,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export interface HistoryQuery {
  ruleId?: string;
  since?: number;
  beforeId?: number;
  limit: number;
}

export type NewEvent = Omit<AlertEvent, 'id'>;

export class AlertStore {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  // ---------------------------------------------------------------- rules

  listRules(): AlertRule[] {
    return this.db
      .prepare<[], RuleRow>('SELECT * FROM alert_rules ORDER BY name COLLATE NOCASE, created_at, id')
      .all()
      .map(toRule);
  }

  getRule(id: string): AlertRule | null {
    const r = this.db.prepare<[string], RuleRow>('SELECT * FROM alert_rules WHERE id = ?').get(id);
    return r ? toRule(r) : null;
  }

  insertRule(id: string, d: RuleDef, now: number, lastError: string | null): void {
    this.db
      .prepare(
        `INSERT INTO alert_rules (id, name, source, expr, op, threshold, for_ms, keep_firing_for_ms, interval_ms,
           labels, annotations, enabled, last_error, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, ...ruleValues(d), lastError, now, now);
  }

  /** A changed rule is evaluated again at the next tick (last_eval_at cleared). */
  updateRule(id: string, d: RuleDef, now: number, lastError: string | null): void {
    this.db
      .prepare(
        `UPDATE alert_rules SET name = ?, source = ?, expr = ?, op = ?, threshold = ?, for_ms = ?,
           keep_firing_for_ms = ?, interval_ms = ?, labels = ?, annotations = ?, enabled = ?,
           last_error = ?, last_eval_at = NULL, last_eval_ms = NULL, updated_at = ?
         WHERE id = ?`,
      )
      .run(...ruleValues(d), lastError, now, id);
  }

  deleteRule(id: string): boolean {
    return this.db.prepare('DELETE FROM alert_rules WHERE id = ?').run(id).changes > 0;
  }

  recordEval(id: string, at: number, ms: number, error: string | null): void {
    this.db
      .prepare('UPDATE alert_rules SET last_eval_at = ?, last_eval_ms = ?, last_error = ? WHERE id = ?')
      .run(at, ms, error, id);
  }

  // ---------------------------------------------------------------- alerts

  loadAlerts(ruleId: string): AlertRecord[] {
    return this.db
      .prepare<[string], InstanceRow>('SELECT * FROM alert_instances WHERE rule_id = ? ORDER BY active_at, fingerprint')
      .all(ruleId)
      .map(toRecord);
  }

  replaceAlerts(ruleId: string, alerts: readonly AlertRecord[]): void {
    this.db.prepare('DELETE FROM alert_instances WHERE rule_id = ?').run(ruleId);
    const ins = this.db.prepare(
      `INSERT INTO alert_instances (rule_id, fingerprint, labels, annotations, state, value, active_at, fired_at,
         resolved_at, keep_firing_since) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const a of alerts) {
      ins.run(
        ruleId,
        a.fingerprint,
        JSON.stringify(a.labels),
        JSON.stringify(a.annotations),
        a.state,
        Number.isNaN(a.value) ? null : a.value,
        a.activeAt,
        a.firedAt,
        a.resolvedAt,
        a.keepFiringSince,
      );
    }
  }

  /** Alerts with their rule's id and name; `live` keeps pending and firing only. */
  listAlerts(o: {
    ruleIds?: readonly string[];
    live: boolean;
  }): { ruleId: string; ruleName: string; a: AlertRecord }[] {
    const where: string[] = [];
    const args: string[] = [];
    if (o.live) where.push(`i.state IN ('pending', 'firing')`);
    if (o.ruleIds) {
      if (!o.ruleIds.length) return [];
      where.push(`i.rule_id IN (${o.ruleIds.map(() => '?').join(',')})`);
      args.push(...o.ruleIds);
    }
    const rows = this.db
      .prepare<string[], InstanceRow & { rule_name: string }>(
        `SELECT i.*, r.name AS rule_name FROM alert_instances i JOIN alert_rules r ON r.id = i.rule_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY CASE i.state WHEN 'firing' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END,
           r.name COLLATE NOCASE, i.active_at, i.labels`,
      )
      .all(...args);
    return rows.map((r) => ({ ruleId: r.rule_id, ruleName: r.rule_name, a: toRecord(r) }));
  }

  // ---------------------------------------------------------------- events

  insertEvent(e: NewEvent): AlertEvent {
    const id = this.db
      .prepare(
        `INSERT INTO alert_events (rule_id, rule_name, fingerprint, labels, from_state, to_state, value, at, silenced)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        e.ruleId,
        e.ruleName,
        e.fingerprint,
        JSON.stringify(e.labels),
        e.from,
        e.to,
        e.value,
        e.at,
        e.silenced ? 1 : 0,
      ).lastInsertRowid;
    return { ...e, id: Number(id) };
  }

  history(q: HistoryQuery): AlertEvent[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (sql: string, v: string | number | undefined) => {
      if (v === undefined) return;
      where.push(sql);
      args.push(v);
    };
    add('rule_id = ?', q.ruleId);
    add('at >= ?', q.since);
    add('id < ?', q.beforeId);
    return this.db
      .prepare<(string | number)[], EventRow>(
        `SELECT * FROM alert_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      )
      .all(...args, q.limit)
      .map(toEvent);
  }

  // ---------------------------------------------------------------- silences

  insertSilence(s: StoredSilence): void {
    this.db
      .prepare(
        `INSERT INTO alert_silences (id, matchers, starts_at, ends_at, comment, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.id, JSON.stringify(s.matchers), s.startsAt, s.endsAt, s.comment, s.createdBy, s.createdAt, s.createdAt);
  }

  getSilence(id: string): StoredSilence | null {
    const r = this.db.prepare<[string], SilenceRow>('SELECT * FROM alert_silences WHERE id = ?').get(id);
    return r ? toSilence(r) : null;
  }

  listSilences(): StoredSilence[] {
    return this.db
      .prepare<[], SilenceRow>('SELECT * FROM alert_silences ORDER BY ends_at DESC, id')
      .all()
      .map(toSilence);
  }

  /** Silences not yet ended at `now` (active or still to start). */
  unexpiredSilences(now: number): StoredSilence[] {
    return this.db
      .prepare<[number], SilenceRow>('SELECT * FROM alert_silences WHERE ends_at > ? ORDER BY starts_at, id')
      .all(now)
      .map(toSilence);
  }

  setSilenceTimes(id: string, startsAt: number, endsAt: number, now: number): void {
    this.db
      .prepare('UPDATE alert_silences SET starts_at = ?, ends_at = ?, updated_at = ? WHERE id = ?')
      .run(startsAt, endsAt, now, id);
  }
}

function ruleValues(d: RuleDef) {
  return [
    d.name,
    JSON.stringify(d.source),
    d.expr,
    d.op,
    d.threshold,
    d.forMs,
    d.keepFiringForMs,
    d.intervalMs,
    JSON.stringify(d.labels),
    JSON.stringify(d.annotations),
    d.enabled ? 1 : 0,
  ] as const;
}
