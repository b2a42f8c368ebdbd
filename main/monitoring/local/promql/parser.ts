import { OpsError } from '../../../../shared/api/errors';
import { parseDuration } from '../../../../shared/monitoring/duration';
import {
  aggregations,
  isComparison,
  isScalar,
  precedence,
  rangeFunctions,
  type Aggregation,
  type BinaryOp,
  type Expr,
  type LabelMatcher,
  type MatchOp,
  type RangeFunction,
  type SelectorNode,
} from './ast';
import { syntaxError, tokenize, type Token } from './lexer';
import { labelRegex } from './regex';

const MAX_LENGTH = 20_000;
const MAX_DEPTH = 64;

/** Words PromQL knows that this subset does not evaluate: say so instead of "unexpected identifier". */
const unsupported: Record<string, string> = {
  and: 'the set operator "and"',
  or: 'the set operator "or"',
  unless: 'the set operator "unless"',
  on: 'vector matching with on(...)',
  ignoring: 'vector matching with ignoring(...)',
  group_left: 'many-to-one matching (group_left)',
  group_right: 'one-to-many matching (group_right)',
  offset: 'the offset modifier',
  topk: 'topk',
  bottomk: 'bottomk',
  quantile: 'quantile',
  count_values: 'count_values',
  stddev: 'stddev',
  stdvar: 'stdvar',
  group: 'group',
};
const SUPPORTED =
  'selectors, rate, irate, increase, avg/min/max/sum/count_over_time, sum/avg/min/max/count with by/without, arithmetic and comparisons';

const isUnsupported = (w: string): boolean => Object.hasOwn(unsupported, w);
const isAggregation = (w: string): w is Aggregation => (aggregations as readonly string[]).includes(w);
const isRangeFunction = (w: string): w is RangeFunction => (rangeFunctions as readonly string[]).includes(w);
const labelNameRe = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function describe(t: Token): string {
  if (t.kind === 'eof') return 'the end of the expression';
  if (t.kind === 'string') return 'a string';
  if (t.kind === 'number') return `the number ${t.text}`;
  return `"${t.text}"`;
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
  ) {}

  private get tok(): Token {
    return this.tokens[this.i];
  }

  private fail(t: Token, message: string): OpsError {
    return syntaxError(this.src, t.pos, message);
  }

  private unexpected(expected: string): OpsError {
    const t = this.tok;
    if (t.kind === 'ident' && isUnsupported(t.text)) {
      return this.fail(t, `The local series engine does not support ${unsupported[t.text]}; it supports ${SUPPORTED}`);
    }
    return this.fail(t, `Expected ${expected} but found ${describe(t)}`);
  }

  private is(kind: Token['kind'], text?: string): boolean {
    return this.tok.kind === kind && (text === undefined || this.tok.text === text);
  }

  private expect(kind: Token['kind'], text: string, expected = `"${text}"`): Token {
    if (!this.is(kind, text)) throw this.unexpected(expected);
    return this.tokens[this.i++];
  }

  parseAll(): Expr {
    const e = this.expr(0);
    if (!this.is('eof')) throw this.unexpected('an operator or the end of the expression');
    return e;
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_DEPTH) throw this.fail(t, `The expression nests deeper than ${MAX_DEPTH} levels`);
  }

  /** Precedence climbing over the binary operators; `minPrec` is the weakest operator allowed here. */
  private expr(minPrec: number): Expr {
    const start = this.tok;
    this.enter(start);
    let lhs = this.unary();
    for (;;) {
      const t = this.tok;
      if (t.kind === 'ident' && isUnsupported(t.text)) throw this.unexpected('an operator');
      if (t.kind !== 'op' || t.text === '=' || t.text === '=~' || t.text === '!~') break;
      if (t.text === '^') throw this.fail(t, 'The local series engine does not support the "^" operator');
      const op = t.text as BinaryOp;
      const prec = precedence(op);
      if (prec < minPrec) break;
      this.i++;
      let bool = false;
      if (this.is('ident', 'bool')) {
        if (!isComparison(op)) throw this.fail(this.tok, `"bool" only follows a comparison, not "${op}"`);
        bool = true;
        this.i++;
      }
      const rhs = this.expr(prec + 1);
      if (isComparison(op) && !bool && isScalar(lhs) && isScalar(rhs)) {
        throw this.fail(t, `A comparison between two numbers needs "bool" (write "${op} bool")`);
      }
      lhs = { type: 'binary', op, bool, lhs, rhs };
    }
    this.depth--;
    return lhs;
  }

  private unary(): Expr {
    const t = this.tok;
    if (this.is('op', '-') || this.is('op', '+')) {
      this.i++;
      this.enter(t);
      const inner = this.unary();
      this.depth--;
      if (t.text === '+') return inner;
      return inner.type === 'number' ? { type: 'number', value: -inner.value } : { type: 'unary', expr: inner };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.tok;
    if (t.kind === 'number') {
      this.i++;
      return { type: 'number', value: t.value };
    }
    if (this.is('punct', '(')) {
      this.i++;
      const e = this.expr(0);
      this.expect('punct', ')');
      return e;
    }
    if (this.is('punct', '{')) return this.afterSelector(this.selector(null));
    if (t.kind === 'ident') {
      const next = this.tokens[this.i + 1];
      const opens = next.kind === 'punct' && next.text === '(';
      if (isAggregation(t.text) && (opens || (next.kind === 'ident' && /^(by|without)$/.test(next.text)))) {
        return this.aggregate();
      }
      if (opens) {
        if (isRangeFunction(t.text)) return this.call();
        if (isUnsupported(t.text)) throw this.unexpected('an expression');
        throw this.fail(t, `The local series engine has no function "${t.text}"; it supports ${SUPPORTED}`);
      }
      if (/^(by|without|bool)$/.test(t.text) || isUnsupported(t.text)) throw this.unexpected('an expression');
      this.i++;
      return this.afterSelector(this.selector(t.text));
    }
    throw this.unexpected('a metric name, a selector, a number or "("');
  }

  /** A bare selector may not carry a range: `x[5m]` is only an argument of a range function. */
  private afterSelector(s: SelectorNode): SelectorNode {
    if (this.is('punct', '[')) {
      throw this.fail(this.tok, 'A range like [5m] belongs inside a range function such as rate(x[5m])');
    }
    if (this.is('punct', '@')) throw this.fail(this.tok, 'The local series engine does not support the @ modifier');
    return s;
  }

  private selector(name: string | null): SelectorNode {
    const open = this.tok;
    const matchers: LabelMatcher[] = [];
    if (this.is('punct', '{')) {
      this.i++;
      while (!this.is('punct', '}')) {
        const label = this.tok;
        if (label.kind !== 'ident' || !labelNameRe.test(label.text)) throw this.unexpected('a label name');
        this.i++;
        const op = this.tok;
        if (op.kind !== 'op' || !['=', '!=', '=~', '!~'].includes(op.text)) {
          throw this.unexpected('a label matcher operator (=, !=, =~ or !~)');
        }
        this.i++;
        const value = this.tok;
        if (value.kind !== 'string') throw this.unexpected('a quoted label value');
        this.i++;
        if (op.text === '=~' || op.text === '!~') this.checkRegex(value);
        if (label.text === '__name__' && name !== null) {
          throw this.fail(label, 'The metric name is given twice (before the braces and as __name__)');
        }
        matchers.push({ name: label.text, op: op.text as MatchOp, value: value.text });
        if (!this.is('punct', ',')) break;
        this.i++;
      }
      this.expect('punct', '}', '"," or "}"');
    }
    const all: LabelMatcher[] = name === null ? matchers : [{ name: '__name__', op: '=', value: name }, ...matchers];
    if (!all.some((m) => !matchesEmpty(m))) {
      throw this.fail(
        open,
        'A selector needs a metric name or at least one matcher that does not match the empty value',
      );
    }
    return { type: 'selector', name, matchers };
  }

  private checkRegex(t: Token): void {
    try {
      labelRegex(t.text);
    } catch (e) {
      throw this.fail(t, `The regular expression ${JSON.stringify(t.text)} is not valid: ${(e as Error).message}`);
    }
  }

  private call(): Expr {
    const fnTok = this.tokens[this.i++];
    this.enter(fnTok);
    this.expect('punct', '(');
    const arg = this.tok;
    let sel: SelectorNode;
    if (this.is('punct', '{')) sel = this.selector(null);
    else if (arg.kind === 'ident' && !isAggregation(arg.text) && !isRangeFunction(arg.text)) {
      this.i++;
      sel = this.selector(arg.text);
    } else {
      throw this.fail(arg, `${fnTok.text}() takes a selector with a range, like ${fnTok.text}(metric[5m])`);
    }
    if (!this.is('punct', '[')) {
      throw this.fail(this.tok, `${fnTok.text}() needs a range after its selector, like ${fnTok.text}(metric[5m])`);
    }
    this.i++;
    const dur = this.expect('duration', this.tok.text, 'a duration');
    if (dur.text.includes(':')) throw this.fail(dur, 'The local series engine does not support subqueries');
    let rangeMs: number;
    try {
      rangeMs = parseDuration(dur.text);
    } catch (e) {
      throw this.fail(dur, (e as Error).message.replace(/\.$/, ''));
    }
    if (rangeMs <= 0) throw this.fail(dur, 'A range must be longer than zero');
    this.expect('punct', ']');
    if (this.is('ident', 'offset')) throw this.unexpected('")"');
    this.expect('punct', ')');
    this.depth--;
    return { type: 'call', fn: fnTok.text as RangeFunction, selector: sel, rangeMs };
  }

  private grouping(): { mode: 'by' | 'without'; labels: string[] } {
    const mode = this.tokens[this.i++].text as 'by' | 'without';
    this.expect('punct', '(', `"(" after ${mode}`);
    const labels: string[] = [];
    while (!this.is('punct', ')')) {
      const l = this.tok;
      if (l.kind !== 'ident' || !labelNameRe.test(l.text)) throw this.unexpected('a label name');
      labels.push(l.text);
      this.i++;
      if (!this.is('punct', ',')) break;
      this.i++;
    }
    this.expect('punct', ')', '"," or ")"');
    return { mode, labels };
  }

  private aggregate(): Expr {
    const opTok = this.tokens[this.i++];
    this.enter(opTok);
    let grouping = this.is('ident', 'by') || this.is('ident', 'without') ? this.grouping() : null;
    this.expect('punct', '(');
    const argTok = this.tok;
    const expr = this.expr(0);
    if (this.is('punct', ',')) {
      throw this.fail(this.tok, `${opTok.text}() takes one argument`);
    }
    this.expect('punct', ')');
    if (this.is('ident', 'by') || this.is('ident', 'without')) {
      if (grouping) throw this.fail(this.tok, `${opTok.text}() has two by/without clauses`);
      grouping = this.grouping();
    }
    if (isScalar(expr)) {
      throw this.fail(argTok, `${opTok.text}() aggregates series; it was given a number`);
    }
    this.depth--;
    return { type: 'aggregate', op: opTok.text as Aggregation, grouping, expr };
  }
}

function matchesEmpty(m: LabelMatcher): boolean {
  switch (m.op) {
    case '=':
      return m.value === '';
    case '!=':
      return m.value !== '';
    case '=~':
      return labelRegex(m.value).test('');
    case '!~':
      return !labelRegex(m.value).test('');
  }
}

/** Parses the subset; anything wrong is an OpsError('bad_input') whose message names the column. */
export function parseExpr(src: string): Expr {
  if (typeof src !== 'string' || src.trim() === '') {
    throw new OpsError('bad_input', 'The expression is empty; write a metric name such as node_load1.');
  }
  if (src.length > MAX_LENGTH) {
    throw new OpsError('bad_input', `The expression is longer than ${MAX_LENGTH} characters.`);
  }
  return new Parser(src, tokenize(src)).parseAll();
}

/** A plain selector (label name/value lookups take one as their `match`). */
export function parseSelector(src: string): SelectorNode {
  const e = parseExpr(src);
  if (e.type !== 'selector') {
    throw new OpsError('bad_input', `"${src.slice(0, 80)}" is not a series selector such as node_load1{host="a"}.`);
  }
  return e;
}
