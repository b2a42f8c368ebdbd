import { OpsError } from '../../../../shared/api/errors';

export type TokenKind = 'ident' | 'number' | 'string' | 'duration' | 'op' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** identifier name, operator or punctuation text, string contents, duration text */
  text: string;
  /** numbers only */
  value: number;
  /** offset in the expression (0-based) */
  pos: number;
}

/** "column 7" or "line 2, column 3" for an offset, 1-based as editors count. */
export function where(src: string, pos: number): { line: number; column: number; text: string } {
  const before = src.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, text: line > 1 ? `line ${line}, column ${column}` : `column ${column}` };
}

export function syntaxError(src: string, pos: number, message: string): OpsError {
  const at = where(src, pos);
  return new OpsError('bad_input', `${message} (at ${at.text}).`, { line: at.line, column: at.column });
}

const OPS = ['==', '!=', '<=', '>=', '=~', '!~', '+', '-', '*', '/', '%', '^', '<', '>', '='];
const PUNCT = '{}()[],:@';
const identStart = /[a-zA-Z_:]/;
const identPart = /[a-zA-Z0-9_:]/;
const numberRe = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

const simpleEscapes: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

function readString(src: string, start: number): { text: string; end: number } {
  const q = src[start];
  let i = start + 1;
  let out = '';
  if (q === '`') {
    const close = src.indexOf('`', i);
    if (close < 0) throw syntaxError(src, start, 'This string has no closing backtick');
    return { text: src.slice(i, close), end: close + 1 };
  }
  while (i < src.length) {
    const ch = src[i];
    if (ch === q) return { text: out, end: i + 1 };
    if (ch === '\n') break;
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const e = src[i + 1];
    if (e !== undefined && e in simpleEscapes) {
      out += simpleEscapes[e];
      i += 2;
      continue;
    }
    const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    const hex = src.slice(i + 2, i + 2 + hexLen);
    if (hexLen === 0 || !new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) {
      throw syntaxError(src, i, `Unknown escape "\\${e ?? ''}" in a string; write \\\\ for a backslash`);
    }
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) throw syntaxError(src, i, `The escape "\\${e}${hex}" is not a Unicode character`);
    out += String.fromCodePoint(code);
    i += 2 + hexLen;
  }
  throw syntaxError(src, start, 'This string is not closed');
}

/** Splits an expression into tokens; inside [...] the text is a duration (or a subquery, refused later). */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string, pos: number, value = NaN) => tokens.push({ kind, text, value, pos });
  while (i < src.length) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
    } else if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      const s = readString(src, i);
      push('string', s.text, i);
      i = s.end;
    } else if (/\d/.test(ch) || (ch === '.' && /\d/.test(src[i + 1] ?? ''))) {
      numberRe.lastIndex = i;
      const m = numberRe.exec(src)!;
      const value = Number(m[0]);
      push('number', m[0], i, value);
      i += m[0].length;
      if (i < src.length && identPart.test(src[i])) {
        throw syntaxError(src, i, `"${src.slice(tokens[tokens.length - 1].pos, i + 1)}" is not a number`);
      }
    } else if (identStart.test(ch)) {
      let j = i + 1;
      while (j < src.length && identPart.test(src[j])) j++;
      const word = src.slice(i, j);
      if (/^(inf|nan)$/i.test(word)) push('number', word, i, /^inf$/i.test(word) ? Infinity : NaN);
      else push('ident', word, i);
      i = j;
    } else if (ch === '[') {
      push('punct', '[', i);
      const close = src.indexOf(']', i + 1);
      if (close < 0) throw syntaxError(src, i, 'This "[" has no closing "]"');
      const raw = src.slice(i + 1, close);
      const lead = raw.length - raw.trimStart().length;
      push('duration', raw.trim(), i + 1 + lead);
      push('punct', ']', close);
      i = close + 1;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      if (op) {
        push('op', op, i);
        i += op.length;
      } else if (PUNCT.includes(ch)) {
        push('punct', ch, i);
        i++;
      } else {
        const shown = JSON.stringify(String.fromCodePoint(src.codePointAt(i)!));
        throw syntaxError(src, i, `Unexpected character ${shown}`);
      }
    }
  }
  push('eof', '', src.length);
  return tokens;
}
