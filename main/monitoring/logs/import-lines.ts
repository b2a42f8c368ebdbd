import { OpsError } from '../../../shared/api/errors';
import type { Db } from '../../store/migration';
import type { LineIn } from './lines';

/**
 * Stores lines that did not come from a pull (the demo workspace's seed) as
 * if `sourceId` had pulled them from `host`: one transaction, the source's
 * line count kept in step, its read position untouched so a later real pull
 * starts where it would have. Returns how many lines were stored.
 */
export function importLines(
  db: Db,
  to: { sourceId: string; ciId: string; host: string },
  lines: readonly LineIn[],
): number {
  for (const l of lines) {
    if (!Number.isSafeInteger(l.time) || l.time < 0) {
      throw new OpsError(
        'bad_input',
        `A log line's time must be whole milliseconds since 1970, not ${String(l.time)}.`,
      );
    }
    if (!Number.isInteger(l.level) || l.level < 0 || l.level > 7) {
      throw new OpsError('bad_input', `A log line's level must be a syslog priority 0–7, not ${String(l.level)}.`);
    }
  }
  const insert = db.prepare(
    'INSERT INTO monitoring_log_lines (time, ci_id, host, unit, level, message, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const count = db.prepare('UPDATE monitoring_log_sources SET lines = lines + ? WHERE id = ?');
  return db.transaction(() => {
    for (const l of lines) insert.run(l.time, to.ciId, to.host, l.unit, l.level, l.message, to.sourceId);
    count.run(lines.length, to.sourceId);
    return lines.length;
  })();
}
