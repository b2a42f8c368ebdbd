import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileMatcher,
  compileMatchers,
  matchesEverything,
  quoteMeta,
} from '../../../main/monitoring/alerts/matchers';
import { OpsError } from '../../../shared/api/errors';
import type { Matcher } from '../../../shared/api/monitoring-model';

const m = (name: string, op: Matcher['op'], value: string) => compileMatcher({ name, op, value });

function refused(fn: () => unknown): OpsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OpsError);
    return e as OpsError;
  }
  throw new Error('expected a refusal');
}

describe('silence matchers (Alertmanager semantics)', () => {
  it('= and != compare whole values; a missing label is the empty string', () => {
    expect(m('job', '=', 'node')({ job: 'node' })).toBe(true);
    expect(m('job', '=', 'node')({ job: 'node2' })).toBe(false);
    expect(m('team', '=', '')({ job: 'node' })).toBe(true);
    expect(m('team', '!=', '')({ job: 'node' })).toBe(false);
    expect(m('job', '!=', 'node')({})).toBe(true);
  });

  it('regexes are fully anchored', () => {
    expect(m('instance', '=~', 'web')({ instance: 'web-01' })).toBe(false);
    expect(m('instance', '=~', 'web.*')({ instance: 'web-01' })).toBe(true);
    expect(m('instance', '=~', 'web-0[12]')({ instance: 'xweb-01' })).toBe(false);
    expect(m('instance', '=~', 'a|b')({ instance: 'ab' })).toBe(false);
    expect(m('instance', '=~', 'a|b')({ instance: 'b' })).toBe(true);
    expect(m('instance', '!~', 'web.*')({ instance: 'db-01' })).toBe(true);
    expect(m('instance', '!~', 'web.*')({ instance: 'web-01' })).toBe(false);
    expect(m('env', '=~', 'prod|')({})).toBe(true); // matches the empty (missing) value
  });

  it('accepts RE2 spellings: escaped punctuation and a leading (?i)', () => {
    expect(m('instance', '=~', 'web\\-01')({ instance: 'web-01' })).toBe(true);
    expect(m('severity', '=~', '(?i)critical')({ severity: 'CRITICAL' })).toBe(true);
  });

  it('refuses a bad regex, a lookaround and a bad label name with a sentence', () => {
    expect(refused(() => m('instance', '=~', 'web(')).message).toBe(
      'The matcher instance=~"web(": "web(" is not a valid regex (Unterminated group).',
    );
    expect(refused(() => m('instance', '=~', 'web(')).code).toBe('bad_input');
    expect(refused(() => m('instance', '!~', '(?!db).*')).message).toMatch(/lookaround or a backreference/);
    expect(refused(() => m('1abc', '=', 'x')).message).toMatch(/not a label name/);
  });

  it('all matchers must match', () => {
    const f = compileMatchers([
      { name: 'alertname', op: '=', value: 'DiskFull' },
      { name: 'instance', op: '=~', value: 'web.*' },
    ]);
    expect(f({ alertname: 'DiskFull', instance: 'web-01' })).toBe(true);
    expect(f({ alertname: 'DiskFull', instance: 'db-01' })).toBe(false);
  });

  it('knows a silence that would mute everything', () => {
    expect(matchesEverything([{ name: 'team', op: '=~', value: '.*' }])).toBe(true);
    expect(matchesEverything([{ name: 'team', op: '=', value: '' }])).toBe(true);
    expect(matchesEverything([{ name: 'alertname', op: '=', value: 'X' }])).toBe(false);
  });

  const labelValue = fc.string({ unit: 'binary', maxLength: 40 });

  it('a literal = matcher built from a label value always matches it (property)', () => {
    fc.assert(
      fc.property(labelValue, (v) => {
        expect(m('l', '=', v)({ l: v })).toBe(true);
        expect(m('l', '!=', v)({ l: v })).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('=~ with an escaped value equals = (property)', () => {
    fc.assert(
      fc.property(labelValue, fc.oneof(labelValue, fc.constant(undefined)), (v, other) => {
        const labels: Record<string, string> = other === undefined ? {} : { l: other };
        const eq = m('l', '=', v);
        const re = m('l', '=~', quoteMeta(v));
        expect(re(labels)).toBe(eq(labels));
        expect(re({ l: v })).toBe(true);
        expect(m('l', '!~', quoteMeta(v))(labels)).toBe(!eq(labels));
      }),
      { numRuns: 1000 },
    );
  });

  it('=~ with an escaped value matches its own value only, not a longer one (property)', () => {
    fc.assert(
      fc.property(labelValue, fc.string({ minLength: 1, maxLength: 5 }), (v, extra) => {
        const re = m('l', '=~', quoteMeta(v));
        expect(re({ l: v + extra })).toBe(false);
        expect(re({ l: extra + v })).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
