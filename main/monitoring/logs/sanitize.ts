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

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text from a host or a server made safe to print on a person's terminal:
 * control characters (ESC and the C1 CSI start sequences that can retitle the
 * window, write the clipboard or hide the rest of a line) and bidi overrides
 * (which reorder what is shown) are written as \u escapes.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, escape);
}

/**
 * JSON for a terminal: JSON.stringify escapes C0 controls but prints DEL, C1
 * and bidi characters as they are; escaping them too keeps the very same data.
 */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, escape);
}
