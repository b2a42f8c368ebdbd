import { randomUUID } from 'node:crypto';
import type { CiRef } from '../../../shared/api/cmdb-model';
import type { Db } from '../../store/migration';

export const CAP_NOTICE = '\r\n[recording stopped: size cap reached]\r\n';
/** unsaved recording text is written once it reaches this size (or when the session ends) */
const FLUSH_BYTES = 64 * 1024;

export interface RecordingRow {
  id: string;
  ci_id: string;
  ci_name: string;
  ci_type: string;
  actor: string;
  started_at: number;
  ended_at: number | null;
  bytes: number;
  capped: number;
  content: string;
}

/**
 * One session's asciicast v2 recording: a header line, then `[t, "o", data]`
 * output events (input is not recorded: it may hold passwords typed at a
 * prompt). Appended to the row in chunks; at the cap a last notice event is
 * written and recording stops.
 */
export class Recording {
  readonly id = randomUUID();
  private pending = '';
  private bytes = 0;
  capped = false;

  constructor(
    private readonly db: Db,
    private readonly cap: number,
    private readonly startedAt: number,
    private readonly onCapped: (r: Recording) => void,
    meta: { ci: CiRef; actor: string; cols: number; rows: number; title: string },
  ) {
    const header =
      JSON.stringify({
        version: 2,
        width: meta.cols,
        height: meta.rows,
        timestamp: Math.floor(startedAt / 1000),
        title: meta.title,
        env: { TERM: 'xterm-256color' },
      }) + '\n';
    this.bytes = Buffer.byteLength(header);
    db.prepare(
      `INSERT INTO terminal_recordings (id, ci_id, ci_name, ci_type, actor, started_at, bytes, content)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(this.id, meta.ci.id, meta.ci.name, meta.ci.type, meta.actor, startedAt, this.bytes, header);
  }

  output(now: number, data: string): void {
    this.event(now, 'o', data);
  }

  resize(now: number, cols: number, rows: number): void {
    this.event(now, 'r', `${cols}x${rows}`);
  }

  private event(now: number, kind: string, data: string): void {
    if (this.capped) return;
    const t = Math.max(0, (now - this.startedAt) / 1000);
    const line = JSON.stringify([Number(t.toFixed(6)), kind, data]) + '\n';
    const size = Buffer.byteLength(line);
    const notice = JSON.stringify([Number(t.toFixed(6)), 'o', CAP_NOTICE]) + '\n';
    if (this.bytes + size + Buffer.byteLength(notice) > this.cap) {
      this.capped = true;
      this.append(notice);
      this.flush();
      this.db.prepare('UPDATE terminal_recordings SET capped = 1 WHERE id = ?').run(this.id);
      this.onCapped(this);
      return;
    }
    this.append(line);
    if (Buffer.byteLength(this.pending) >= FLUSH_BYTES) this.flush();
  }

  private append(line: string): void {
    this.pending += line;
    this.bytes += Buffer.byteLength(line);
  }

  flush(): void {
    if (!this.pending) return;
    this.db
      .prepare('UPDATE terminal_recordings SET content = content || ?, bytes = ? WHERE id = ?')
      .run(this.pending, this.bytes, this.id);
    this.pending = '';
  }

  end(now: number): void {
    this.flush();
    this.db.prepare('UPDATE terminal_recordings SET ended_at = ? WHERE id = ?').run(now, this.id);
  }

  size(): number {
    return this.bytes;
  }
}

export function listRecordings(db: Db): RecordingRow[] {
  return db
    .prepare(
      `SELECT id, ci_id, ci_name, ci_type, actor, started_at, ended_at, bytes, capped, '' AS content
       FROM terminal_recordings ORDER BY started_at DESC LIMIT 1000`,
    )
    .all() as RecordingRow[];
}

export function recordingContent(db: Db, id: string): string | null {
  const r = db.prepare('SELECT content FROM terminal_recordings WHERE id = ?').get(id) as
    { content: string } | undefined;
  return r ? r.content : null;
}
