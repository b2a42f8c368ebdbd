import { describe, expect, it } from 'vitest';
import {
  type SilenceForm,
  emptySilenceForm,
  matcherRowProblem,
  matchesEmpty,
  validateSilence,
} from '../../../renderer/views/alerts/silence-form';
import { monitoringAlertsApi } from '../../../shared/api/monitoring-alerts';

const now = Date.parse('2026-11-27T12:00:00Z');
const ok = (over: Partial<SilenceForm> = {}): SilenceForm => ({
  ...emptySilenceForm([{ name: 'instance', op: '=', value: 'web1:9100' }]),
  comment: 'disk swap, CHG-12',
  ...over,
});

describe('silence form validation', () => {
  it('builds a create input the contract accepts, ending after the preset', () => {
    const { input, errors } = validateSilence(ok({ duration: '4h' }), now);
    expect(errors.matchers).toEqual([null]);
    expect(input).toEqual({
      matchers: [{ name: 'instance', op: '=', value: 'web1:9100' }],
      endsAt: now + 4 * 3_600_000,
      comment: 'disk swap, CHG-12',
    });
    expect(monitoringAlertsApi['monitoring.silences.create'].input.safeParse(input).success).toBe(true);
  });

  it('requires a comment', () => {
    const r = validateSilence(ok({ comment: '   ' }), now);
    expect(r.input).toBeUndefined();
    expect(r.errors.comment).toMatch(/why/i);
  });

  it('ignores blank rows but needs one matcher', () => {
    const blank = { name: '', op: '=' as const, value: '' };
    expect(validateSilence(ok({ matchers: [blank] }), now).errors.matcherSet).toMatch(/at least one/);
    const r = validateSilence(ok({ matchers: [blank, ...ok().matchers] }), now);
    expect(r.input?.matchers).toHaveLength(1);
    expect(r.errors.matchers).toEqual([null, null]);
  });

  it('points at the row with a bad name or regex', () => {
    const r = validateSilence(
      ok({
        matchers: [
          { name: 'job', op: '=', value: 'node' },
          { name: '9lives', op: '=', value: 'x' },
          { name: 'instance', op: '=~', value: 'web(1' },
          { name: '', op: '=', value: 'orphan' },
        ],
      }),
      now,
    );
    expect(r.input).toBeUndefined();
    expect(r.errors.matchers[0]).toBeNull();
    expect(r.errors.matchers[1]).toMatch(/not a label name/);
    expect(r.errors.matchers[2]).toMatch(/regular expression/);
    expect(r.errors.matchers[3]).toMatch(/Name the label/);
  });

  it('refuses matchers that would silence every alert', () => {
    for (const m of [
      { name: 'x', op: '=~' as const, value: '.*' },
      { name: 'x', op: '!=' as const, value: 'y' },
      { name: 'x', op: '=' as const, value: '' },
      { name: 'x', op: '!~' as const, value: '.+' },
    ]) {
      expect(matchesEmpty(m)).toBe(true);
      expect(validateSilence(ok({ matchers: [m] }), now).errors.matcherSet).toMatch(/every alert/);
    }
    // One matcher that needs a value is enough.
    const r = validateSilence(
      ok({
        matchers: [
          { name: 'x', op: '=~', value: '.*' },
          { name: 'job', op: '=~', value: 'node|web' },
        ],
      }),
      now,
    );
    expect(r.input).toBeDefined();
  });

  it('anchors regexes as Alertmanager does', () => {
    expect(matchesEmpty({ name: 'a', op: '=~', value: 'x|' })).toBe(true);
    expect(matchesEmpty({ name: 'a', op: '=~', value: 'x' })).toBe(false);
    expect(matcherRowProblem({ name: 'a', op: '=~', value: '[' })).toMatch(/regular expression/);
    expect(matcherRowProblem({ name: 'a', op: '=', value: '[' })).toBeNull();
  });

  it('takes an end time, refusing one in the past', () => {
    const at = new Date(now + 3_600_000);
    const local = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    expect(validateSilence(ok({ duration: 'until', endsAt: local(at) }), now).input?.endsAt).toBe(at.getTime());
    expect(
      validateSilence(ok({ duration: 'until', endsAt: local(new Date(now - 60_000)) }), now).errors.endsAt,
    ).toMatch(/past/);
    expect(validateSilence(ok({ duration: 'until', endsAt: '' }), now).errors.endsAt).toMatch(/Pick/);
  });
});
