import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alertKey,
  alertStateColor,
  applyTransition,
  countByRule,
  firingSetFromActive,
  formatValue,
  labelPairs,
  labelsText,
  matchersFromLabels,
  sortAlerts,
  summaryOf,
  toastFor,
} from '../../../renderer/views/alerts/alerts-pure';
import { appendPage, prependEvent } from '../../../renderer/views/alerts/history-list';
import { alertStates } from '../../../shared/api/monitoring-alerts';
import { event, inst } from './fixtures';

describe('alert rows', () => {
  it('colours every state, firing red and pending yellow', () => {
    for (const s of [...alertStates, 'resolved' as const]) expect(alertStateColor[s]).toBeTruthy();
    expect(alertStateColor.firing).toBe('red');
    expect(alertStateColor.pending).toBe('yellow');
  });

  it('lists firing before pending, unsilenced before silenced, then the oldest first', () => {
    const list = [
      inst({ fingerprint: 'pend', state: 'pending', activeAt: 1 }),
      inst({ fingerprint: 'silenced', silencedBy: ['s1'], activeAt: 1 }),
      inst({ fingerprint: 'young', activeAt: 500 }),
      inst({ fingerprint: 'old', activeAt: 100 }),
    ];
    expect(sortAlerts(list).map((a) => a.fingerprint)).toEqual(['old', 'young', 'silenced', 'pend']);
    expect(list[0].fingerprint).toBe('pend'); // not sorted in place
  });

  it('keys alerts by rule and fingerprint: the same series under two rules is two alerts', () => {
    expect(alertKey(inst())).not.toBe(alertKey(inst({ ruleId: 'r2' })));
    expect(alertKey({ ruleId: 'a', fingerprint: 'bc' })).not.toBe(alertKey({ ruleId: 'ab', fingerprint: 'c' }));
  });

  it('puts alertname first among label chips, the rest sorted', () => {
    expect(labelPairs({ zone: 'b', alertname: 'X', instance: 'i' }).map(([k]) => k)).toEqual([
      'alertname',
      'instance',
      'zone',
    ]);
    expect(labelsText({ alertname: 'X', job: 'node', a: '1' })).toBe('{a="1", job="node"}');
    expect(labelsText({})).toBe('{}');
  });

  it('summarises by the summary annotation, then description, then labels', () => {
    expect(summaryOf(inst({ annotations: { summary: 'Disk 97% full', description: 'd' } }))).toBe('Disk 97% full');
    expect(summaryOf(inst({ annotations: { summary: '  ', description: 'desc' } }))).toBe('desc');
    expect(summaryOf(inst())).toBe('{instance="web1:9100"}');
  });

  it('prefills a silence with every label as an = matcher', () => {
    expect(matchersFromLabels({ instance: 'web1', alertname: 'A' })).toEqual([
      { name: 'alertname', op: '=', value: 'A' },
      { name: 'instance', op: '=', value: 'web1' },
    ]);
  });

  it('formats values readably, including the ones JSON cannot carry', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue(97.5)).toBe('97.5');
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(1234.5678)).toBe('1234.57');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(2.5e10)).toBe('2.500e+10');
    expect(formatValue(NaN)).toBe('NaN');
    expect(formatValue(-Infinity)).toBe('-Inf');
  });

  it('counts pending and firing alerts per rule', () => {
    expect(
      countByRule([
        inst(),
        inst({ fingerprint: 'f2', state: 'pending' }),
        inst({ ruleId: 'r2', fingerprint: 'f3' }),
        inst({ ruleId: 'r2', fingerprint: 'f4' }),
      ]),
    ).toEqual({ r1: { pending: 1, firing: 1 }, r2: { pending: 0, firing: 2 } });
  });
});

describe('the badge reducer', () => {
  it('counts firing, unsilenced alerts from the active list', () => {
    const set = firingSetFromActive([
      inst(),
      inst({ fingerprint: 'p', state: 'pending' }),
      inst({ fingerprint: 's', silencedBy: ['x'] }),
      inst({ ruleId: 'r2' }),
    ]);
    expect(Object.keys(set)).toHaveLength(2);
  });

  it('adds on firing, removes on resolve, and leaves the set alone when nothing changes', () => {
    let s = applyTransition({}, event());
    expect(Object.keys(s)).toHaveLength(1);
    const same = applyTransition(s, event({ id: 2 }));
    expect(same).toBe(s);
    s = applyTransition(s, event({ from: 'firing', to: 'resolved' }));
    expect(s).toEqual({});
    expect(applyTransition({}, event({ silenced: true }))).toEqual({});
  });

  it('agrees with a model for any sequence of transitions', () => {
    const ev = fc.record({
      ruleId: fc.constantFrom('r1', 'r2'),
      fingerprint: fc.constantFrom('a', 'b', 'c'),
      to: fc.constantFrom('inactive', 'pending', 'firing', 'resolved' as const),
      silenced: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(ev, { maxLength: 60 }), (evs) => {
        const model = new Map<string, boolean>();
        let set = {};
        for (const e of evs) {
          set = applyTransition(set, event(e));
          model.set(`${e.ruleId}/${e.fingerprint}`, e.to === 'firing' && !e.silenced);
        }
        expect(Object.keys(set).length).toBe([...model.values()].filter(Boolean).length);
      }),
    );
  });

  it('toasts only an unsilenced alert that starts firing, with the summary when known', () => {
    expect(toastFor(event({ to: 'pending' }))).toBeNull();
    expect(toastFor(event({ silenced: true }))).toBeNull();
    expect(toastFor(event())).toMatchObject({ title: 'DiskFull', message: '{instance="web1:9100"}' });
    expect(toastFor(event(), { summary: 'web1 disk at 97%' })?.message).toBe('web1 disk at 97%');
    expect(toastFor(event())?.id).toBe(toastFor(event({ id: 9 }))?.id);
  });
});

describe('history paging', () => {
  it('prepends a live event once, and only for the filtered rule', () => {
    const list = [event({ id: 5 }), event({ id: 4 })];
    expect(prependEvent(list, event({ id: 6 }), null).map((e) => e.id)).toEqual([6, 5, 4]);
    expect(prependEvent(list, event({ id: 5 }), null)).toBe(list);
    expect(prependEvent(list, event({ id: 6, ruleId: 'other' }), 'r1')).toBe(list);
  });

  it('appends an older page without repeating what is shown', () => {
    const list = [event({ id: 5 }), event({ id: 4 })];
    expect(appendPage(list, [event({ id: 4 }), event({ id: 3 }), event({ id: 2 })]).map((e) => e.id)).toEqual([
      5, 4, 3, 2,
    ]);
  });
});
