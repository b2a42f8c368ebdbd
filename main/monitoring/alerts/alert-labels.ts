import { createHash } from 'node:crypto';
import { OpsError } from '../../../shared/api/errors';
import type { Comparison, Labels } from '../../../shared/api/monitoring-model';
import type { EngineSample } from '../types';
import type { ActiveSeries } from './state-machine';
import { renderTemplate } from './template';

/**
 * The same label set always gives the same id, whatever order the labels came
 * in. The pairs are hashed as JSON: a separator character (Prometheus's 0xff
 * byte is a valid character in a JS string) could also occur in a value and
 * make {a:"1ÿbÿ2"} and {a:"1", b:"2"} one alert.
 */
export function fingerprint(labels: Labels): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => [k, labels[k]]);
  return createHash('sha256').update(JSON.stringify(pairs)).digest('hex').slice(0, 16);
}

function sorted(labels: Labels): Labels {
  const out: Labels = {};
  for (const k of Object.keys(labels).sort()) out[k] = labels[k];
  return out;
}

/** `value op threshold` with Go's float semantics, as PromQL filters: NaN passes only `!=`. */
export function passes(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}

export interface RuleShape {
  name: string;
  op: Comparison | null;
  threshold: number | null;
  labels: Labels;
  annotations: Labels;
}

/**
 * The alerts one evaluation's samples stand for, as Prometheus builds them:
 * the series' labels without __name__, the rule's labels on top (their
 * values are templates too), alertname = the rule's name last. Templates see
 * the series' own labels and value. Two samples that end up with the same
 * label set are an error, as in Prometheus ("vector contains metrics with the
 * same labelset after applying alert labels").
 */
export function activeSeries(rule: RuleShape, samples: readonly EngineSample[]): ActiveSeries[] {
  const out: ActiveSeries[] = [];
  const seen = new Set<string>();
  for (const s of samples) {
    if (rule.op !== null && rule.threshold !== null && !passes(s.value, rule.op, rule.threshold)) continue;
    const data = { labels: s.labels, value: s.value };
    const labels: Labels = { ...s.labels };
    delete labels.__name__;
    for (const [k, v] of Object.entries(rule.labels)) {
      // As Prometheus's label builder: a label that expands to "" is no label at all.
      const value = renderTemplate(v, data);
      if (value) labels[k] = value;
      else delete labels[k];
    }
    labels.alertname = rule.name;
    const annotations: Labels = {};
    for (const [k, v] of Object.entries(rule.annotations)) annotations[k] = renderTemplate(v, data);
    const fp = fingerprint(labels);
    if (seen.has(fp)) {
      throw new OpsError(
        'bad_input',
        'The expression returns several series with the same labels once __name__ is dropped and the rule labels are added; aggregate them (sum by (…)) or keep a label that tells them apart.',
        { labels },
      );
    }
    seen.add(fp);
    out.push({ fingerprint: fp, labels: sorted(labels), annotations, value: s.value });
  }
  return out;
}
