/** A run of message text, marked when it is a matched term. */
export interface Segment {
  text: string;
  mark: boolean;
}

const open = '\u0001';
const close = '\u0002';

/**
 * Splits a search result's `highlighted` text (matched terms between \u0001 and
 * \u0002) into runs to render as text and <mark> elements, so a log line is
 * never parsed as HTML. The markers come from FTS5, but the text between them
 * is whatever a host logged, so the split is total: a stray close is dropped, a
 * second open is dropped, and an open left unclosed marks to the end.
 */
export function splitHighlights(s: string): Segment[] {
  const out: Segment[] = [];
  let mark = false;
  let run = '';
  const flush = () => {
    if (!run) return;
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += run;
    else out.push({ text: run, mark });
    run = '';
  };
  for (const ch of s) {
    if (ch === open || ch === close) {
      const next = ch === open;
      if (next !== mark) {
        flush();
        mark = next;
      }
      continue;
    }
    run += ch;
  }
  flush();
  return out;
}

/** Marks the given [start, end) ranges of a text (sorted, possibly overlapping). */
export function segmentsFromRanges(text: string, ranges: readonly [number, number][]): Segment[] {
  const out: Segment[] = [];
  let pos = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const s = Math.max(start, pos);
    if (end <= s) continue;
    if (s > pos) out.push({ text: text.slice(pos, s), mark: false });
    const last = out[out.length - 1];
    if (last?.mark && s === pos) last.text += text.slice(s, end);
    else out.push({ text: text.slice(s, end), mark: true });
    pos = end;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), mark: false });
  return out;
}
