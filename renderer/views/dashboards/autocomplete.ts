/**
 * What the expression input can complete at the cursor, read from the text
 * before it: a metric name, a label name (inside `{…}` or `by (…)`), or a
 * label's value (inside the quotes after `label=`). Pure: the editor asks
 * main for the candidates ('monitoring.labels.names' / '…values') and
 * applies the chosen one with applyCompletion.
 */

export type CompletionContext =
  | { kind: 'metric'; prefix: string; start: number }
  | { kind: 'label-name'; prefix: string; start: number; metric: string | null; inSelector: boolean }
  | { kind: 'label-value'; prefix: string; start: number; label: string; metric: string | null };

const ident = /[A-Za-z_:][A-Za-z0-9_:]*$/;
const labelIdent = /[A-Za-z_][A-Za-z0-9_]*$/;
/** Inside the parentheses of a grouping or matching clause, `by (` … `)`, what is typed is a label name. */
const grouping = /\b(by|without|on|ignoring|group_left|group_right)\s*\(([^()]*)$/;

/** Index of the `{` of the selector the cursor is in, or -1 (quotes respected). */
function openBrace(text: string): number {
  let depth = -1;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '{') depth = i;
    else if (c === '}') depth = -1;
  }
  return depth;
}

/** Inside an unfinished quoted string: the index of its opening quote. */
function openQuote(text: string): number {
  let quote: string | null = null;
  let at = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      at = i;
    }
  }
  return quote ? at : -1;
}

export function completionContext(expr: string, cursor: number): CompletionContext | null {
  const before = expr.slice(0, Math.max(0, Math.min(cursor, expr.length)));
  const brace = openBrace(before);
  if (brace >= 0) {
    const metric = ident.exec(before.slice(0, brace))?.[0] ?? null;
    const q = openQuote(before);
    if (q > brace) {
      const m = /([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*$/.exec(before.slice(brace + 1, q));
      if (!m) return null;
      return { kind: 'label-value', label: m[1]!, prefix: before.slice(q + 1), start: q + 1, metric };
    }
    if (q >= 0) return null;
    // After a comma or the brace: a label name being typed.
    const tail = before.slice(brace + 1);
    const lastSep = Math.max(tail.lastIndexOf(','), -1);
    const part = tail.slice(lastSep + 1);
    if (/[=!~"]/.test(part)) return null;
    const prefix = labelIdent.exec(part)?.[0] ?? '';
    return { kind: 'label-name', prefix, start: before.length - prefix.length, metric, inSelector: true };
  }
  if (openQuote(before) >= 0) return null;
  const g = grouping.exec(before);
  if (g) {
    const prefix = labelIdent.exec(g[2]!)?.[0] ?? '';
    return { kind: 'label-name', prefix, start: before.length - prefix.length, metric: null, inSelector: false };
  }
  const m = ident.exec(before);
  if (!m) return null;
  const start = before.length - m[0].length;
  // `$host` is a variable, `[5m]` a duration, `1e3` a number: nothing to complete.
  const prev = before[start - 1];
  if (prev === '$' || prev === '{' || /[0-9.]/.test(prev ?? '') || before.slice(0, start).endsWith('${')) return null;
  if (/\[[^\]]*$/.test(before)) return null;
  return { kind: 'metric', prefix: m[0], start };
}

/** Candidates that start with the prefix (case-insensitive), then those that contain it; at most `max`. */
export function rankCandidates(all: readonly string[], prefix: string, max = 50): string[] {
  const p = prefix.toLowerCase();
  const starts: string[] = [];
  const contains: string[] = [];
  for (const c of all) {
    const l = c.toLowerCase();
    if (l.startsWith(p)) starts.push(c);
    else if (p && l.includes(p)) contains.push(c);
  }
  return [...starts.sort(), ...contains.sort()].slice(0, max);
}

/** A label value written into a double-quoted PromQL string. */
function quoted(v: string): string {
  return v.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
}

/**
 * The expression with the prefix replaced by `value` and the cursor after
 * it. A label name in a selector becomes `name=""` with the cursor between
 * the quotes (ready for its value); a label value closes its quote.
 */
export function applyCompletion(
  expr: string,
  cursor: number,
  ctx: CompletionContext,
  value: string,
): { expr: string; cursor: number } {
  const end = Math.max(ctx.start, Math.min(cursor, expr.length));
  // The rest of the word under the cursor is replaced too.
  const rest = /^[A-Za-z0-9_:]*/.exec(expr.slice(end))?.[0].length ?? 0;
  let after = expr.slice(end + rest);
  if (ctx.kind === 'label-value') {
    // The rest of the value up to its closing quote is replaced as well.
    const tail = expr.slice(end);
    const close = tail.search(/(?<!\\)"/);
    after = close >= 0 ? tail.slice(close) : tail;
  }
  const head = expr.slice(0, ctx.start);
  if (ctx.kind === 'label-value') {
    const insert = quoted(value);
    const closed = after.startsWith('"');
    return { expr: head + insert + (closed ? '' : '"') + after, cursor: ctx.start + insert.length + 1 };
  }
  if (ctx.kind === 'label-name' && ctx.inSelector && !/^\s*(=|!=|=~|!~)/.test(after)) {
    return { expr: `${head}${value}=""${after}`, cursor: ctx.start + value.length + 2 };
  }
  return { expr: head + value + after, cursor: ctx.start + value.length };
}
