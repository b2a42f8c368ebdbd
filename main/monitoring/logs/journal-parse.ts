import { INFO, priorityToLevel } from './levels';
import { cleanMessage } from './sanitize';

/** One journal entry as stored (host and source are added by the puller). */
export interface ParsedLine {
  time: number;
  unit: string;
  level: number;
  message: string;
}

export interface JournalParse {
  entries: ParsedLine[];
  /** __CURSOR of the last entry kept; null when none was */
  cursor: string | null;
  /** lines that were not a journal entry (not JSON, not an object, no __CURSOR) */
  garbage: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * A field value as `journalctl -o json` writes it: a string; an array of
 * bytes when the value is not valid UTF-8 or holds control characters; null
 * when it is too long to print (without --all); or, when the field occurs more
 * than once in the entry, an array of those values (the first one is kept).
 */
export function fieldText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (!Array.isArray(v) || v.length === 0) return null;
  if (v.every((b) => typeof b === 'number')) {
    if (!v.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) return null;
    return utf8.decode(Uint8Array.from(v as number[]));
  }
  for (const item of v) {
    const t = fieldText(item);
    if (t !== null) return t;
  }
  return null;
}

/** __REALTIME_TIMESTAMP is microseconds since the epoch, as a decimal string. */
function realtimeMs(v: unknown): number | null {
  const s = fieldText(v);
  if (s === null || !/^\d{1,19}$/.test(s.trim())) return null;
  const ms = Math.floor(Number(s.trim()) / 1000);
  return Number.isSafeInteger(ms) ? ms : null;
}

function unitOf(e: Record<string, unknown>): string {
  for (const k of ['_SYSTEMD_UNIT', 'SYSLOG_IDENTIFIER', '_COMM']) {
    const t = fieldText(e[k]);
    if (t && t.trim()) return t.trim();
  }
  return '';
}

/**
 * Parses `journalctl -o json` output, one object per line. A line that is not
 * an entry is counted and skipped, never fatal: one bad line must not stop a
 * host's logs. An entry without a usable time gets `fallbackTime` (the pull
 * time). With `truncated` (the output hit its byte cap) the last line is cut
 * off mid-way, so it is dropped without counting: the next pull starts after
 * the last cursor kept and reads it whole. The entry at `after` (the cursor
 * the read started from) is already stored and is skipped.
 */
export function parseJournal(
  text: string,
  opts: { fallbackTime: number; truncated?: boolean; after?: string | null },
): JournalParse {
  const lines = text.split('\n');
  if (opts.truncated && lines.length > 0 && !text.endsWith('\n')) lines.pop();
  const entries: ParsedLine[] = [];
  let cursor: string | null = null;
  let garbage = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    let e: unknown;
    try {
      e = JSON.parse(line);
    } catch {
      garbage++;
      continue;
    }
    if (typeof e !== 'object' || e === null || Array.isArray(e)) {
      garbage++;
      continue;
    }
    const rec = e as Record<string, unknown>;
    const c = fieldText(rec.__CURSOR);
    if (!c) {
      garbage++;
      continue;
    }
    // Read with --cursor, the output starts at the entry stored last time.
    if (c === opts.after) continue;
    cursor = c;
    entries.push({
      time: realtimeMs(rec.__REALTIME_TIMESTAMP) ?? opts.fallbackTime,
      unit: unitOf(rec),
      level: rec.PRIORITY === undefined ? INFO : priorityToLevel(fieldText(rec.PRIORITY)),
      message: cleanMessage(fieldText(rec.MESSAGE) ?? ''),
    });
  }
  return { entries, cursor, garbage };
}
