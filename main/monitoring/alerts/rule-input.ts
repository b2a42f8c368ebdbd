import type { ParsedInput } from '../../../shared/api';
import { OpsError } from '../../../shared/api/errors';
import type { Comparison, Labels, QuerySource } from '../../../shared/api/monitoring-model';
import { parseDuration } from '../../../shared/monitoring/duration';
import { checkTemplate } from './template';

export type RuleInput = ParsedInput<'monitoring.alerts.rules.save'>;

/** A rule as stored and evaluated: durations in ms, everything checked. */
export interface RuleDef {
  name: string;
  source: QuerySource;
  expr: string;
  op: Comparison | null;
  threshold: number | null;
  forMs: number;
  keepFiringForMs: number;
  intervalMs: number;
  labels: Labels;
  annotations: Labels;
  enabled: boolean;
}

const labelNameRe = /^[A-Za-z_][A-Za-z0-9_]*$/;
const minIntervalMs = 1000;

function duration(field: string, text: string, hint: string): number {
  const t = text.trim();
  if (t.startsWith('-')) {
    throw new OpsError('bad_input', `"${field}" cannot be negative ("${t}"); ${hint}`, { field });
  }
  try {
    return parseDuration(t);
  } catch (e) {
    const msg = e instanceof OpsError ? e.message : String(e);
    throw new OpsError('bad_input', `"${field}": ${msg}`, { field });
  }
}

function checkNames(kind: 'label' | 'annotation', set: Labels): void {
  for (const [name, value] of Object.entries(set)) {
    if (!labelNameRe.test(name)) {
      throw new OpsError(
        'bad_input',
        `The ${kind} name "${name}" is not valid: use letters, digits and _, not starting with a digit.`,
        { [kind]: name },
      );
    }
    if (kind === 'label' && name.startsWith('__')) {
      throw new OpsError('bad_input', `The label name "${name}" is reserved (names starting with __ are internal).`, {
        label: name,
      });
    }
    if (kind === 'label' && name === 'alertname') {
      throw new OpsError('bad_input', 'The label "alertname" is always the rule\'s name; rename the rule instead.', {
        label: name,
      });
    }
    const problem = checkTemplate(value);
    if (problem) {
      throw new OpsError('bad_input', `The ${kind} "${name}" has a template that cannot be used: ${problem}.`, {
        [kind]: name,
        template: value,
      });
    }
  }
}

/** Checks a rule as the router parsed it; throws OpsError('bad_input') with what to fix. */
export function toRuleDef(input: RuleInput): RuleDef {
  if ((input.op === null) !== (input.threshold === null)) {
    throw new OpsError(
      'bad_input',
      'Set both a comparison and a threshold, or neither (when the expression is already a condition, such as up == 0).',
    );
  }
  if (input.threshold !== null && !Number.isFinite(input.threshold)) {
    throw new OpsError('bad_input', 'The threshold must be a finite number.');
  }
  const forMs = duration('for', input.for, 'use 0s to fire on the first evaluation.');
  const keepFiringForMs = duration('keepFiringFor', input.keepFiringFor, 'use 0s to resolve as soon as it clears.');
  const intervalMs = duration('interval', input.interval, 'write it like 30s or 1m.');
  if (intervalMs < minIntervalMs) {
    throw new OpsError('bad_input', `The evaluation interval must be at least 1s (got "${input.interval}").`, {
      field: 'interval',
    });
  }
  checkNames('label', input.labels);
  checkNames('annotation', input.annotations);
  return {
    name: input.name,
    source: input.source,
    expr: input.expr,
    op: input.op,
    threshold: input.threshold,
    forMs,
    keepFiringForMs,
    intervalMs,
    labels: input.labels,
    annotations: input.annotations,
    enabled: input.enabled,
  };
}
