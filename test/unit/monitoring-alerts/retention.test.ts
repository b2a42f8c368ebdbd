import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/applog/types';
import { AlertRetention } from '../../../main/monitoring/alerts/retention';
import { AlertStore } from '../../../main/monitoring/alerts/store';
import type { AlertEvent, AlertInstance, AlertRule, Silence } from '../../../shared/api/monitoring-alerts';
import { openAlerts, ruleInput, sample, T0, type AlertsFixture } from './fixture';

const min = 60_000;
const day = 86_400_000;

let f: AlertsFixture;
beforeEach(() => {
  f = openAlerts();
});
afterEach(async () => {
  await f.close();
});

const tickAt = async (t: number) => {
  f.clock.t = T0 + t;
  await f.part.ticking!.tick();
};
const history = () => f.call<AlertEvent[]>('monitoring.alerts.history', { limit: 5000 });
const active = () => f.call<AlertInstance[]>('monitoring.alerts.active');
const silences = () => f.call<Silence[]>('monitoring.silences.list');
const count = (table: string) =>
  (f.workspace.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const moves = (es: AlertEvent[]) =>
  es.map((e) => `${Math.round((e.at - T0) / min)}m ${e.labels.instance} ${e.from}->${e.to}`).sort();

/** An event written through the store at `at`, as the evaluator would have written it then. */
function oldEvent(at: number, instance = 'old-01'): void {
  new AlertStore(f.workspace.db).insertEvent({
    ruleId: 'gone',
    ruleName: 'Gone',
    fingerprint: instance,
    labels: { alertname: 'Gone', instance },
    from: 'pending',
    to: 'firing',
    value: 1,
    at,
    silenced: false,
  });
}

const silence = (instance: string, endsAt: number, startsAt?: number) =>
  f.call<Silence>('monitoring.silences.create', {
    matchers: [{ name: 'instance', op: '=', value: instance }],
    startsAt,
    endsAt,
    comment: `maintenance of ${instance}`,
  });

describe('alert history retention', () => {
  it('removes events older than 90 days by default, keeps recent ones and never touches current alerts', async () => {
    const web01 = sample({ instance: 'web-01' }, 0);
    const web02 = sample({ instance: 'web-02' }, 0);
    f.engine.set('up == 0', [web01]);
    await f.call<AlertRule>('monitoring.alerts.rules.save', ruleInput({ interval: '1m' }));
    await tickAt(0); // web-01 fires and stays firing from here on
    // web-02 flaps 89 days later.
    f.engine.set('up == 0', [web01, web02]);
    await tickAt(89 * day);
    f.engine.set('up == 0', [web01]);
    await tickAt(89 * day + min);
    const recent = [
      `${89 * 1440}m web-02 inactive->pending`,
      `${89 * 1440}m web-02 pending->firing`,
      `${89 * 1440 + 1}m web-02 firing->resolved`,
    ];
    expect(moves(await history())).toEqual(['0m web-01 inactive->pending', '0m web-01 pending->firing', ...recent]);
    const web01Row = () => f.workspace.db.prepare("SELECT * FROM alert_instances WHERE labels LIKE '%web-01%'").all();
    const before = web01Row();
    expect(before).toHaveLength(1);

    await tickAt(90 * day - min); // not yet 90 days old
    expect(await history()).toHaveLength(5);
    await tickAt(90 * day + 10 * min);
    expect(moves(await history())).toEqual(recent);
    // The state rows are the state machine's memory: web-01 still fires since T0, its row as it was.
    expect(web01Row()).toEqual(before);
    expect(await active()).toMatchObject([{ state: 'firing', activeAt: T0, labels: { instance: 'web-01' } }]);
  });

  it('removes silences that ended long ago; keeps active, pending and recently expired ones', async () => {
    await silence('long-ago', T0 + 3600_000);
    await silence('active', T0 + 200 * day);
    await silence('pending', T0 + 160 * day, T0 + 150 * day);
    f.clock.t = T0 + 85 * day;
    await silence('recent', T0 + 86 * day);
    const expiredNow = await silence('expired-by-hand', T0 + 120 * day);
    await f.call('monitoring.silences.expire', { id: expiredNow.id });

    await tickAt(91 * day);
    const left = await silences();
    expect(left.map((s) => `${s.matchers[0].value} ${s.state}`).sort()).toEqual([
      'active active',
      'expired-by-hand expired',
      'pending pending',
      'recent expired',
    ]);
    expect(count('alert_silences')).toBe(4);

    // The one expired by hand at 85 days goes once 90 days have passed since; 'recent' ended a day later.
    await tickAt(175 * day + min);
    expect((await silences()).map((s) => s.matchers[0].value).sort()).toEqual(['active', 'pending', 'recent']);
    await tickAt(176 * day + min);
    expect((await silences()).map((s) => s.matchers[0].value).sort()).toEqual(['active', 'pending']);
  });

  it('honours monitoring.alertHistoryDays', async () => {
    f.settings.update({ 'monitoring.alertHistoryDays': 7 });
    const now = 4 * day + 2 * 3600_000;
    oldEvent(T0 + now - 8 * day, 'eight-days');
    oldEvent(T0 + now - 6 * day, 'six-days');
    await silence('ended-3d', T0 + 3600_000);
    await tickAt(now); // that silence ended 4 days ago: kept
    expect(count('alert_silences')).toBe(1);
    expect((await history()).map((e) => e.labels.instance)).toEqual(['six-days']);

    f.settings.update({ 'monitoring.alertHistoryDays': 3 });
    await tickAt(now + 5 * min);
    expect(count('alert_silences')).toBe(0);
    expect(await history()).toEqual([]);
  });

  it('runs no more often than every 5 minutes', async () => {
    await tickAt(0);
    oldEvent(T0 - 100 * day);
    await tickAt(4 * min + 59_000);
    expect(count('alert_events')).toBe(1);
    await tickAt(5 * min);
    expect(count('alert_events')).toBe(0);
    oldEvent(T0 - 100 * day);
    await tickAt(9 * min);
    expect(count('alert_events')).toBe(1);
  });

  it('takes a large backlog in batches, yielding between them', async () => {
    const store = new AlertStore(f.workspace.db);
    store.transaction(() => {
      for (let i = 0; i < 25; i++) oldEvent(T0 - 200 * day + i);
    });
    oldEvent(T0 - day, 'recent');
    const r = new AlertRetention(
      { db: f.workspace.db, clock: f.clock, settings: f.settings, logger: silentLogger },
      { batch: 10 },
    );
    const pass = r.tick();
    // The first batch went before the pass let anything else run; the rest follow.
    expect(count('alert_events')).toBe(16);
    await pass;
    expect((await history()).map((e) => e.labels.instance)).toEqual(['recent']);
  });
});
