import { OpsError } from '../../../../shared/api/errors';
import type { Labels } from '../../../../shared/api/monitoring-model';
import { isComparison, type AggregateNode, type BinaryOp } from '../promql/ast';
import { checkUnique, formatLabels, labelsKey, withoutName, type Value, type VSeries } from './types';

/** sum/avg/min/max/count per step over the series of each group (by or without labels). */
export function aggregate(node: AggregateNode, input: VSeries[], n: number): VSeries[] {
  const groups = new Map<string, { labels: Labels; sum: Float64Array; count: Float64Array; ext: Float64Array }>();
  for (const s of input) {
    const labels = groupLabels(s.labels, node.grouping);
    const key = labelsKey(labels);
    let g = groups.get(key);
    if (!g) {
      const init = node.op === 'min' ? Infinity : node.op === 'max' ? -Infinity : 0;
      g = { labels, sum: new Float64Array(n), count: new Float64Array(n), ext: new Float64Array(n).fill(init) };
      groups.set(key, g);
    }
    for (let i = 0; i < n; i++) {
      const x = s.v[i];
      if (x !== x) continue;
      g.sum[i] += x;
      g.count[i]++;
      if (node.op === 'min' ? x < g.ext[i] : x > g.ext[i]) g.ext[i] = x;
    }
  }
  const out: VSeries[] = [];
  for (const g of groups.values()) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = g.count[i];
      if (c === 0) v[i] = NaN;
      else if (node.op === 'sum') v[i] = g.sum[i];
      else if (node.op === 'avg') v[i] = g.sum[i] / c;
      else if (node.op === 'count') v[i] = c;
      else v[i] = g.ext[i];
    }
    out.push({ labels: g.labels, v });
  }
  return out;
}

function groupLabels(labels: Labels, grouping: AggregateNode['grouping']): Labels {
  if (!grouping) return {};
  const out: Labels = {};
  if (grouping.mode === 'by') {
    for (const l of grouping.labels) if (labels[l] !== undefined && labels[l] !== '') out[l] = labels[l];
  } else {
    for (const [k, v] of Object.entries(labels)) if (k !== '__name__' && !grouping.labels.includes(k)) out[k] = v;
  }
  return out;
}

function arith(op: BinaryOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '<':
      return a < b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
  }
}

/**
 * One element of a binary operation, as Prometheus defines it: arithmetic
 * gives a value; a comparison keeps the vector's own value where it holds
 * (and drops the element where it does not), or gives 1/0 with `bool`.
 */
function element(op: BinaryOp, bool: boolean, a: number, b: number, keep: number): number {
  if (a !== a || b !== b) return isComparison(op) && !bool ? NaN : arith(op, a, b);
  if (!isComparison(op)) return arith(op, a, b);
  const holds = arith(op, a, b) === 1;
  if (bool) return holds ? 1 : 0;
  return holds ? keep : NaN;
}

export function binary(op: BinaryOp, bool: boolean, lhs: Value, rhs: Value, n: number): Value {
  const dropName = !isComparison(op) || bool;
  if (lhs.kind === 'scalar' && rhs.kind === 'scalar') {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = arith(op, lhs.v[i], rhs.v[i]);
    return { kind: 'scalar', v };
  }
  if (lhs.kind === 'vector' && rhs.kind === 'scalar') {
    return vectorScalar(op, bool, lhs.series, rhs.v, false, dropName, n);
  }
  if (lhs.kind === 'scalar' && rhs.kind === 'vector') {
    return vectorScalar(op, bool, rhs.series, lhs.v, true, dropName, n);
  }
  type Vec = Extract<Value, { kind: 'vector' }>;
  return vectorVector(op, bool, lhs as Vec, rhs as Vec, dropName, n);
}

function vectorScalar(
  op: BinaryOp,
  bool: boolean,
  series: VSeries[],
  scalar: Float64Array,
  scalarLeft: boolean,
  dropName: boolean,
  n: number,
): Value {
  const out = series.map((s) => {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = s.v[i];
      // A vector element with no value stays absent whatever the operator.
      v[i] = x !== x ? NaN : scalarLeft ? element(op, bool, scalar[i], x, x) : element(op, bool, x, scalar[i], x);
    }
    return { labels: dropName ? withoutName(s.labels) : s.labels, v };
  });
  if (dropName) checkUnique(out, `The operator "${op}"`);
  return { kind: 'vector', series: out };
}

/** One-to-one matching on all labels but the metric name, as PromQL does without on()/ignoring(). */
function vectorVector(
  op: BinaryOp,
  bool: boolean,
  lhs: { series: VSeries[] },
  rhs: { series: VSeries[] },
  dropName: boolean,
  n: number,
): Value {
  const right = new Map<string, VSeries>();
  for (const s of rhs.series) {
    const key = labelsKey(withoutName(s.labels));
    if (right.has(key)) {
      throw new OpsError(
        'bad_input',
        `The right side of "${op}" has two series matching ${formatLabels(withoutName(s.labels))}; each series must match at most one on the other side.`,
      );
    }
    right.set(key, s);
  }
  const seen = new Set<string>();
  const out: VSeries[] = [];
  for (const l of lhs.series) {
    const key = labelsKey(withoutName(l.labels));
    const r = right.get(key);
    if (!r) continue;
    if (seen.has(key)) {
      throw new OpsError(
        'bad_input',
        `The left side of "${op}" has two series matching ${formatLabels(withoutName(l.labels))}; each series must match at most one on the other side.`,
      );
    }
    seen.add(key);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = l.v[i];
      const b = r.v[i];
      v[i] = a !== a || b !== b ? NaN : element(op, bool, a, b, a);
    }
    out.push({ labels: dropName ? withoutName(l.labels) : l.labels, v });
  }
  return { kind: 'vector', series: out };
}

export function negate(value: Value): Value {
  if (value.kind === 'scalar') return { kind: 'scalar', v: value.v.map((x) => -x) };
  const series = value.series.map((s) => ({ labels: withoutName(s.labels), v: s.v.map((x) => -x) }));
  checkUnique(series, 'Unary minus');
  return { kind: 'vector', series };
}
