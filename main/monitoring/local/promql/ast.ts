import { formatDuration } from '../../../../shared/monitoring/duration';

/**
 * The PromQL subset the workspace's own series answer: selectors, the range
 * functions a host dashboard and an alert rule need, five aggregations,
 * arithmetic and comparisons. Anything else is refused by the parser with a
 * message naming what is not supported, rather than evaluated differently
 * from Prometheus.
 */
export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  name: string;
  op: MatchOp;
  value: string;
}

export interface SelectorNode {
  type: 'selector';
  /** the metric name written before the braces, if any */
  name: string | null;
  matchers: LabelMatcher[];
}

export const rangeFunctions = [
  'rate',
  'irate',
  'increase',
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'sum_over_time',
  'count_over_time',
] as const;
export type RangeFunction = (typeof rangeFunctions)[number];

export const aggregations = ['sum', 'avg', 'min', 'max', 'count'] as const;
export type Aggregation = (typeof aggregations)[number];

export const arithmeticOps = ['+', '-', '*', '/', '%'] as const;
export const comparisonOps = ['==', '!=', '>', '<', '>=', '<='] as const;
export type ArithmeticOp = (typeof arithmeticOps)[number];
export type ComparisonOp = (typeof comparisonOps)[number];
export type BinaryOp = ArithmeticOp | ComparisonOp;

export interface CallNode {
  type: 'call';
  fn: RangeFunction;
  selector: SelectorNode;
  rangeMs: number;
}

export interface AggregateNode {
  type: 'aggregate';
  op: Aggregation;
  grouping: { mode: 'by' | 'without'; labels: string[] } | null;
  expr: Expr;
}

export interface BinaryNode {
  type: 'binary';
  op: BinaryOp;
  /** `> bool`: 0/1 instead of filtering */
  bool: boolean;
  lhs: Expr;
  rhs: Expr;
}

export interface UnaryNode {
  type: 'unary';
  expr: Expr;
}

export interface NumberNode {
  type: 'number';
  value: number;
}

export type Expr = NumberNode | SelectorNode | CallNode | AggregateNode | BinaryNode | UnaryNode;

export const isComparison = (op: BinaryOp): op is ComparisonOp => (comparisonOps as readonly string[]).includes(op);

/** Binding strength: comparisons < + - < * / %. Unary minus binds tighter than all of them. */
export function precedence(op: BinaryOp): number {
  if (isComparison(op)) return 1;
  return op === '+' || op === '-' ? 2 : 3;
}

/** The type an expression evaluates to: PromQL refuses mixing them in some places. */
export function isScalar(e: Expr): boolean {
  if (e.type === 'number') return true;
  if (e.type === 'unary') return isScalar(e.expr);
  if (e.type === 'binary') return isScalar(e.lhs) && isScalar(e.rhs);
  return false;
}

// ------------------------------------------------------------------ printing

/** A double-quoted PromQL string; anything outside printable ASCII as \u escapes. */
export function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c <= 0xffff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

function printSelector(s: SelectorNode): string {
  const body = s.matchers.map((m) => `${m.name}${m.op}${quote(m.value)}`).join(', ');
  if (s.name !== null && s.matchers.length === 0) return s.name;
  return `${s.name ?? ''}{${body}}`;
}

function printOperand(e: Expr, parentPrec: number, right: boolean): string {
  const text = print(e);
  if (e.type !== 'binary') return text;
  const p = precedence(e.op);
  return p < parentPrec || (right && p === parentPrec) ? `(${text})` : text;
}

/** Canonical text of an expression: parse(print(e)) gives e back. */
export function print(e: Expr): string {
  switch (e.type) {
    case 'number':
      return formatNumber(e.value);
    case 'selector':
      return printSelector(e);
    case 'call':
      return `${e.fn}(${printSelector(e.selector)}[${formatDuration(e.rangeMs)}])`;
    case 'aggregate': {
      const g = e.grouping ? ` ${e.grouping.mode} (${e.grouping.labels.join(', ')})` : '';
      return `${e.op}${g} (${print(e.expr)})`;
    }
    case 'unary':
      return e.expr.type === 'binary' ? `-(${print(e.expr)})` : `-${print(e.expr)}`;
    case 'binary': {
      const p = precedence(e.op);
      const op = e.bool ? `${e.op} bool` : e.op;
      return `${printOperand(e.lhs, p, false)} ${op} ${printOperand(e.rhs, p, true)}`;
    }
  }
}
