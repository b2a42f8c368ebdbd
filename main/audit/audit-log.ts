import type { CallOutput, ParsedInput } from '../../shared/api';
import { auditOutcomes, type AuditEntry, type AuditVerifyResult } from '../../shared/api/audit';
import { OpsError } from '../../shared/api/errors';
import type { Clock } from '../clock';
import type { EventBus } from '../rpc/events';
import type { AuditSink } from '../rpc/router';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../store/migration';
import { canonicalJson } from './canonical-json';
import { entryHash, genesisHash } from './hash';
import { verifyChain, type AuditRow } from './verify';

export type AuditOutcome = (typeof auditOutcomes)[number];

export interface AuditAppend {
  actor: string;
  action: string;
  target: string;
  outcome: AuditOutcome;
  /**
   * Stored exactly as given (canonical JSON), forever, in an append-only
   * table: callers must never pass secret material. The router already
   * replaces inputs the contract marks `sensitive` with '[redacted]'.
   */
  details?: Record<string, unknown>;
  /** seq of the 'started' entry this one completes */
  ref?: number | null;
  /** defaults to clock.now() */
  time?: number;
}

type ListFilter = ParsedInput<'audit.list'>;

/** LIKE treats % and _ as wildcards; a filter value is always meant literally. */
function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The hash-chained, append-only record of every action. Each append, its
 * hash and the audit_head update happen in one transaction, so a crash never
 * leaves a half-written link; see hash.ts for what the chain proves.
 */
export class AuditLog implements AuditSink {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly bus?: EventBus;
  private readonly statements = new Map<string, Statement>();

  constructor(opts: { db: Db; clock: Clock; bus?: EventBus }) {
    this.db = opts.db;
    this.clock = opts.clock;
    this.bus = opts.bus;
  }

  append(e: AuditAppend): AuditEntry {
    if (!auditOutcomes.includes(e.outcome)) {
      throw new OpsError(
        'bad_input',
        `"${String(e.outcome)}" is not an audit outcome (one of ${auditOutcomes.join(', ')}).`,
      );
    }
    for (const field of ['actor', 'action', 'target'] as const) {
      if (typeof e[field] !== 'string') throw new OpsError('bad_input', `An audit entry needs a text ${field}.`);
    }
    const details = e.details ?? {};
    if (details === null || typeof details !== 'object' || Array.isArray(details)) {
      throw new OpsError('bad_input', 'Audit details must be an object.');
    }
    // Canonicalised before anything is written, so an unrecordable value refuses the append.
    const detailsText = canonicalJson(details);
    const requested = e.time ?? this.clock.now();
    if (!Number.isFinite(requested))
      throw new OpsError('bad_input', `Audit time ${requested} is not a moment in time.`);
    const ref = e.ref ?? null;

    const entry = this.db.transaction((): AuditEntry => {
      const head = this.stmt('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
        { seq: number; hash: string } | undefined;
      const prevSeq = head?.seq ?? 0;
      const prevHash = head?.hash ?? genesisHash;
      const last = this.stmt('SELECT seq, time FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
        { seq: number; time: number } | undefined;
      // Chaining from the head, not the last row, keeps a cut-off tail visible:
      // the next entry then points at a hash no remaining row has.
      if (last && last.seq > prevSeq) {
        throw new OpsError(
          'integrity',
          `The audit log has entries after its recorded end (entry ${last.seq} vs ${prevSeq}); it was changed outside Opsroom. Run an audit verify.`,
        );
      }
      const seq = prevSeq + 1;
      if (ref !== null && (!Number.isInteger(ref) || ref < 1 || ref >= seq)) {
        throw new OpsError('bad_input', `Audit entry ${ref} cannot be referenced: it does not exist.`);
      }
      // Order in the chain is order in time: a clock stepping back must not make history look reordered.
      const time = Math.max(last?.time ?? 0, Math.floor(requested));
      const fields = {
        seq,
        time,
        actor: e.actor,
        action: e.action,
        target: e.target,
        outcome: e.outcome,
        details,
        ref,
      };
      const hash = entryHash(prevHash, fields);
      this.stmt(
        `INSERT INTO audit_log (seq, time, actor, action, target, outcome, details, ref, prev_hash, hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(seq, time, e.actor, e.action, e.target, e.outcome, detailsText, ref, prevHash, hash);
      this.stmt(
        'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
      ).run(seq, hash);
      return {
        ...fields,
        details: JSON.parse(detailsText) as Record<string, unknown>,
        hash,
      };
    })();

    this.bus?.publish('audit.appended', entry);
    return entry;
  }

  /** Records that an action is about to run; the returned seq links its outcome. */
  begin(e: {
    actor: string;
    action: string;
    target: string;
    details?: Record<string, unknown>;
    time?: number;
  }): number {
    return this.append({ ...e, outcome: 'started' }).seq;
  }

  complete(
    ref: number,
    e: {
      actor: string;
      action: string;
      target: string;
      outcome: Exclude<AuditOutcome, 'started'>;
      details?: Record<string, unknown>;
      time?: number;
    },
  ): AuditEntry {
    return this.append({ ...e, ref });
  }

  list(filter: ListFilter): CallOutput<'audit.list'> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.from !== undefined) {
      where.push('time >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('time <= ?');
      params.push(filter.to);
    }
    if (filter.action) {
      where.push("action LIKE ? ESCAPE '\\'");
      params.push(`${likeEscape(filter.action)}%`);
    }
    if (filter.target) {
      where.push("target LIKE ? ESCAPE '\\'");
      params.push(`%${likeEscape(filter.target)}%`);
    }
    if (filter.actor !== undefined) {
      where.push('actor = ?');
      params.push(filter.actor);
    }
    if (filter.outcome !== undefined) {
      where.push('outcome = ?');
      params.push(filter.outcome);
    }
    const matching = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.stmt(`SELECT count(*) AS n FROM audit_log ${matching}`).get(...params) as { n: number }).n;

    const pageWhere = [...where];
    const pageParams = [...params];
    if (filter.before !== undefined) {
      pageWhere.push('seq < ?');
      pageParams.push(filter.before);
    }
    const limit = filter.limit;
    // One extra row tells whether another page exists without a second query.
    const rows = this.db
      .prepare(
        `SELECT * FROM audit_log ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
      )
      .all(...pageParams, limit + 1) as AuditRow[];
    const more = rows.length > limit;
    const entries = rows.slice(0, limit).map(toEntry);
    return {
      entries,
      nextBefore: more ? entries[entries.length - 1]!.seq : null,
      total,
    };
  }

  verify(opts?: { onProgress?: (done: number, total: number) => void }): AuditVerifyResult {
    return verifyChain(this.db, opts);
  }

  /** Prepared on first use (not in the constructor) and reused: append runs on every mutation. */
  private stmt(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare<unknown[]>(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  count(): number {
    return (this.stmt('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  }
}

function toEntry(row: AuditRow): AuditEntry {
  let details: Record<string, unknown>;
  try {
    const parsed = JSON.parse(row.details) as unknown;
    details =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : { value: parsed };
  } catch {
    // Still show a damaged entry rather than hide it; verify names it.
    details = { unreadable: row.details };
  }
  return {
    seq: row.seq,
    time: row.time,
    actor: row.actor,
    action: row.action,
    target: row.target,
    outcome: row.outcome as AuditOutcome,
    details,
    ref: row.ref,
    hash: row.hash,
  };
}
