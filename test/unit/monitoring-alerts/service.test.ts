import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import type { AlertEvent, AlertInstance, AlertRule, Silence } from '../../../shared/api/monitoring-alerts';
import { openAlerts, ruleInput, sample, T0, type AlertsFixture } from './fixture';

const s = 1000;
const min = 60 * s;

let f: AlertsFixture;
beforeEach(() => {
  f = openAlerts();
});
afterEach(async () => {
  await f.close();
});

const save = (extra: Record<string, unknown> = {}) =>
  f.call<AlertRule>('monitoring.alerts.rules.save', ruleInput(extra));
const active = () => f.call<AlertInstance[]>('monitoring.alerts.active');
const history = (input: Record<string, unknown> = {}) => f.call<AlertEvent[]>('monitoring.alerts.history', input);
const rules = () => f.call<AlertRule[]>('monitoring.alerts.rules.list');
const at = (t: number) => (f.clock.t = T0 + t);
const tickAt = async (t: number) => {
  at(t);
  await f.part.ticking!.tick();
};
const moves = (es: AlertEvent[]) => es.map((e) => `${(e.at - T0) / s}s ${e.labels.instance} ${e.from}->${e.to}`);

async function refusal(p: Promise<unknown>): Promise<OpsError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OpsError);
    return e as OpsError;
  }
  throw new Error('expected the call to be refused');
}

const down = [sample({ __name__: 'up', instance: 'web-01:9100', job: 'node' }, 0)];

describe('alert rules on a schedule', () => {
  it('goes pending, waits `for`, fires at exactly `for`; every transition stored and published', async () => {
    f.engine.set('up == 0', down);
    await save({ for: '2m', interval: '30s', labels: { severity: 'page' } });
    await tickAt(0);
    const [p] = await active();
    expect(p).toMatchObject({
      state: 'pending',
      ruleName: 'InstanceDown',
      activeAt: T0,
      value: 0,
      labels: { alertname: 'InstanceDown', instance: 'web-01:9100', job: 'node', severity: 'page' },
      silencedBy: [],
    });
    expect(p.labels.__name__).toBeUndefined();

    for (const t of [30, 60, 90]) await tickAt(t * s);
    expect((await active())[0].state).toBe('pending');
    await tickAt(119 * s); // not due (interval 30s since 90s): no evaluation
    expect(f.engine.calls).toHaveLength(4 + 1); // 4 ticks + the check when saving
    await tickAt(120 * s);
    const [fired] = await active();
    expect(fired).toMatchObject({ state: 'firing', activeAt: T0, firedAt: T0 + 2 * min });

    expect(moves(await history())).toEqual(['120s web-01:9100 pending->firing', '0s web-01:9100 inactive->pending']);
    expect(moves(f.published)).toEqual(['0s web-01:9100 inactive->pending', '120s web-01:9100 pending->firing']);
    expect(f.published[1]).toMatchObject({ ruleName: 'InstanceDown', silenced: false, to: 'firing' });
    const [rule] = await rules();
    expect(rule).toMatchObject({ lastEvalAt: T0 + 2 * min, lastError: null });
  });

  it('evaluates each sample at the tick time; op/threshold keeps only the samples that pass', async () => {
    f.engine.set('node_load1', [
      sample({ __name__: 'node_load1', instance: 'a' }, 1.5),
      sample({ __name__: 'node_load1', instance: 'b' }, 3.25),
      sample({ __name__: 'node_load1', instance: 'c' }, NaN),
    ]);
    await save({
      name: 'HighLoad',
      expr: 'node_load1',
      op: '>',
      threshold: 2,
      annotations: { summary: 'Load {{ $value }} on {{ $labels.instance }}', raw: 'no template' },
    });
    await tickAt(5 * s);
    expect(f.engine.calls.at(-1)).toEqual({ expr: 'node_load1', at: T0 + 5 * s });
    const alerts = await active();
    expect(alerts.map((a) => [a.labels.instance, a.state, a.value])).toEqual([['b', 'firing', 3.25]]);
    expect(alerts[0].annotations).toEqual({ summary: 'Load 3.25 on b', raw: 'no template' });
  });

  it('an evaluation error is recorded on the rule and leaves the alerts as they were', async () => {
    f.engine.set('up == 0', down);
    await save({ for: '0s', interval: '30s' });
    await tickAt(0);
    expect((await active())[0].state).toBe('firing');
    const before = f.published.length;

    f.engine.set('up == 0', new OpsError('unavailable', 'Prometheus at http://127.0.0.1:9 cannot be reached.'));
    await tickAt(30 * s);
    await tickAt(60 * s);
    expect((await active())[0]).toMatchObject({ state: 'firing', firedAt: T0 });
    expect(f.published).toHaveLength(before);
    expect((await rules())[0]).toMatchObject({
      lastError: 'Prometheus at http://127.0.0.1:9 cannot be reached.',
      lastEvalAt: T0 + 60 * s,
    });

    f.engine.set('up == 0', []);
    await tickAt(90 * s);
    expect(await active()).toEqual([]);
    expect((await rules())[0].lastError).toBeNull();
    expect(moves(f.published).at(-1)).toBe('90s web-01:9100 firing->resolved');
  });

  it('two samples with the same labels after __name__ is dropped are an error, not two alerts', async () => {
    f.engine.set('x', [sample({ __name__: 'a', instance: 'i' }, 1), sample({ __name__: 'b', instance: 'i' }, 2)]);
    await save({ expr: 'x' });
    await tickAt(0);
    expect(await active()).toEqual([]);
    expect((await rules())[0].lastError).toMatch(/same labels/);
  });

  it('evaluate runs named rules now and returns their alerts, recently resolved included', async () => {
    f.engine.set('up == 0', down);
    const r = await save({ for: '0s', interval: '1h' });
    at(10 * s);
    const now = await f.call<AlertInstance[]>('monitoring.alerts.evaluate', { ruleIds: [r.id] });
    expect(now.map((a) => a.state)).toEqual(['firing']);
    f.engine.set('up == 0', []);
    at(20 * s);
    const after = await f.call<AlertInstance[]>('monitoring.alerts.evaluate', {});
    expect(after).toMatchObject([{ state: 'inactive', resolvedAt: T0 + 20 * s, firedAt: T0 + 10 * s }]);
    expect(await active()).toEqual([]);
    // dropped once the retention (15 min) has passed
    at(20 * s + 15 * min + s);
    expect(await f.call('monitoring.alerts.evaluate', { ruleIds: [r.id] })).toEqual([]);

    expect((await refusal(f.call('monitoring.alerts.evaluate', { ruleIds: ['nope'] }))).code).toBe('not_found');
    await save({ id: r.id, enabled: false });
    expect((await refusal(f.call('monitoring.alerts.evaluate', { ruleIds: [r.id] }))).code).toBe('conflict');
  });
});

describe('saving rules', () => {
  it('stores durations as ms and the defaults', async () => {
    f.engine.set('up == 0', []);
    const r = await save({ for: '1h30m', keepFiringFor: '5m' });
    expect(r).toMatchObject({
      forMs: 90 * min,
      keepFiringForMs: 5 * min,
      intervalMs: 30 * s,
      op: null,
      threshold: null,
      enabled: true,
      lastEvalAt: null,
      lastError: null,
      createdAt: T0,
    });
  });

  it('refuses bad durations, op without threshold, bad labels and bad templates with what to fix', async () => {
    f.engine.set('up == 0', []);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ for: '-5m' }, /"for" cannot be negative \("-5m"\); use 0s/],
      [{ for: '5 minutes' }, /"for": "5 minutes" is not a duration/],
      [{ keepFiringFor: '-1s' }, /"keepFiringFor" cannot be negative/],
      [{ interval: '0s' }, /interval must be at least 1s/],
      [{ interval: '500ms' }, /interval must be at least 1s/],
      [{ op: '>' }, /both a comparison and a threshold/],
      [{ threshold: 3 }, /both a comparison and a threshold/],
      [{ labels: { 'bad-name': 'x' } }, /label name "bad-name" is not valid/],
      [{ labels: { __x: 'x' } }, /reserved/],
      [{ labels: { alertname: 'x' } }, /always the rule's name/],
      [{ annotations: { summary: '{{ humanise $value }}' } }, /annotation "summary" .*function "humanise" not defined/],
    ];
    for (const [extra, msg] of cases) {
      const e = await refusal(save(extra));
      expect(e.code, JSON.stringify(extra)).toBe('bad_input');
      expect(e.message, JSON.stringify(extra)).toMatch(msg);
    }
    expect(await rules()).toEqual([]);
  });

  it("refuses an expression the engine refuses, with the engine's message; nothing saved", async () => {
    f.engine.set('rate(x[5m]', new OpsError('bad_input', 'Prometheus: parse error: unclosed left bracket'));
    const e = await refusal(save({ expr: 'rate(x[5m]' }));
    expect(e.code).toBe('bad_input');
    expect(e.message).toBe('The rule was not saved: Prometheus: parse error: unclosed left bracket');
    const nf = await refusal(save({ source: { kind: 'prometheus', datasourceId: 'gone' } }));
    expect(nf.code).toBe('not_found');
    expect(await rules()).toEqual([]);
  });

  it('saves when the engine cannot be reached, with lastError saying it was not checked', async () => {
    f.engine.set('up == 0', new OpsError('unavailable', 'Prometheus cannot be reached (connection refused).'));
    const r = await save();
    expect(r.lastError).toBe(
      'The expression could not be checked when the rule was saved: Prometheus cannot be reached (connection refused).',
    );
    expect(await rules()).toHaveLength(1);
  });

  it('updating a rule keeps its alerts; disabling it ends them with events', async () => {
    f.engine.set('up == 0', down);
    const r = await save({ for: '0s' });
    await tickAt(0);
    const updated = await save({ id: r.id, for: '0s', annotations: { summary: 'changed' } });
    expect(updated).toMatchObject({ id: r.id, createdAt: T0, lastEvalAt: null });
    expect((await active())[0].state).toBe('firing');
    await tickAt(1 * s); // evaluated again at once after a change
    expect((await active())[0]).toMatchObject({ state: 'firing', annotations: { summary: 'changed' }, firedAt: T0 });

    at(2 * s);
    await save({ id: r.id, enabled: false });
    expect(await active()).toEqual([]);
    expect(moves(f.published).at(-1)).toBe('2s web-01:9100 firing->resolved');
    await tickAt(1 * min);
    expect(await active()).toEqual([]);
    expect((await refusal(f.call('monitoring.alerts.rules.save', ruleInput({ id: 'missing' })))).code).toBe(
      'not_found',
    );
  });

  it('deleting a rule resolves its firing alerts and ends pending ones, and keeps the history', async () => {
    f.engine.set('up == 0', [sample({ instance: 'a' }, 0)]);
    f.engine.set('slow', [sample({ instance: 'b' }, 0)]);
    const fast = await save({ name: 'Fast', for: '0s' });
    const slow = await save({ name: 'Slow', expr: 'slow', for: '10m' });
    await tickAt(0);
    expect((await active()).map((a) => `${a.ruleName}:${a.state}`)).toEqual(['Fast:firing', 'Slow:pending']);

    at(5 * s);
    expect(await f.call('monitoring.alerts.rules.delete', { id: fast.id })).toEqual({ deleted: true });
    expect(await f.call('monitoring.alerts.rules.delete', { id: slow.id })).toEqual({ deleted: true });
    expect(await f.call('monitoring.alerts.rules.delete', { id: slow.id })).toEqual({ deleted: false });
    expect(await active()).toEqual([]);
    expect(moves(f.published).slice(-2)).toEqual(['5s a firing->resolved', '5s b pending->inactive']);
    expect((await history({ ruleId: fast.id })).map((e) => e.to)).toEqual(['resolved', 'firing', 'pending']);
    expect(await rules()).toEqual([]);
  });
});

describe('silences', () => {
  const create = (input: Record<string, unknown>) => f.call<Silence>('monitoring.silences.create', input);

  it('mark matching alerts without changing their state; their events are stored silenced', async () => {
    f.engine.set('up == 0', [sample({ instance: 'web-01' }, 0), sample({ instance: 'db-01' }, 0)]);
    await save({ for: '1m' });
    const sil = await create({
      matchers: [
        { name: 'alertname', op: '=', value: 'InstanceDown' },
        { name: 'instance', op: '=~', value: 'web-.*' },
      ],
      endsAt: T0 + 1 * 3600_000,
      comment: 'rebooting web-01',
    });
    expect(sil).toMatchObject({ createdBy: 'alice', startsAt: T0, state: 'active', comment: 'rebooting web-01' });

    await tickAt(0);
    await tickAt(60 * s);
    const alerts = await active();
    expect(alerts.map((a) => [a.labels.instance, a.state, a.silencedBy])).toEqual([
      ['db-01', 'firing', []],
      ['web-01', 'firing', [sil.id]],
    ]);
    const fired = f.published.filter((e) => e.to === 'firing');
    expect(fired.map((e) => [e.labels.instance, e.silenced])).toEqual([
      ['web-01', true],
      ['db-01', false],
    ]);
    expect((await history()).filter((e) => e.silenced).map((e) => e.labels.instance)).toEqual(['web-01', 'web-01']);

    at(2 * min);
    const ended = await f.call<Silence>('monitoring.silences.expire', { id: sil.id });
    expect(ended).toMatchObject({ state: 'expired', endsAt: T0 + 2 * min });
    expect((await active()).every((a) => a.silencedBy.length === 0)).toBe(true);
    // expiring twice is harmless
    expect(await f.call<Silence>('monitoring.silences.expire', { id: sil.id })).toMatchObject({ state: 'expired' });
  });

  it('state follows the clock: pending, active, expired; a pending one expires before it starts', async () => {
    const later = await create({
      matchers: [{ name: 'alertname', op: '=', value: 'X' }],
      startsAt: T0 + 10 * min,
      endsAt: T0 + 20 * min,
      comment: 'maintenance window',
    });
    expect(later.state).toBe('pending');
    at(10 * min);
    expect((await f.call<Silence[]>('monitoring.silences.list'))[0].state).toBe('active');
    at(20 * min);
    expect((await f.call<Silence[]>('monitoring.silences.list'))[0].state).toBe('expired');

    const other = await create({
      matchers: [{ name: 'alertname', op: '=', value: 'Y' }],
      startsAt: T0 + 30 * min,
      endsAt: T0 + 40 * min,
      comment: 'not needed after all',
    });
    const gone = await f.call<Silence>('monitoring.silences.expire', { id: other.id });
    expect(gone).toMatchObject({ state: 'expired', startsAt: T0 + 20 * min, endsAt: T0 + 20 * min });
  });

  it('a start in the past means now', async () => {
    at(5 * min);
    const sil = await create({
      matchers: [{ name: 'alertname', op: '=', value: 'X' }],
      startsAt: T0,
      endsAt: T0 + 10 * min,
      comment: 'c',
    });
    expect(sil.startsAt).toBe(T0 + 5 * min);
  });

  it('refuses bad regexes, silences that match everything, and ends before the start', async () => {
    const base = { endsAt: T0 + min, comment: 'c' };
    const bad = await refusal(create({ ...base, matchers: [{ name: 'instance', op: '=~', value: '(web' }] }));
    expect(bad.code).toBe('bad_input');
    expect(bad.message).toMatch(/is not a valid regex/);
    expect((await refusal(create({ ...base, matchers: [{ name: 'x', op: '=~', value: '.*' }] }))).message).toMatch(
      /silence every alert/,
    );
    const back = await refusal(
      create({ ...base, startsAt: T0 + 2 * min, matchers: [{ name: 'alertname', op: '=', value: 'X' }] }),
    );
    expect(back.message).toMatch(/must end after it starts/);
    const past = await refusal(
      create({ ...base, endsAt: T0 - 1, matchers: [{ name: 'alertname', op: '=', value: 'X' }] }),
    );
    expect(past.message).toMatch(/end before now/);
    expect((await refusal(f.call('monitoring.silences.expire', { id: 'nope' }))).code).toBe('not_found');
    expect(await f.call('monitoring.silences.list')).toEqual([]);
  });
});

describe('history', () => {
  it('pages newest first with beforeId and filters by rule and time', async () => {
    f.engine.set('up == 0', [sample({ instance: 'a' }, 0)]);
    f.engine.set('other', [sample({ instance: 'o' }, 0)]);
    const r = await save({ for: '0s', interval: '10s' });
    await save({ name: 'Other', expr: 'other', for: '0s', interval: '10s' });
    for (let i = 0; i < 6; i++) {
      f.engine.set('up == 0', i % 2 ? [] : [sample({ instance: 'a' }, 0)]);
      await tickAt(i * 10 * s);
    }
    const all = await history();
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    const mine = await history({ ruleId: r.id });
    expect(mine.every((e) => e.ruleId === r.id)).toBe(true);
    expect(mine).toHaveLength(3 * 3); // three times: inactive->pending, pending->firing, firing->resolved

    const page1 = await history({ ruleId: r.id, limit: 4 });
    const page2 = await history({ ruleId: r.id, limit: 4, beforeId: page1.at(-1)!.id });
    const page3 = await history({ ruleId: r.id, limit: 4, beforeId: page2.at(-1)!.id });
    expect([...page1, ...page2, ...page3]).toEqual(mine);
    expect(page3).toHaveLength(1);
    expect((await history({ since: T0 + 40 * s })).map((e) => e.at >= T0 + 40 * s)).not.toContain(false);
  });
});

describe('restart', () => {
  it('keeps a pending alert and its activeAt across a reopen of the workspace file', async () => {
    f.engine.set('up == 0', down);
    await save({ for: '5m', interval: '1m' });
    await tickAt(0);
    await tickAt(1 * min);
    expect((await active())[0]).toMatchObject({ state: 'pending', activeAt: T0 });

    await f.reopen();
    await tickAt(2 * min);
    expect((await active())[0]).toMatchObject({ state: 'pending', activeAt: T0 });
    for (const t of [3, 4]) await tickAt(t * min);
    expect((await active())[0].state).toBe('pending');
    await tickAt(5 * min);
    expect((await active())[0]).toMatchObject({ state: 'firing', activeAt: T0, firedAt: T0 + 5 * min });
    expect(f.published.map((e) => e.to)).toEqual(['pending', 'firing']);
  });

  it('after a long gap a pending alert does not fire on the first look: the unwatched time does not count', async () => {
    f.engine.set('up == 0', down);
    await save({ for: '1h', interval: '1m' });
    await tickAt(0);
    await tickAt(10 * min);
    expect((await active())[0]).toMatchObject({ state: 'pending', activeAt: T0 });

    // Closed for 2 h (past the 1 h `for`): Prometheus would not fire on the first evaluation either.
    await f.reopen();
    await tickAt(130 * min);
    const [a] = await active();
    expect(a).toMatchObject({ state: 'pending' });
    // Outages longer than Prometheus's tolerance (1 h) start the countdown again.
    expect(a!.activeAt).toBe(T0 + 130 * min);
    for (let t = 131; t < 190; t++) await tickAt(t * min);
    expect((await active())[0]!.state).toBe('pending');
    await tickAt(190 * min);
    expect((await active())[0]).toMatchObject({ state: 'firing', firedAt: T0 + 190 * min });
    expect(f.published.map((e) => e.to)).toEqual(['pending', 'firing']);
  });
});
