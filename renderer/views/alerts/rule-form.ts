import type { AlertRule, AlertRuleInput } from '../../../shared/api/monitoring-alerts';
import type { Comparison, Labels, QuerySource } from '../../../shared/api/monitoring-model';
import type { InstantSample } from '../../../shared/api/monitoring-query';
import { durationText } from '../charts/time';
import { durationProblem } from './time-format';

export interface KvRow {
  key: string;
  value: string;
}

/** The editor's state: text as typed, turned into a rule input only on save or preview. */
export interface RuleForm {
  id?: string;
  name: string;
  /** 'local' or a Prometheus datasource id */
  source: string;
  expr: string;
  op: Comparison | null;
  threshold: string;
  for: string;
  keepFiringFor: string;
  interval: string;
  labels: KvRow[];
  annotations: KvRow[];
  enabled: boolean;
}

export type RuleFormErrors = Partial<
  Record<'name' | 'expr' | 'threshold' | 'for' | 'keepFiringFor' | 'interval' | 'labels' | 'annotations', string>
>;

export const localSource = 'local';

export function emptyRuleForm(defaultSource = localSource): RuleForm {
  return {
    name: '',
    source: defaultSource,
    expr: '',
    op: null,
    threshold: '',
    for: '0s',
    keepFiringFor: '0s',
    interval: '30s',
    labels: [],
    annotations: [{ key: 'summary', value: '' }],
    enabled: true,
  };
}

const toRows = (r: Labels): KvRow[] => Object.entries(r).map(([key, value]) => ({ key, value }));

export function ruleToForm(rule: AlertRule): RuleForm {
  return {
    id: rule.id,
    name: rule.name,
    source: rule.source.kind === 'local' ? localSource : rule.source.datasourceId,
    expr: rule.expr,
    op: rule.op,
    threshold: rule.threshold === null ? '' : String(rule.threshold),
    for: durationText(rule.forMs),
    keepFiringFor: durationText(rule.keepFiringForMs),
    interval: durationText(rule.intervalMs),
    labels: toRows(rule.labels),
    annotations: toRows(rule.annotations),
    enabled: rule.enabled,
  };
}

export function sourceOf(form: Pick<RuleForm, 'source'>): QuerySource {
  return form.source === localSource ? { kind: 'local' } : { kind: 'prometheus', datasourceId: form.source };
}

const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Key/value rows to a record; blank rows are dropped, a bad or repeated name is an error. */
export function rowsToRecord(rows: readonly KvRow[], what: string): { record: Labels; error?: string } {
  const record: Labels = {};
  for (const r of rows) {
    const key = r.key.trim();
    if (!key && !r.value.trim()) continue;
    if (!key) return { record, error: `A ${what} has a value but no name.` };
    if (!labelName.test(key))
      return {
        record,
        error: `"${key}" is not a valid ${what} name (letters, digits and _, not starting with a digit).`,
      };
    if (key in record) return { record, error: `The ${what} "${key}" is given twice.` };
    record[key] = r.value;
  }
  return { record };
}

/** A threshold as typed: '' is none; anything else must be a finite number. */
export function parseThreshold(text: string): { value: number | null; error?: string } {
  const t = text.trim();
  if (!t) return { value: null };
  const n = Number(t);
  if (!Number.isFinite(n)) return { value: null, error: `"${t}" is not a number.` };
  return { value: n };
}

/** Checks the form and builds the rule input; `errors` names each field that needs fixing. */
export function formToInput(form: RuleForm): { input?: AlertRuleInput; errors: RuleFormErrors } {
  const errors: RuleFormErrors = {};
  if (!form.name.trim()) errors.name = 'Give the rule a name.';
  if (!form.expr.trim()) errors.expr = 'Write the expression to evaluate.';
  const th = parseThreshold(form.threshold);
  if (th.error) errors.threshold = th.error;
  else if (form.op && th.value === null)
    errors.threshold = `Give a threshold to compare with ${form.op}, or clear the comparison.`;
  else if (!form.op && th.value !== null) errors.threshold = 'Pick a comparison for this threshold, or clear it.';
  for (const f of ['for', 'keepFiringFor', 'interval'] as const) {
    const p = durationProblem(form[f]);
    if (p) errors[f] = p;
  }
  if (!errors.interval && /^0+(ms|s|m|h|d|w|y)$/.test(form.interval.trim()))
    errors.interval = 'The interval must be longer than zero.';
  const labels = rowsToRecord(form.labels, 'label');
  if (labels.error) errors.labels = labels.error;
  const annotations = rowsToRecord(form.annotations, 'annotation');
  if (annotations.error) errors.annotations = annotations.error;
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      ...(form.id ? { id: form.id } : {}),
      name: form.name.trim(),
      source: sourceOf(form),
      expr: form.expr.trim(),
      op: form.op,
      threshold: form.op ? th.value : null,
      for: form.for.trim(),
      keepFiringFor: form.keepFiringFor.trim(),
      interval: form.interval.trim(),
      labels: labels.record,
      annotations: annotations.record,
      enabled: form.enabled,
    },
  };
}

// ------------------------------------------------------------------ preview

/**
 * PromQL's comparison filter. Go and JS agree on NaN: it fails every
 * comparison but != (Prometheus keeps a NaN series under "!= 0").
 */
export function compare(v: number, op: Comparison, t: number): boolean {
  switch (op) {
    case '>':
      return v > t;
    case '>=':
      return v >= t;
    case '<':
      return v < t;
    case '<=':
      return v <= t;
    case '==':
      return v === t;
    case '!=':
      return v !== t;
  }
}

/**
 * Which series the rule would make active now. Without a comparison every
 * returned series is an alert (the expression is the condition, "up == 0"),
 * whatever its value; with one, only series whose value passes it. A null
 * value is how JSON carries NaN, and is compared as NaN.
 */
export function previewActive(
  samples: readonly InstantSample[],
  op: Comparison | null,
  threshold: number | null,
): InstantSample[] {
  if (!op || threshold === null) return [...samples];
  return samples.filter((s) => compare(s.value ?? NaN, op, threshold));
}
