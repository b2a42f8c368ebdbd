/**
 * A person's search text as an FTS5 query that cannot be a syntax error.
 *
 * Every word and every "quoted phrase" becomes an FTS5 string (internal
 * quotes doubled), so operators, column filters, parentheses and carets
 * typed by a person are plain text; the terms are ANDed. A `*` right after a
 * word or phrase makes it a prefix search (`conn*`). A term with no letter or
 * digit (`->`, `*`) would tokenize to nothing and is dropped. An unclosed
 * quote runs to the end of the text.
 */

export interface FtsQuery {
  /** the MATCH expression; null when the text holds no searchable term */
  match: string | null;
  /** the terms as understood (for display and tests) */
  terms: { text: string; prefix: boolean; phrase: boolean }[];
}

// What FTS5's unicode61 tokenizer keeps in a token: letters, numbers, private use.
const tokenChar = /[\p{L}\p{N}\p{Co}]/u;

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

export function buildFtsQuery(input: string): FtsQuery {
  // NUL ends an SQL string inside SQLite's FTS5 parser ("unterminated string").
  // eslint-disable-next-line no-control-regex
  const text = input.replace(/\u0000/g, ' ');
  const terms: FtsQuery['terms'] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    let value: string;
    let phrase = false;
    if (c === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close < 0 ? n : close;
      value = text.slice(i + 1, end);
      phrase = true;
      i = close < 0 ? n : close + 1;
    } else {
      let j = i;
      while (j < n && !/\s/.test(text[j]!) && text[j] !== '"') j++;
      value = text.slice(i, j);
      i = j;
    }
    let prefix = false;
    if (phrase && text[i] === '*') {
      prefix = true;
      i++;
    } else if (!phrase && value.endsWith('*')) {
      value = value.replace(/\*+$/, '');
      prefix = true;
    }
    if (tokenChar.test(value)) terms.push({ text: value, prefix, phrase });
  }
  const match = terms.length ? terms.map((t) => quote(t.text) + (t.prefix ? '*' : '')).join(' ') : null;
  return { match, terms };
}
