import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertInstance, AlertRule } from '../../../shared/api/monitoring-alerts';
import { openAlerts, ruleInput, sample, type AlertsFixture } from './fixture';

let f: AlertsFixture;
beforeEach(() => {
  f = openAlerts();
});
afterEach(() => f.close());

describe('alerts after a workspace restore (part.reload)', () => {
  it('drops the answer of an evaluation that was under way; the next one is stored', async () => {
    f.engine.set('up == 0', [sample({ instance: 'a' }, 0)]);
    const rule = await f.call<AlertRule>('monitoring.alerts.rules.save', ruleInput());

    // Hold the engine's answer until the restore has happened.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const instant = f.engine.instant.bind(f.engine);
    f.engine.instant = async (expr, at) => {
      await gate;
      return instant(expr, at);
    };
    const underWay = f.call('monitoring.alerts.evaluate', { ruleIds: [rule.id] });
    await new Promise((r) => setImmediate(r));
    await f.part.reload?.();
    release();
    await underWay;
    expect(await f.call<AlertInstance[]>('monitoring.alerts.active')).toEqual([]);
    expect(f.published).toEqual([]);

    f.engine.instant = instant;
    await f.call('monitoring.alerts.evaluate', { ruleIds: [rule.id] });
    expect((await f.call<AlertInstance[]>('monitoring.alerts.active')).map((a) => a.state)).toEqual(['firing']);
    expect(f.published.at(-1)?.to).toBe('firing');
  });
});
