import { OpsError } from '../../../shared/api/errors';
import type { LogEntry } from '../../../shared/api/monitoring-logs';
import type { Db } from '../../store/migration';
import { levelName } from './levels';
import type { SourceRow } from './sources';

export interface LineIn {
  time: number;
  unit: string;
  level: number;
  message: string;
}

/** Where reading stopped after a pull, stored with the lines it covers. */
export interface Position {
  cursor: string | null;
  inode: string | null;
  offset: number;
  more: boolean;
}

export interface CommitResult {
  entries: LogEntry[];
  /** false when the source was deleted or re-pointed while the pull ran: nothing was stored */
  stored: boolean;
}

/** The lines table: appends with the source's new position, and retention. */
export class LineStore {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare<[number, string, string, string, number, string, string]>(
      `INSERT INTO monitoring_log_lines (time, ci_id, host, unit, level, message, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * Stores a pull in one transaction: its lines, the source's new position,
   * counters and outcome. `from` is the source as the pull read it: if the
   * row changed meanwhile (saved with another path or host, or deleted), the
   * pull is stale and nothing is written.
   */
  commit(
    from: SourceRow,
    host: string,
    lines: readonly LineIn[],
    pos: Position,
    at: number,
    error: string | null,
  ): CommitResult {
    return this.db.transaction((): CommitResult => {
      const now = this.db
        .prepare<
          [string],
          {
            ci_id: string;
            kind: string;
            path: string | null;
            journal_cursor: string | null;
            file_inode: string | null;
            file_offset: number;
          }
        >('SELECT ci_id, kind, path, journal_cursor, file_inode, file_offset FROM monitoring_log_sources WHERE id = ?')
        .get(from.id);
      if (
        !now ||
        now.ci_id !== from.ciId ||
        now.kind !== from.kind ||
        now.path !== from.path ||
        now.journal_cursor !== from.cursor ||
        now.file_inode !== from.inode ||
        now.file_offset !== from.offset
      ) {
        return { entries: [], stored: false };
      }
      const entries = lines.map((l): LogEntry => ({
        id: this.insertLine(from.id, from.ciId, host, l),
        time: l.time,
        ciId: from.ciId,
        host,
        unit: l.unit,
        level: levelName(l.level),
        message: l.message,
        highlighted: null,
      }));
      this.db
        .prepare(
          `UPDATE monitoring_log_sources SET journal_cursor = ?, file_inode = ?, file_offset = ?, more_waiting = ?,
             last_pull_at = ?, last_error = ?, lines = lines + ? WHERE id = ?`,
        )
        .run(pos.cursor, pos.inode, pos.offset, pos.more ? 1 : 0, at, error, lines.length, from.id);
      return { entries, stored: true };
    })();
  }

  /**
   * Stores lines that did not come from a pull (the demo workspace's seed) as
   * if `sourceId` had pulled them from `host`: one transaction, the source's
   * line count kept in step, its read position untouched so a later real pull
   * starts where it would have. Returns how many lines were stored.
   */
  import(to: { sourceId: string; ciId: string; host: string }, lines: readonly LineIn[]): number {
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
    return this.db.transaction(() => {
      for (const l of lines) this.insertLine(to.sourceId, to.ciId, to.host, l);
      this.db
        .prepare('UPDATE monitoring_log_sources SET lines = lines + ? WHERE id = ?')
        .run(lines.length, to.sourceId);
      return lines.length;
    })();
  }

  private insertLine(sourceId: string, ciId: string, host: string, l: LineIn): number {
    return Number(this.insert.run(l.time, ciId, host, l.unit, l.level, l.message, sourceId).lastInsertRowid);
  }

  /**
   * Deletes lines older than `before`, at most `batch` per call (each call is
   * one short transaction, so the app stays responsive while a large backlog
   * goes), and takes them off their sources' counts. Returns how many went.
   */
  deleteOlderThan(before: number, batch: number): number {
    return this.db.transaction(() => {
      const ids = this.db
        .prepare<[number, number], { id: number; source_id: string }>(
          'SELECT id, source_id FROM monitoring_log_lines WHERE time < ? ORDER BY time LIMIT ?',
        )
        .all(before, batch);
      if (!ids.length) return 0;
      const per = new Map<string, number>();
      const del = this.db.prepare('DELETE FROM monitoring_log_lines WHERE id = ?');
      for (const r of ids) {
        del.run(r.id);
        per.set(r.source_id, (per.get(r.source_id) ?? 0) + 1);
      }
      const dec = this.db.prepare('UPDATE monitoring_log_sources SET lines = max(0, lines - ?) WHERE id = ?');
      for (const [id, n] of per) dec.run(n, id);
      return ids.length;
    })();
  }
}
