import { randomUUID } from 'node:crypto';
import type { CiRef } from '../../../shared/api/cmdb-model';
import { OpsError } from '../../../shared/api/errors';
import type { TerminalSession } from '../../../shared/api/ssh';
import type { Logger } from '../../applog/types';
import type { AuditAppend } from '../../audit/audit-log';
import type { Clock } from '../../clock';
import type { EventBus } from '../../rpc/events';
import type { Db } from '../../store/migration';
import type { SshPool, TargetResolver } from '../types';
import { listRecordings, Recording, recordingContent } from './recording';
import { LiveSession, type SessionSink } from './session';

export interface TerminalServiceOptions {
  pool: SshPool;
  resolver: TargetResolver;
  bus: Pick<EventBus, 'publish'>;
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: { append(e: AuditAppend): unknown };
  /** a recording stops (with a notice) at this size; default 5 MiB */
  recordingCapBytes?: number;
  /** handshake + login deadline; the host-key review time is not counted */
  connectTimeoutMs?: number;
  /** the CI's type for the session's ref; 'host' when not given */
  ciType?: (id: string) => string;
}

export interface OpenRequest {
  ciId: string;
  cols: number;
  rows: number;
  record: boolean;
  actor: string;
}

/**
 * Interactive shells over the pool (host keys in 'wait' mode: the person
 * reviews an unknown key while the tab shows "connecting"). Output leaves as
 * 'ssh.terminal.data' events batched per frame; keystrokes come back through
 * write(), to one or several sessions (broadcast).
 */
export class TerminalService {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly log: Logger;
  private readonly sink: SessionSink;

  constructor(private readonly o: TerminalServiceOptions) {
    this.log = o.logger.child('ssh.terminal');
    this.sink = {
      now: () => o.clock.now(),
      data: (id, bytes) => o.bus.publish('ssh.terminal.data', { id, data: bytes.toString('base64') }),
      closed: (s, reason) => {
        this.sessions.delete(s.id);
        o.bus.publish('ssh.terminal.state', { ...s.view(), reason });
        this.log.info('terminal closed', { id: s.id, ci: s.ci.id, reason });
      },
    };
  }

  async open(r: OpenRequest): Promise<TerminalSession> {
    const target = this.o.resolver.resolve(r.ciId);
    const ep = target.target;
    const ci: CiRef = { id: ep.ciId, name: ep.name, type: this.o.ciType?.(ep.ciId) ?? 'host' };
    const id = randomUUID();
    const openedAt = this.o.clock.now();
    const title = `${ep.user}@${ep.name}`;
    const base = { id, ci, title, openedAt, recording: r.record };
    this.o.bus.publish('ssh.terminal.state', { ...base, state: 'connecting', reason: null });
    let lease;
    try {
      lease = await this.o.pool.acquire(target, {
        timeoutMs: this.o.connectTimeoutMs ?? 20_000,
        hostKeyMode: 'wait',
        actor: r.actor,
      });
    } catch (e) {
      this.o.bus.publish('ssh.terminal.state', { ...base, state: 'closed', reason: errorText(e) });
      throw e;
    }
    let channel;
    try {
      channel = await lease.shell({ cols: r.cols, rows: r.rows, term: 'xterm-256color' });
    } catch (e) {
      lease.release();
      this.o.bus.publish('ssh.terminal.state', { ...base, state: 'closed', reason: errorText(e) });
      throw e;
    }
    const recording = r.record
      ? new Recording(
          this.o.db,
          this.o.recordingCapBytes ?? 5 * 1024 * 1024,
          openedAt,
          (rec) => this.capped(rec, ci, r.actor),
          {
            ci,
            actor: r.actor,
            cols: r.cols,
            rows: r.rows,
            title,
          },
        )
      : null;
    const s = new LiveSession(id, ci, title, openedAt, channel, lease, recording, this.sink);
    this.sessions.set(id, s);
    this.o.bus.publish('ssh.terminal.state', { ...s.view(), reason: null });
    this.log.info('terminal opened', { id, ci: ci.id, recording: r.record });
    return s.view();
  }

  /** Sends the same keystrokes to every listed session that is open (broadcast); returns how many got them. */
  write(ids: string[], data: string): { written: number } {
    let written = 0;
    for (const id of new Set(ids)) if (this.sessions.get(id)?.write(data)) written++;
    return { written };
  }

  resize(id: string, cols: number, rows: number): { ok: boolean } {
    return { ok: this.sessions.get(id)?.resize(cols, rows) ?? false };
  }

  close(id: string, reason = 'closed'): { closed: string } {
    const s = this.sessions.get(id);
    if (!s) throw new OpsError('not_found', 'That terminal is not open (any more).', { id });
    s.close(reason);
    return { closed: id };
  }

  list(): { sessions: TerminalSession[] } {
    return { sessions: [...this.sessions.values()].map((s) => s.view()) };
  }

  recordings(): {
    recordings: Array<{
      id: string;
      ci: CiRef;
      actor: string;
      startedAt: number;
      endedAt: number | null;
      bytes: number;
      capped: boolean;
    }>;
  } {
    this.flushRecordings();
    return {
      recordings: listRecordings(this.o.db).map((r) => ({
        id: r.id,
        ci: { id: r.ci_id, name: r.ci_name, type: r.ci_type },
        actor: r.actor,
        startedAt: r.started_at,
        endedAt: r.ended_at,
        bytes: r.bytes,
        capped: r.capped === 1,
      })),
    };
  }

  recording(id: string): { content: string } {
    this.flushRecordings();
    const content = recordingContent(this.o.db, id);
    if (content === null)
      throw new OpsError('not_found', 'There is no such recording; it may have been deleted.', { id });
    return { content };
  }

  /** App close: every shell ends, every recording is completed. */
  closeAll(): void {
    for (const s of [...this.sessions.values()]) s.close('Opsroom is closing');
  }

  private flushRecordings(): void {
    for (const s of this.sessions.values()) s.recording?.flush();
  }

  private capped(rec: Recording, ci: CiRef, actor: string): void {
    this.log.warn('terminal recording reached its size cap', { id: rec.id, bytes: rec.size() });
    this.o.audit.append({
      actor,
      action: 'ssh.recording.capped',
      target: rec.id,
      outcome: 'info',
      details: {
        ciId: ci.id,
        ciName: ci.name,
        bytes: rec.size(),
        capBytes: this.o.recordingCapBytes ?? 5 * 1024 * 1024,
      },
    });
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
