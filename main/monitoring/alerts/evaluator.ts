import { isOpsError } from '../../../shared/api/errors';
import type { AlertEvent, AlertInstance, AlertRule } from '../../../shared/api/monitoring-alerts';
import type { Logger } from '../../applog/types';
import type { Clock } from '../../clock';
import type { EventBus } from '../../rpc/events';
import type { Engines } from '../types';
import { activeSeries } from './alert-labels';
import type { SilencedBy, Silences } from './silences';
import {
  endAlerts,
  evaluateAlerts,
  resumeAfterOutage,
  type ActiveSeries,
  type AlertRecord,
  type Transition,
} from './state-machine';
import { finiteOrNull, type AlertStore } from './store';

export interface EvaluatorDeps {
  store: AlertStore;
  silences: Silences;
  engines: Engines;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
}

export const errorText = (e: unknown): string => (isOpsError(e) || e instanceof Error ? e.message : String(e));

/** The fields that decide what an evaluation means; results of an older definition are dropped. */
const definition = (r: AlertRule) =>
  JSON.stringify([r.name, r.source, r.expr, r.op, r.threshold, r.labels, r.annotations]);

export function toInstance(ruleId: string, ruleName: string, a: AlertRecord, silencedBy: SilencedBy): AlertInstance {
  return {
    ruleId,
    ruleName,
    fingerprint: a.fingerprint,
    labels: a.labels,
    annotations: a.annotations,
    state: a.state,
    value: finiteOrNull(a.value),
    activeAt: a.activeAt,
    firedAt: a.firedAt,
    resolvedAt: a.resolvedAt,
    silencedBy: a.state === 'inactive' ? [] : silencedBy(a.labels),
  };
}

/**
 * Runs one rule: asks its engine for the expression at `now`, moves the
 * alerts through the state machine, stores them with one event per
 * transition in one transaction, then publishes the events. A failed query
 * only records lastError: the alerts keep their state, because "Prometheus is
 * unreachable" says nothing about whether the problem went away.
 */
export class Evaluator {
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly abort = new AbortController();
  private closed = false;
  /** bumped by a workspace restore: a query that began before it must not write its answer into the restored file */
  private generation = 0;
  private readonly log: Logger;

  constructor(private readonly d: EvaluatorDeps) {
    this.log = d.logger.child('alerts');
  }

  /** Evaluates a rule now; a call while the same rule is being evaluated joins that run. */
  evaluate(ruleId: string): Promise<void> {
    const running = this.inflight.get(ruleId);
    if (running) return running;
    const p = this.run(ruleId)
      .catch((e: unknown) => {
        if (!this.closed) this.log.error('alert rule evaluation failed', { ruleId, error: errorText(e) });
      })
      .finally(() => this.inflight.delete(ruleId));
    this.inflight.set(ruleId, p);
    return p;
  }

  private async run(ruleId: string): Promise<void> {
    const { store, engines, clock } = this.d;
    const rule = store.getRule(ruleId);
    if (!rule || !rule.enabled || this.closed) return;
    const generation = this.generation;
    const now = clock.now();
    const t0 = performance.now();
    let active: ActiveSeries[];
    try {
      const result = await engines.engine(rule.source).instant(rule.expr, now, this.abort.signal);
      active = activeSeries(rule, result.samples);
    } catch (e) {
      if (this.closed || generation !== this.generation) return;
      const error = errorText(e);
      // An error of a definition edited meanwhile says nothing about the new one.
      if (definition(store.getRule(ruleId) ?? rule) !== definition(rule)) return;
      if (error !== rule.lastError) this.log.warn('alert rule cannot be evaluated', { rule: rule.name, error });
      store.recordEval(ruleId, now, performance.now() - t0, error);
      return;
    }
    if (this.closed || generation !== this.generation) return;
    const ms = performance.now() - t0;
    const events = store.transaction(() => {
      const cur = store.getRule(ruleId);
      if (!cur || !cur.enabled || definition(cur) !== definition(rule)) return [];
      const before = store.loadAlerts(ruleId);
      const previous =
        cur.lastEvalAt === null
          ? before
          : resumeAfterOutage(before, {
              lastEvalAt: cur.lastEvalAt,
              now,
              forMs: cur.forMs,
              intervalMs: cur.intervalMs,
            });
      const step = evaluateAlerts(previous, active, now, cur);
      store.replaceAlerts(ruleId, step.alerts);
      store.recordEval(ruleId, now, ms, null);
      return this.record(cur, step.transitions, now);
    });
    this.publish(events);
  }

  /**
   * Ends every alert of a rule that is being deleted or disabled (events
   * written, alerts cleared). Call inside the caller's transaction; publish
   * the returned events after it commits.
   */
  endAll(rule: AlertRule, now: number): AlertEvent[] {
    const transitions = endAlerts(this.d.store.loadAlerts(rule.id), now);
    this.d.store.replaceAlerts(rule.id, []);
    return this.record(rule, transitions, now);
  }

  publish(events: readonly AlertEvent[]): void {
    for (const e of events) this.d.bus.publish('monitoring.alerts.transition', e);
  }

  private record(rule: AlertRule, transitions: readonly Transition[], now: number): AlertEvent[] {
    if (!transitions.length) return [];
    const silencedBy = this.d.silences.activeAt(now);
    return transitions.map((t) =>
      this.d.store.insertEvent({
        ruleId: rule.id,
        ruleName: rule.name,
        fingerprint: t.fingerprint,
        labels: t.labels,
        from: t.from,
        to: t.to,
        value: finiteOrNull(t.value),
        at: t.at,
        silenced: silencedBy(t.labels).length > 0,
      }),
    );
  }

  /** After a workspace restore: answers of evaluations under way are dropped (the stored states are the snapshot's). */
  reload(): void {
    this.generation++;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    await Promise.allSettled([...this.inflight.values()]);
  }
}
