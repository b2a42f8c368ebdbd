/** Keys whose values are never written to a log, however deep they sit. */
export const secretKey = /pass(word|phrase)?|secret|token|private.?key|authorization|cookie/i;

const maxDepth = 8;

/**
 * Makes log data safe and JSON-friendly: secret-looking keys are replaced,
 * Errors become {message, stack} (JSON.stringify would give `{}`), and cycles
 * or very deep structures are cut rather than crashing the logger.
 */
export function sanitize(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value instanceof Error) return { message: value.message, stack: value.stack };
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return String(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[too deep]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = secretKey.test(k) ? '[redacted]' : sanitize(v, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
