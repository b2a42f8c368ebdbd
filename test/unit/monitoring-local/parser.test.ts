import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import {
  aggregations,
  arithmeticOps,
  comparisonOps,
  print,
  rangeFunctions,
  type Expr,
  type LabelMatcher,
  type SelectorNode,
} from '../../../main/monitoring/local/promql/ast';
import { parseExpr } from '../../../main/monitoring/local/promql/parser';

function badInput(src: string): OpsError {
  try {
    parseExpr(src);
  } catch (e) {
    if (e instanceof OpsError && e.code === 'bad_input') return e;
    throw e;
  }
  throw new Error(`"${src}" parsed, but it should not`);
}

describe('parseExpr: the supported subset', () => {
  it.each([
    ['node_load1', 'node_load1'],
    ['rate(x{a="b",c!~"d.*"}[5m]) * 100', 'rate(x{a="b", c!~"d.*"}[5m]) * 100'],
    ['sum by (host) (rate(x[1h30m])) / 1024', 'sum by (host) (rate(x[1h30m])) / 1024'],
    ['sum(x) without (a)', 'sum without (a) (x)'],
    ['avg(avg_over_time({job="x"}[10m]))', 'avg (avg_over_time({job="x"}[10m]))'],
    ['x > 90', 'x > 90'],
    ['x > bool 90', 'x > bool 90'],
    ['(a + b) * c', '(a + b) * c'],
    ['a - (b - c)', 'a - (b - c)'],
    ['a - b - c', 'a - b - c'],
    ['1 - -2', '1 - -2'],
    ['-x', '-x'],
    ["x{a='single', b=`raw\\n`}", 'x{a="single", b="raw\\\\n"}'],
    ['x{a="\\u00e9\\x41"}', 'x{a="\\u00e9A"}'],
    ['1e3 + Inf', '1000 + Inf'],
    ['max_over_time(x[1d]) # a comment', 'max_over_time(x[1d])'],
  ])('%s', (src, printed) => {
    expect(print(parseExpr(src))).toBe(printed);
  });

  it('builds the tree with Prometheus precedence', () => {
    expect(parseExpr('a + b * 2 > 3')).toEqual({
      type: 'binary',
      op: '>',
      bool: false,
      lhs: {
        type: 'binary',
        op: '+',
        bool: false,
        lhs: { type: 'selector', name: 'a', matchers: [] },
        rhs: {
          type: 'binary',
          op: '*',
          bool: false,
          lhs: { type: 'selector', name: 'b', matchers: [] },
          rhs: { type: 'number', value: 2 },
        },
      },
      rhs: { type: 'number', value: 3 },
    });
  });
});

describe('parseExpr: refusals name the column', () => {
  it.each([
    ['x[5m]', 2, /inside a range function/],
    ['rate(x)', 7, /needs a range/],
    ['1 > 2', 3, /needs "bool"/],
    ['foo and bar', 5, /does not support the set operator "and"/],
    ['sum(1)', 5, /given a number/],
    ['x{a="b"', 8, /Expected "," or "}" but found the end/],
    ['topk(3, x)', 1, /does not support topk/],
    ['histogram_quantile(0.9, x)', 1, /no function "histogram_quantile"/],
    ['{a=""}', 1, /at least one matcher that does not match the empty value/],
    ['x{a=~"("}', 6, /regular expression "\(" is not valid/],
    ['"abc', 1, /not closed/],
    ['a +', 4, /but found the end of the expression/],
    ['x @ 5', 3, /@ modifier/],
    ['rate(x[5m:1m])', 8, /subqueries/],
    ['rate(x[5q])', 8, /not a duration/],
    ['x{__name__="y"}', 3, /given twice/],
    ['2 ^ 3', 3, /"\^"/],
    ['sum by (a) (x) by (b)', 16, /two by\/without/],
    ['sum(x) by (a) by (b)', 15, /Expected an operator or the end of the expression but found "by"/],
  ])('%s', (src, column, message) => {
    const e = badInput(src);
    expect(e.message).toMatch(message);
    expect(e.message).toContain(`column ${column}`);
    expect(e.details).toMatchObject({ column });
  });

  it('counts lines and columns in a multi-line expression', () => {
    const e = badInput('sum(\n  rate(x[5m])\n  +\n)');
    expect(e.message).toContain('line 4, column 1');
    expect(e.details).toEqual({ line: 4, column: 1 });
  });

  it('refuses an empty or an overlong expression', () => {
    expect(badInput('  ').message).toMatch(/empty/);
    expect(badInput(`x + ${'1 + '.repeat(6000)}1`).message).toMatch(/longer than 20000/);
    expect(badInput(`${'('.repeat(100)}x${')'.repeat(100)}`).message).toMatch(/nests deeper/);
  });
});

// ------------------------------------------------------------ properties

/** Throws anything but OpsError('bad_input') with a column out of the property. */
function onlyBadInput(src: string): void {
  try {
    parseExpr(src);
  } catch (e) {
    expect(e).toBeInstanceOf(OpsError);
    const err = e as OpsError;
    expect(err.code).toBe('bad_input');
    if (src.trim() !== '' && src.length <= 20_000) {
      expect(err.message).toMatch(/column \d+/);
      expect(err.details).toMatchObject({ column: expect.any(Number) });
    }
  }
}

const fragments = [
  'x',
  'node_load1',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '[5m]',
  ',',
  '=',
  '!=',
  '=~',
  '!~',
  '"a"',
  "'b'",
  '`c`',
  '"',
  '5',
  '1.5e3',
  'Inf',
  'NaN',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
  '>',
  '>=',
  '==',
  'bool',
  'by',
  'without',
  'sum',
  'avg',
  'rate',
  'irate',
  'max_over_time',
  'and',
  'offset',
  '@',
  ':',
  ' ',
  '\n',
  '#',
  '\\',
  'é',
  '\u0000',
];

describe('parseExpr properties', () => {
  it('throws nothing but bad_input with a column on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80, unit: 'binary' }), onlyBadInput), { numRuns: 3000 });
  });

  it('throws nothing but bad_input with a column on PromQL-shaped token soup', () => {
    const soup = fc.array(fc.constantFrom(...fragments), { maxLength: 30 }).map((xs) => xs.join(''));
    fc.assert(fc.property(soup, onlyBadInput), { numRuns: 5000 });
  });

  it('gives back the tree it printed (and prints it the same way again)', () => {
    fc.assert(
      fc.property(exprArb, (e) => {
        const text = print(e);
        const back = parseExpr(text);
        expect(back).toEqual(e);
        expect(print(back)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});

// ------------------------------------------------------------ random trees

const reserved = ['topk', 'bottomk', 'quantile', 'count_values', 'stddev', 'stdvar'];
const keywords = new Set(['by', 'without', 'bool', 'inf', 'nan', 'and', 'or', 'unless', 'offset', 'on', 'ignoring']);
const ident = fc
  .stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/)
  .filter((s) => !keywords.has(s.toLowerCase()) && !s.toLowerCase().startsWith('group'));
const metricName = fc
  .oneof(ident, fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,8}$/))
  .filter(
    (s) =>
      !keywords.has(s.toLowerCase()) &&
      !s.startsWith('group') &&
      ![...reserved, ...aggregations, ...rangeFunctions].includes(s),
  );
const labelValue = fc.string({ maxLength: 6, unit: 'binary' });

const matcher: fc.Arbitrary<LabelMatcher> = fc.oneof(
  fc.record({ name: ident, op: fc.constantFrom('=' as const, '!=' as const), value: labelValue }),
  fc.record({
    name: ident,
    op: fc.constantFrom('=~' as const, '!~' as const),
    value: fc.constantFrom('a.*', '.+', 'x|y', '[0-9]+', '(?i)web'),
  }),
);

const selector: fc.Arbitrary<SelectorNode> = fc
  .tuple(fc.option(metricName, { nil: null }), fc.array(matcher, { maxLength: 3 }))
  .map(([name, ms]) => ({
    type: 'selector' as const,
    name,
    // Without a name, one matcher must reject the empty value for the selector to be valid.
    matchers: name === null ? [{ name: 'job', op: '=' as const, value: 'opsroom' }, ...ms] : ms,
  }))
  .filter((s) => !s.matchers.some((m) => m.name === '__name__'));

const number = fc
  .oneof(fc.double({ noNaN: false }), fc.integer({ min: -1000, max: 1000 }))
  .map((value) => ({ type: 'number' as const, value }));

const durationMs = fc.oneof(
  fc.constantFrom(60_000, 300_000, 3_600_000, 5_400_000, 86_400_000),
  fc.integer({ min: 1, max: 10 ** 10 }),
);

const { expr: exprArb } = fc.letrec<{ expr: Expr; vector: Expr }>((tie) => ({
  vector: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    selector,
    fc.record({
      type: fc.constant('call' as const),
      fn: fc.constantFrom(...rangeFunctions),
      selector,
      rangeMs: durationMs,
    }),
    fc.record({
      type: fc.constant('aggregate' as const),
      op: fc.constantFrom(...aggregations),
      grouping: fc.option(
        fc.record({
          mode: fc.constantFrom('by' as const, 'without' as const),
          labels: fc.array(ident, { maxLength: 3 }),
        }),
        { nil: null },
      ),
      expr: tie('vector'),
    }),
    fc.record({ type: fc.constant('unary' as const), expr: tie('vector') }).filter((u) => u.expr.type !== 'number'),
    fc
      .record({
        type: fc.constant('binary' as const),
        op: fc.constantFrom(...arithmeticOps, ...comparisonOps),
        bool: fc.boolean(),
        lhs: tie('vector'),
        rhs: fc.oneof(tie('vector'), number),
      })
      // `bool` only follows a comparison.
      .map((b) => ({ ...b, bool: b.bool && (comparisonOps as readonly string[]).includes(b.op) })),
  ),
  expr: fc.oneof(
    tie('vector'),
    fc.record({
      type: fc.constant('binary' as const),
      op: fc.constantFrom(...arithmeticOps),
      bool: fc.constant(false),
      lhs: number,
      rhs: fc.oneof(number, tie('vector')),
    }),
  ),
}));
