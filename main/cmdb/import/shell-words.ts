export interface Word {
  text: string;
  /** some part was quoted: the value is text as written, never converted to a number or boolean */
  quoted: boolean;
}

/**
 * Splits a line into words the way Ansible's INI reader (shlex) and ssh_config do:
 * whitespace separates, '…' and "…" group, backslash escapes outside single quotes,
 * an unquoted word starting with # begins a comment. Null with a reason when a quote
 * is left open.
 */
export function splitWords(line: string, opts: { comments?: boolean } = {}): { words: Word[] } | { problem: string } {
  const words: Word[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && /\s/.test(line[i])) i++;
    if (i >= n) break;
    if (opts.comments !== false && line[i] === '#') break;
    let text = '';
    let quoted = false;
    while (i < n && !/\s/.test(line[i])) {
      const c = line[i];
      if (c === "'" || c === '"') {
        const close = findClose(line, i + 1, c);
        if (close < 0) return { problem: `a ${c === '"' ? 'double' : 'single'} quote is never closed` };
        const inner = line.slice(i + 1, close);
        text += c === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner;
        quoted = true;
        i = close + 1;
      } else if (c === '\\' && i + 1 < n) {
        text += line[i + 1];
        i += 2;
      } else {
        text += c;
        i++;
      }
    }
    words.push({ text, quoted });
  }
  return { words };
}

function findClose(line: string, from: number, quote: string): number {
  for (let j = from; j < line.length; j++) {
    if (quote === '"' && line[j] === '\\') {
      j++;
      continue;
    }
    if (line[j] === quote) return j;
  }
  return -1;
}
