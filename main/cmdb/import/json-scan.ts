/**
 * A small iterative JSON scanner. JSON.parse gives the values but neither where
 * each array item starts nor (on Node 20, for every error) where the syntax broke;
 * this walks the text once to find both, without recursion so deep nesting is safe.
 */
export interface JsonScan {
  /** offset of the first syntax error, or null */
  error: number | null;
  /** for each member of the top-level object whose value is an array: its items' start offsets */
  items: Map<string, number[]>;
}

const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

export function scanJson(text: string): JsonScan {
  const items = new Map<string, number[]>();
  const stack: { kind: 'obj' | 'arr'; key: string }[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let state: 'value' | 'key' | 'after' = 'value';
  const fail = (at: number): JsonScan => ({ error: Math.min(at, n), items });
  const ws = (j: number) => {
    while (j < n && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) j++;
    return j;
  };
  for (;;) {
    i = ws(i);
    if (state === 'value') {
      if (i >= n) return fail(i);
      if (stack.length === 2 && stack[1].kind === 'arr' && stack[0].kind === 'obj') items.get(stack[0].key)?.push(i);
      const c = text[i];
      if (c === '{' || c === '[') {
        const kind = c === '{' ? 'obj' : 'arr';
        if (stack.length === 1 && stack[0].kind === 'obj' && kind === 'arr') items.set(stack[0].key, []);
        stack.push({ kind, key: '' });
        i = ws(i + 1);
        if (text[i] === (kind === 'obj' ? '}' : ']')) {
          stack.pop();
          i++;
          state = 'after';
        } else state = kind === 'obj' ? 'key' : 'value';
        continue;
      }
      if (stack.length === 1 && stack[0].kind === 'obj') items.delete(stack[0].key);
      if (c === '"') {
        const end = scanString(text, i);
        if (end < 0) return fail(-end - 1);
        i = end;
      } else {
        literal.lastIndex = i;
        const m = literal.exec(text);
        if (!m) return fail(i);
        i += m[0].length;
      }
      state = 'after';
    } else if (state === 'key') {
      if (text[i] !== '"') return fail(i);
      const end = scanString(text, i);
      if (end < 0) return fail(-end - 1);
      stack[stack.length - 1].key = JSON.parse(text.slice(i, end)) as string;
      i = ws(end);
      if (text[i] !== ':') return fail(i);
      i++;
      state = 'value';
    } else {
      const top = stack[stack.length - 1];
      if (!top) return i < n ? fail(i) : { error: null, items };
      if (text[i] === ',') {
        i++;
        state = top.kind === 'obj' ? 'key' : 'value';
      } else if (text[i] === (top.kind === 'obj' ? '}' : ']')) {
        stack.pop();
        i++;
      } else return fail(i);
    }
  }
}

/** End offset after the closing quote, or -(offset of the problem) - 1. */
function scanString(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 34) return j + 1;
    if (c < 0x20) return -j - 1;
    if (c === 92) {
      const e = text[j + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return -j - 1;
        j += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j++;
      else return -j - 1;
    }
  }
  return -text.length - 1;
}
