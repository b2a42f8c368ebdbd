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
      const entries: LogEntry[] = [];
      for (const l of lines) {
        const id = Number(
          this.insert.run(l.time, from.ciId, host, l.unit, l.level, l.message, from.id).lastInsertRowid,
        );
        entries.push({
          id,
          time: l.time,
          ciId: from.ciId,
          host,
          unit: l.unit,
          level: levelName(l.level),
          message: l.message,
          highlighted: null,
        });
      }
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
