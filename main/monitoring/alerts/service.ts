import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../../shared/api';
import { OpsError } from '../../../shared/api/errors';
import type { AlertEvent, AlertInstance, AlertRule } from '../../../shared/api/monitoring-alerts';
import type { Logger } from '../../applog/types';
import type { Clock } from '../../clock';
import type { Engines } from '../types';
import { errorText, toInstance, type Evaluator } from './evaluator';
import { toRuleDef, type RuleDef, type RuleInput } from './rule-input';
import type { Silences } from './silences';
import type { AlertStore } from './store';

export interface AlertServiceDeps {
  store: AlertStore;
  silences: Silences;
  evaluator: Evaluator;
  engines: Engines;
  clock: Clock;
  logger: Logger;
}

/** How many rules are evaluated at once in one pass; a slow datasource must not hold every other rule. */
const parallel = 4;

async function eachLimited<T>(items: readonly T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Rules (saved after their expression is checked), evaluation on schedule or on demand, and reads. */
export class AlertService {
  constructor(private readonly d: AlertServiceDeps) {}

  listRules(): AlertRule[] {
    return this.d.store.listRules();
  }

  private rule(id: string): AlertRule {
    const r = this.d.store.getRule(id);
    if (!r) throw new OpsError('not_found', `There is no alert rule "${id}"; it may have been deleted.`, { id });
    return r;
  }

  /**
   * One instant evaluation before saving. An expression the engine refuses
   * (bad PromQL, unknown datasource) is not saved, with the engine's own
   * words; an engine that cannot be reached does not stop the save — the
   * rule keeps a lastError saying it was not checked.
   */
  private async check(def: RuleDef): Promise<string | null> {
    try {
      await this.d.engines.engine(def.source).instant(def.expr, this.d.clock.now());
      return null;
    } catch (e) {
      if (e instanceof OpsError && (e.code === 'bad_input' || e.code === 'not_found')) {
        throw new OpsError(e.code, `The rule was not saved: ${e.message}`, e.details);
      }
      return `The expression could not be checked when the rule was saved: ${errorText(e)}`;
    }
  }

  async saveRule(input: RuleInput): Promise<AlertRule> {
    const def = toRuleDef(input);
    if (input.id) this.rule(input.id);
    const lastError = await this.check(def);
    const { store, clock, evaluator } = this.d;
    const now = clock.now();
    const id = input.id ?? randomUUID();
    const events = store.transaction((): AlertEvent[] => {
      if (!input.id) {
        store.insertRule(id, def, now, lastError);
        return [];
      }
      const before = this.rule(id);
      // A disabled rule has no alerts: switching one off resolves what it was firing.
      const ended = before.enabled && !def.enabled ? evaluator.endAll(before, now) : [];
      store.updateRule(id, def, now, lastError);
      return ended;
    });
    evaluator.publish(events);
    return this.rule(id);
  }

  /** Deletes a rule; its firing alerts resolve and its pending ones end, each with an event. */
  deleteRule(id: string): { deleted: boolean } {
    const { store, clock, evaluator } = this.d;
    const events = store.transaction(() => {
      const rule = store.getRule(id);
      if (!rule) return null;
      const ended = evaluator.endAll(rule, clock.now());
      store.deleteRule(id);
      return ended;
    });
    if (!events) return { deleted: false };
    evaluator.publish(events);
    return { deleted: true };
  }

  /** Evaluates the named rules (all enabled ones when none) now; returns their alerts, recently resolved included. */
  async evaluate(ruleIds: readonly string[]): Promise<AlertInstance[]> {
    const rules = ruleIds.length ? [...new Set(ruleIds)].map((id) => this.rule(id)) : this.listRules();
    const named = ruleIds.length > 0;
    const off = rules.filter((r) => !r.enabled);
    if (named && off.length) {
      throw new OpsError('conflict', `The alert rule "${off[0].name}" is disabled; enable it before evaluating it.`, {
        ids: off.map((r) => r.id),
      });
    }
    const on = rules.filter((r) => r.enabled);
    await eachLimited(on, parallel, (r) => this.d.evaluator.evaluate(r.id));
    return this.instances({ ruleIds: on.map((r) => r.id), live: false });
  }

  /** Pending and firing alerts now, firing first, each with the silences that mute it. */
  active(): AlertInstance[] {
    return this.instances({ live: true });
  }

  private instances(o: { ruleIds?: string[]; live: boolean }): AlertInstance[] {
    const silencedBy = this.d.silences.activeAt(this.d.clock.now());
    return this.d.store.listAlerts(o).map((x) => toInstance(x.ruleId, x.ruleName, x.a, silencedBy));
  }

  history(q: ParsedInput<'monitoring.alerts.history'>): AlertEvent[] {
    return this.d.store.history(q);
  }

  /** The schedule: every enabled rule whose interval has passed since its last evaluation. Never throws. */
  async tick(): Promise<void> {
    try {
      const now = this.d.clock.now();
      const due = this.listRules().filter(
        (r) => r.enabled && (r.lastEvalAt === null || now - r.lastEvalAt >= r.intervalMs),
      );
      await eachLimited(due, parallel, (r) => this.d.evaluator.evaluate(r.id));
    } catch (e) {
      this.d.logger.child('alerts').error('alert schedule pass failed', { error: errorText(e) });
    }
  }
}
