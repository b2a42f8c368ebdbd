/**
 * A label regex as Prometheus applies it: anchored at both ends, `.` matching
 * newlines too. Prometheus uses Go's RE2; JavaScript's dialect agrees on the
 * common ground (classes, alternation, repetition). RE2's leading `(?i)` is
 * turned into JavaScript's `i` flag since Node 20 does not read inline flags.
 * Throws SyntaxError for a pattern JavaScript cannot compile.
 */
const cache = new Map<string, RegExp>();

export function labelRegex(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const insensitive = pattern.startsWith('(?i)');
    const body = insensitive ? pattern.slice(4) : pattern;
    re = new RegExp(`^(?:${body})$`, insensitive ? 'si' : 's');
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}
