import type { HistoryEntry } from '../../../shared/api/cmdb-model';
import type { Clock } from '../../clock';
import type { Db } from '../../store/migration';

/** Who made a change: the router's CallContext carries all of these. */
export interface WriteContext {
  actor: string;
  requestId: string;
  /** seq of the audit entry of the call (the router's 'started' entry) */
  auditRef?: number;
}

interface HistoryRow {
  id: number;
  ci_id: string;
  ci_name: string;
  time: number;
  actor: string;
  request_id: string;
  op: HistoryEntry['op'];
  before: string | null;
  after: string | null;
  audit_seq: number | null;
}

/**
 * Every change to a CI, with the state before and after as JSON. audit_seq
 * links the row into the audit chain: the chain proves the call happened,
 * this table says what it did to each CI.
 */
export class HistoryStore {
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare(
      'INSERT INTO cmdb_ci_history (ci_id, ci_name, time, actor, request_id, op, before, after, audit_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** `before`/`after` may be passed already serialised, so an import does not stringify twice. */
  record(
    ctx: WriteContext,
    op: HistoryEntry['op'],
    ci: { id: string; name: string },
    before: object | string | null,
    after: object | string | null,
    time = this.clock.now(),
  ): void {
    const json = (v: object | string | null) => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));
    this.insert.run(
      ci.id,
      ci.name,
      time,
      ctx.actor,
      ctx.requestId,
      op,
      json(before),
      json(after),
      ctx.auditRef ?? null,
    );
  }

  list(opts: { id?: string; before?: number; limit: number }): { entries: HistoryEntry[]; nextBefore: number | null } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (opts.id !== undefined) {
      where.push('ci_id = ?');
      params.push(opts.id);
    }
    if (opts.before !== undefined) {
      where.push('id < ?');
      params.push(opts.before);
    }
    const sql = `SELECT * FROM cmdb_ci_history ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`;
    const rows = this.db.prepare<unknown[], HistoryRow>(sql).all(...params, opts.limit + 1);
    const more = rows.length > opts.limit;
    const page = more ? rows.slice(0, opts.limit) : rows;
    return {
      entries: page.map((r) => ({
        id: r.id,
        ciId: r.ci_id,
        ciName: r.ci_name,
        time: r.time,
        actor: r.actor,
        requestId: r.request_id,
        op: r.op,
        before: r.before === null ? null : (JSON.parse(r.before) as Record<string, unknown>),
        after: r.after === null ? null : (JSON.parse(r.after) as Record<string, unknown>),
        auditSeq: r.audit_seq,
      })),
      nextBefore: more ? page[page.length - 1]!.id : null,
    };
  }
}
