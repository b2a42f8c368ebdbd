import type { Labels } from '../../../shared/api/monitoring-model';
import { formatG, humanize, humanize1024, humanizeDuration, humanizePercentage } from './go-format';
import { sprintf } from './printf';

/**
 * The part of Prometheus's alert templates (Go text/template) that rules
 * really use: `{{ $labels.instance }}`, `{{ $value }}`, `{{ humanize $value }}`,
 * pipelines (`{{ $value | humanizePercentage }}`), `printf`, `index`,
 * `{{- trim -}}` markers and comments; `.Labels`/`.Value` too. Text outside
 * `{{ }}` is copied as is. Anything else (if/range, unknown functions) is a
 * parse error, reported when the rule is saved; rendering never throws — a
 * failure renders Prometheus's own `<error expanding template: …>` text.
 */

export interface TemplateData {
  labels: Labels;
  value: number;
}

type Value = string | number | Labels;
type Operand =
  | { kind: 'lit'; value: string | number }
  | { kind: 'ref'; root: 'labels' | 'value' | 'externalLabels' | 'externalURL'; path: string[] };
interface Command {
  fn: string | null;
  args: Operand[];
}
type Node = { kind: 'text'; text: string } | { kind: 'action'; pipeline: Command[] };

const functions = new Set([
  'humanize',
  'humanize1024',
  'humanizePercentage',
  'humanizeDuration',
  'toUpper',
  'toLower',
  'title',
  'printf',
  'index',
]);
const keywords = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);
const roots: Record<string, Extract<Operand, { kind: 'ref' }>['root']> = {
  $labels: 'labels',
  '.Labels': 'labels',
  $value: 'value',
  '.Value': 'value',
  $externalLabels: 'externalLabels',
  '.ExternalLabels': 'externalLabels',
  $externalURL: 'externalURL',
  '.ExternalURL': 'externalURL',
};

class TemplateError extends Error {}
const fail = (msg: string): never => {
  throw new TemplateError(msg);
};

const tokenRe =
  /\s*(?:(\|)|("(?:[^"\\\n]|\\.)*")|(`[^`]*`)|(-?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+))|((?:\$[A-Za-z_]\w*|\$|(?:\.[A-Za-z_]\w*)+|\.)(?:\.[A-Za-z_]\w*)*)|([A-Za-z_]\w*)|(\S))/y;

function parseAction(body: string): Command[] {
  const commands: Command[] = [];
  let words: (Operand | { kind: 'fn'; name: string })[] = [];
  const finish = () => {
    if (!words.length) fail('missing command in a pipeline');
    const [head, ...rest] = words;
    if (head.kind === 'fn') commands.push({ fn: head.name, args: rest.map(asOperand) });
    else {
      if (rest.length) fail('a value cannot take arguments; put the function first');
      if (commands.length) fail('only a function can follow |');
      commands.push({ fn: null, args: [head] });
    }
    words = [];
  };
  const asOperand = (w: (typeof words)[number]): Operand => {
    if (w.kind === 'fn') fail(`function "${w.name}" used as an argument needs parentheses, which are not supported`);
    return w as Operand;
  };
  tokenRe.lastIndex = 0;
  while (tokenRe.lastIndex < body.length) {
    const at = tokenRe.lastIndex;
    const m = tokenRe.exec(body);
    if (!m) {
      if (/^\s*$/.test(body.slice(at))) break;
      fail(`cannot read "${body.slice(at, at + 20)}"`);
    }
    const [, pipe, dq, raw, num, ref, ident, other] = m!;
    if (pipe) finish();
    else if (dq) words.push({ kind: 'lit', value: unquote(dq) });
    else if (raw) words.push({ kind: 'lit', value: raw.slice(1, -1) });
    else if (num) words.push({ kind: 'lit', value: Number(num) });
    else if (ref) words.push(parseRef(ref));
    else if (ident) {
      if (keywords.has(ident)) fail(`the "${ident}" action is not supported in alert templates`);
      if (ident === 'true' || ident === 'false' || ident === 'nil') fail(`"${ident}" is not supported here`);
      if (!functions.has(ident)) fail(`function "${ident}" not defined`);
      words.push({ kind: 'fn', name: ident });
    } else if (other) fail(other === '(' || other === ')' ? 'parentheses are not supported' : `unexpected "${other}"`);
  }
  if (words.length || commands.length) finish();
  if (!commands.length) fail('missing value for command');
  return commands;
}

function unquote(dq: string): string {
  try {
    return JSON.parse(dq.replace(/\\'/g, "'")) as string;
  } catch {
    return fail(`cannot read the string ${dq}`);
  }
}

function parseRef(ref: string): Operand {
  if (ref === '.') fail('"." (all the data) is not supported; use $labels or $value');
  const base = ref.startsWith('$') ? ref.split('.')[0] : ref.split('.').slice(0, 2).join('.');
  const root = roots[base];
  if (!root) fail(ref.startsWith('$') ? `undefined variable "${base}"` : `can't evaluate field ${base.slice(1)}`);
  const path = ref.slice(base.length).split('.').filter(Boolean);
  if ((root === 'value' || root === 'externalURL') && path.length) fail(`${base} has no field ${path[0]}`);
  if (path.length > 1) fail(`${base}.${path[0]} is a string and has no field ${path[1]}`);
  return { kind: 'ref', root: root!, path };
}

function parse(src: string): Node[] {
  const nodes: Node[] = [];
  let pos = 0;
  let trimNext = false;
  while (pos < src.length) {
    const open = src.indexOf('{{', pos);
    let text = open < 0 ? src.slice(pos) : src.slice(pos, open);
    if (trimNext) text = text.replace(/^\s+/, '');
    trimNext = false;
    if (open < 0) {
      if (text) nodes.push({ kind: 'text', text });
      break;
    }
    let start = open + 2;
    if (/^-\s/.test(src.slice(start, start + 2))) {
      text = text.replace(/\s+$/, '');
      start += 1;
    }
    if (text) nodes.push({ kind: 'text', text });
    const close = findClose(src, start);
    if (close < 0) fail('unclosed action (a "{{" without "}}")');
    let end = close;
    if (/\s-$/.test(src.slice(start, close))) {
      end = close - 1;
      trimNext = true;
    }
    const body = src.slice(start, end).trim();
    pos = close + 2;
    if (body.startsWith('/*')) {
      if (!body.endsWith('*/')) fail('unclosed comment');
      continue;
    }
    nodes.push({ kind: 'action', pipeline: parseAction(body) });
  }
  return nodes;
}

/** The `}}` that ends an action, skipping quoted strings that may contain one. */
function findClose(src: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === '`') quote = c;
    else if (c === '}' && src[i + 1] === '}') return i;
  }
  return -1;
}

function resolve(o: Operand, data: TemplateData): Value {
  if (o.kind === 'lit') return o.value;
  switch (o.root) {
    case 'value':
      return data.value;
    case 'externalURL':
      return '';
    case 'externalLabels':
      return o.path.length ? '' : {};
    case 'labels':
      // Prometheus executes with missingkey=zero: an absent label is "".
      return o.path.length ? (data.labels[o.path[0]] ?? '') : data.labels;
  }
}

const typeName = (v: Value) => (typeof v === 'number' ? 'float64' : typeof v === 'string' ? 'string' : 'map');

function toFloat(v: Value, fn: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    const n = /^[+-]?inf$/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
    if (t !== '' && !Number.isNaN(n)) return n;
    if (/^nan$/i.test(t)) return NaN;
  }
  return fail(`${fn}: cannot convert ${typeName(v)} ${show(v)} to a number`);
}

function toStr(v: Value, fn: string): string {
  if (typeof v !== 'string') fail(`${fn}: wrong type for value; expected string; got ${typeName(v)}`);
  return v as string;
}

/** How Go's text/template prints a value. */
export function show(v: Value): string {
  if (typeof v === 'number') return formatG(v);
  if (typeof v === 'string') return v;
  const keys = Object.keys(v).sort();
  return `map[${keys.map((k) => `${k}:${v[k]}`).join(' ')}]`;
}

function call(fn: string, args: Value[]): Value {
  const one = () => {
    if (args.length !== 1) fail(`wrong number of args for ${fn}: want 1 got ${args.length}`);
    return args[0];
  };
  switch (fn) {
    case 'humanize':
      return humanize(toFloat(one(), fn));
    case 'humanize1024':
      return humanize1024(toFloat(one(), fn));
    case 'humanizePercentage':
      return humanizePercentage(toFloat(one(), fn));
    case 'humanizeDuration':
      return humanizeDuration(toFloat(one(), fn));
    case 'toUpper':
      return toStr(one(), fn).toUpperCase();
    case 'toLower':
      return toStr(one(), fn).toLowerCase();
    case 'title':
      return toStr(one(), fn).replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
    case 'printf': {
      if (!args.length) fail('wrong number of args for printf: want at least 1 got 0');
      return sprintf(
        toStr(args[0], fn),
        args.slice(1).map((a) => (typeof a === 'object' ? show(a) : a)),
      );
    }
    case 'index': {
      if (args.length !== 2) fail(`wrong number of args for index: want 2 got ${args.length}`);
      const [m, k] = args;
      if (typeof m !== 'object') fail(`index of untyped ${typeName(m)}`);
      return (m as Labels)[toStr(k, fn)] ?? '';
    }
    default:
      return fail(`function "${fn}" not defined`);
  }
}

function run(nodes: Node[], data: TemplateData): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') {
      out += n.text;
      continue;
    }
    let v: Value | undefined;
    for (const c of n.pipeline) {
      const args = c.args.map((a) => resolve(a, data));
      if (v !== undefined) args.push(v);
      v = c.fn === null ? args[0] : call(c.fn, args);
    }
    out += show(v!);
  }
  return out;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** null when the template is well formed, else what is wrong with it (for refusing a rule). */
export function checkTemplate(src: string): string | null {
  if (!src.includes('{{')) return null;
  try {
    parse(src);
    return null;
  } catch (e) {
    return message(e);
  }
}

/** Expands a template; never throws. Text without `{{` is returned untouched. */
export function renderTemplate(src: string, data: TemplateData): string {
  if (!src.includes('{{')) return src;
  try {
    return run(parse(src), data);
  } catch (e) {
    return `<error expanding template: ${message(e)}>`;
  }
}
