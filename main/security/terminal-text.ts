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
