import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../shared/monitoring/duration';
import {
  emptyRuleForm,
  formToInput,
  previewActive,
  ruleToForm,
  rowsToRecord,
} from '../../../renderer/views/alerts/rule-form';
import { durationText } from '../../../renderer/views/charts/time';
import { durationProblem, formatRelative } from '../../../renderer/views/alerts/time-format';
import { alertRuleInput } from '../../../shared/api/monitoring-alerts';
import type { AlertRule } from '../../../shared/api/monitoring-alerts';
import { comparison } from '../../../shared/api/monitoring-model';

const form = (over = {}) => ({ ...emptyRuleForm(), name: 'High load', expr: 'node_load1', ...over });

describe('the rule form', () => {
  it('builds an input the contract accepts', () => {
    const { input, errors } = formToInput(
      form({
        source: 'ds1',
        op: '>',
        threshold: ' 4.5 ',
        for: '5m',
        labels: [
          { key: 'severity', value: 'page' },
          { key: '', value: '' },
        ],
      }),
    );
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      source: { kind: 'prometheus', datasourceId: 'ds1' },
      op: '>',
      threshold: 4.5,
      for: '5m',
      labels: { severity: 'page' },
    });
    expect(alertRuleInput.safeParse(input).success).toBe(true);
  });

  it('names each field that needs fixing', () => {
    const { input, errors } = formToInput(
      form({ name: ' ', expr: '', op: '>', threshold: '', for: '5 min', interval: '0s' }),
    );
    expect(input).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(['expr', 'for', 'interval', 'name', 'threshold']);
    expect(formToInput(form({ threshold: '3' })).errors.threshold).toMatch(/comparison/);
    expect(formToInput(form({ op: '<', threshold: 'abc' })).errors.threshold).toMatch(/not a number/);
  });

  it('refuses label rows with a bad or repeated name', () => {
    expect(rowsToRecord([{ key: '1x', value: 'a' }], 'label').error).toMatch(/not a valid label name/);
    expect(rowsToRecord([{ key: '', value: 'a' }], 'label').error).toMatch(/no name/);
    expect(
      rowsToRecord(
        [
          { key: 'a', value: '1' },
          { key: 'a', value: '2' },
        ],
        'annotation',
      ).error,
    ).toMatch(/twice/);
    expect(rowsToRecord([{ key: 'summary', value: '{{ $value }}' }], 'annotation')).toEqual({
      record: { summary: '{{ $value }}' },
    });
  });

  it('opens a saved rule with its durations as text and saves it back unchanged', () => {
    const rule: AlertRule = {
      id: 'r1',
      name: 'Down',
      source: { kind: 'local' },
      expr: 'up == 0',
      op: null,
      threshold: null,
      forMs: 90_000,
      keepFiringForMs: 0,
      intervalMs: 15_000,
      labels: { severity: 'page' },
      annotations: { summary: 'down' },
      enabled: false,
      lastEvalAt: null,
      lastEvalMs: null,
      lastError: null,
      createdAt: 0,
      updatedAt: 0,
    };
    const { input } = formToInput(ruleToForm(rule));
    expect(input).toEqual({
      id: 'r1',
      name: 'Down',
      source: { kind: 'local' },
      expr: 'up == 0',
      op: null,
      threshold: null,
      for: '1m30s',
      keepFiringFor: '0s',
      interval: '15s',
      labels: { severity: 'page' },
      annotations: { summary: 'down' },
      enabled: false,
    });
  });
});

describe('durations', () => {
  it('writes milliseconds back as text the server parses to the same value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 * 86_400_000 }), (ms) => {
        expect(parseDuration(durationText(ms))).toBe(ms);
      }),
    );
    expect(durationText(0)).toBe('0s');
    expect(durationText(3_600_000 + 1)).toBe('1h1ms');
  });

  it('refuses exactly what the server refuses', () => {
    const text = fc.stringMatching(/^[0-9smhdwy ]{0,8}$/);
    fc.assert(
      fc.property(text, (t) => {
        let serverOk = true;
        try {
          parseDuration(t.trim());
        } catch {
          serverOk = false;
        }
        // The form trims; the server is given the trimmed text.
        expect(durationProblem(t) === null).toBe(serverOk && t.trim() !== '');
      }),
      { numRuns: 2000 },
    );
    expect(durationProblem('1h30m')).toBeNull();
    expect(durationProblem('30m1h')).toMatch(/out of order/);
    expect(durationProblem('5 min')).toMatch(/not a duration/);
  });

  it('formats relative times in the past and the future', () => {
    const now = 10 * 86_400_000;
    expect(formatRelative(null, now)).toBe('—');
    expect(formatRelative(now - 2_000, now)).toBe('just now');
    expect(formatRelative(now - 42_000, now)).toBe('42s ago');
    expect(formatRelative(now - 5 * 60_000 - 59_000, now)).toBe('5m ago');
    expect(formatRelative(now - 3_600_000, now)).toBe('1h ago');
    expect(formatRelative(now - 26 * 3_600_000 - 10 * 60_000, now)).toBe('26h 10m ago');
    expect(formatRelative(now - 3 * 86_400_000, now)).toBe('3d ago');
    expect(formatRelative(now + 4 * 3_600_000, now)).toBe('in 4h');
    expect(formatRelative(now + 90_000, now)).toBe('in 1m');
  });
});

describe('the preview filter', () => {
  const sample = (value: number | null, i = 0) => ({ labels: { i: String(i) }, value, t: 0 });

  it('keeps every returned series when the expression is the condition', () => {
    const s = [sample(0), sample(null, 1)];
    expect(previewActive(s, null, null)).toHaveLength(2);
    expect(previewActive(s, '>', null)).toHaveLength(2);
  });

  it('applies the comparison like PromQL, NaN (null) passing only !=', () => {
    const s = [sample(1, 0), sample(5, 1), sample(9, 2), sample(null, 3)];
    expect(previewActive(s, '>', 5).map((x) => x.labels.i)).toEqual(['2']);
    expect(previewActive(s, '>=', 5).map((x) => x.labels.i)).toEqual(['1', '2']);
    expect(previewActive(s, '==', 5).map((x) => x.labels.i)).toEqual(['1']);
    expect(previewActive(s, '!=', 5).map((x) => x.labels.i)).toEqual(['0', '2', '3']);
    expect(previewActive(s, '<', 5).map((x) => x.labels.i)).toEqual(['0']);
  });

  it('splits numbers between a comparison and its negation; NaN only ever passes !=', () => {
    const negation = { '>': '<=', '<': '>=', '==': '!=', '>=': '<', '<=': '>', '!=': '==' } as const;
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double(), { nil: null }), { maxLength: 30 }),
        fc.constantFrom(...comparison.options),
        fc.double({ noNaN: true }),
        (values, op, t) => {
          const s = values.map(sample);
          const yes = new Set(previewActive(s, op, t));
          const no = new Set(previewActive(s, negation[op], t));
          for (const x of s) {
            const nan = x.value === null || Number.isNaN(x.value);
            if (nan) expect(yes.has(x)).toBe(op === '!=');
            else expect(yes.has(x) !== no.has(x)).toBe(true);
          }
        },
      ),
    );
  });
});
