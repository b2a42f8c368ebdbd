import type { Labels } from '../../../shared/api/monitoring-model';

const metricNameRe = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * The identity of a series: its labels as JSON with the names sorted, so the
 * same set written in any order is the same series. Labels with an empty
 * value are dropped, as Prometheus does (an empty label is an absent one).
 */
export function canonicalLabels(labels: Labels): Labels {
  const out: Labels = {};
  for (const k of Object.keys(labels).sort()) if (labels[k] !== '') out[k] = labels[k];
  return out;
}

export function seriesKey(labels: Labels): string {
  return JSON.stringify(canonicalLabels(labels));
}

/** Why a label set cannot be stored, or null when it can. */
export function labelProblem(labels: unknown): string | null {
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) return 'labels are not an object';
  const l = labels as Record<string, unknown>;
  const name = l.__name__;
  if (typeof name !== 'string' || !metricNameRe.test(name)) return `"${String(name)}" is not a metric name`;
  for (const [k, v] of Object.entries(l)) {
    if (!labelNameRe.test(k)) return `"${k}" is not a label name`;
    if (typeof v !== 'string') return `label ${k} is not a string`;
    if (v.length > 1024) return `label ${k} is longer than 1024 characters`;
  }
  return null;
}
