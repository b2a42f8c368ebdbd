/**
 * The search box's text applied in the renderer to lines arriving on the live
 * tail, which the server's FTS5 index does not filter. It reads the text the
 * way the server does (main/monitoring/logs/fts-query.ts): every word and every
 * "quoted phrase" is a phrase of unicode61 tokens, a `*` right after one makes
 * its last token a prefix, and all of them must match — operators typed by a
 * person are plain words. Tokens compare case- and accent-insensitively.
 */

interface Term {
  text: string;
  prefix: boolean;
}
/** Phrases that must all occur; empty = no text filter. */
export type FtsQuery = Term[][];

interface Token {
  norm: string;
  start: number;
  end: number;
}

// unicode61: letters, numbers and private-use characters make tokens; all else separates.
const tokenRe = /[\p{L}\p{N}\p{Co}]+/gu;

export function normalize(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(tokenRe))
    out.push({ norm: normalize(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

function phraseOf(text: string, prefix: boolean): Term[] {
  const toks = tokenize(text).map((t) => ({ text: t.norm, prefix: false }));
  if (prefix && toks.length) toks[toks.length - 1].prefix = true;
  return toks;
}

export function parseFtsQuery(input: string): FtsQuery {
  const phrases: FtsQuery = [];
  // A quote opens a phrase up to the next quote (or the end); anything else runs to a space or quote.
  for (const m of input.matchAll(/"([^"]*)"?(\*?)|([^\s"]+)/g)) {
    const phrase =
      m[3] !== undefined ? phraseOf(m[3].replace(/\*+$/, ''), m[3].endsWith('*')) : phraseOf(m[1], m[2] === '*');
    if (phrase.length) phrases.push(phrase);
  }
  return phrases;
}

const termMatches = (t: Term, tok: Token) => (t.prefix ? tok.norm.startsWith(t.text) : tok.norm === t.text);

/** Start indexes (in tokens) where the phrase occurs. */
function phraseAt(tokens: Token[], phrase: Term[]): number[] {
  const hits: number[] = [];
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.every((t, j) => termMatches(t, tokens[i + j]))) hits.push(i);
  }
  return hits;
}

export function ftsMatches(text: string, query: FtsQuery): boolean {
  if (!query.length) return true;
  const tokens = tokenize(text);
  return query.every((p) => phraseAt(tokens, p).length > 0);
}

/** [start, end) character ranges of every phrase occurrence, for highlighting (only when all match). */
export function matchRanges(text: string, query: FtsQuery): [number, number][] {
  const tokens = tokenize(text);
  const ranges: [number, number][] = [];
  for (const p of query) {
    const hits = phraseAt(tokens, p);
    if (!hits.length) return [];
    for (const i of hits) ranges.push([tokens[i].start, tokens[i + p.length - 1].end]);
  }
  return ranges;
}
