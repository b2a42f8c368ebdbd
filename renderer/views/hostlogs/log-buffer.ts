import type { LogEntry } from '../../../shared/api/monitoring-logs';

/**
 * The shown lines, oldest at the top like `tail -f`. The search answers newest
 * first; ids grow as lines are stored, which is what keeps pages and the tail
 * from overlapping.
 */
export const maxBufferedLines = 20_000;

/** A first search page (newest first) as the buffer. */
export function fromSearchPage(page: readonly LogEntry[]): LogEntry[] {
  return [...page].reverse();
}

/** An older page (newest first) above the buffer; lines already shown are skipped. */
export function prependOlder(buf: readonly LogEntry[], page: readonly LogEntry[]): LogEntry[] {
  const oldest = buf.length ? buf[0].id : Infinity;
  const older = page.filter((e) => e.id < oldest).reverse();
  return older.length ? [...older, ...buf] : (buf as LogEntry[]);
}

/**
 * Tailed lines below the buffer. Lines not newer than the newest shown are
 * skipped (the search may already hold them); past the cap the oldest go.
 * `dropped` says how many went, so a reader above can keep their place.
 */
export function appendTail(
  buf: readonly LogEntry[],
  incoming: readonly LogEntry[],
  cap = maxBufferedLines,
): { lines: LogEntry[]; dropped: number } {
  let newest = -Infinity;
  for (const e of buf) if (e.id > newest) newest = e.id;
  const fresh = incoming.filter((e) => e.id > newest).sort((a, b) => a.id - b.id);
  if (!fresh.length) return { lines: buf as LogEntry[], dropped: 0 };
  const all = [...buf, ...fresh];
  const dropped = Math.max(0, all.length - cap);
  return { lines: dropped ? all.slice(dropped) : all, dropped };
}

/** The id to page before for "Load older". */
export function oldestId(buf: readonly LogEntry[]): number | undefined {
  return buf.length ? buf[0].id : undefined;
}
