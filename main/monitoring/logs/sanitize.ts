/** Longest message kept, in UTF-16 units; a longer line is cut with a note (64 KiB covers any sane log line). */
export const MAX_MESSAGE_CHARS = 65_536;

/**
 * A message as stored: NUL cannot be searched and \u0001/\u0002 are the
 * highlight markers search adds, so all three become U+FFFD rather than being
 * dropped silently; an overlong line is cut and says so.
 */
export function cleanMessage(text: string): string {
  // eslint-disable-next-line no-control-regex
  let s = text.replace(/[\u0000\u0001\u0002]/g, '\uFFFD');
  if (s.length > MAX_MESSAGE_CHARS) {
    s = `${s.slice(0, MAX_MESSAGE_CHARS)} …[${s.length - MAX_MESSAGE_CHARS} more characters cut]`;
  }
  return s;
}
