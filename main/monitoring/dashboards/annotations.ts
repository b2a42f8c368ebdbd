import type { AuditEntry } from '../../../shared/api/audit';
import type { Annotation } from '../../../shared/api/monitoring-model';
import { hostStates } from '../../../shared/api/ssh';

/**
 * Audit entries → chart annotations. An audited call is a 'started' entry
 * (the router writes it before the call runs) and an outcome entry that
 * refers to it; a batch run or file copy ends later, with the
 * 'ssh.batch.completed' entry the batch service writes (its
 * `requestAuditSeq` names the request). Only actions that touch systems or
 * the CIs behind them are drawn; a later domain adds its actions to `rules`.
 */

/** A CI's name for a title, or the id itself when the CI is gone. */
export type NameOf = (ciId: string) => string;

export interface Rule {
  kind: string;
  /** the annotation's title, from the request entry (and the batch summary, when there is one) */
  title(start: AuditEntry, done: AuditEntry | undefined, nameOf: NameOf): string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const clip = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const batchTitle = (start: AuditEntry, done?: AuditEntry) => {
  const what = clip(done?.target || start.target);
  const kind = str(done?.details.kind);
  if (kind === 'push' || start.action === 'ssh.files.push') return `File push: ${what}`;
  if (kind === 'fetch' || start.action === 'ssh.files.fetch') return `File fetch: ${what}`;
  return start.action === 'ssh.batch.retry' ? `Batch retry: ${what}` : `Batch run: ${what}`;
};

export const rules: Readonly<Record<string, Rule>> = {
  'ssh.batch.run': { kind: 'batch', title: batchTitle },
  'ssh.batch.retry': { kind: 'batch', title: batchTitle },
  'ssh.files.push': { kind: 'batch', title: batchTitle },
  'ssh.files.fetch': { kind: 'batch', title: batchTitle },
  'ssh.terminal.open': { kind: 'terminal', title: (s, _d, nameOf) => `Terminal opened: ${clip(nameOf(s.target))}` },
  'cmdb.ci.create': { kind: 'cmdb', title: (s) => `CI created: ${clip(s.target)}` },
  'cmdb.ci.update': { kind: 'cmdb', title: (s, _d, nameOf) => `CI updated: ${clip(nameOf(s.target))}` },
  'cmdb.ci.delete': { kind: 'cmdb', title: (s, _d, nameOf) => `CI deleted: ${clip(nameOf(s.target))}` },
  'cmdb.ci.bulkUpdate': { kind: 'cmdb', title: (s) => `CIs updated: ${clip(s.target)}` },
  'cmdb.relations.add': {
    kind: 'cmdb',
    title: (s, _d, nameOf) =>
      `Relation added: ${clip(`${nameOf(str(s.details.from))} ${str(s.details.type)} ${nameOf(str(s.details.to))}`)}`,
  },
  'cmdb.relations.remove': { kind: 'cmdb', title: () => 'Relation removed' },
  'cmdb.import.run': { kind: 'cmdb', title: (s) => `CMDB import: ${clip(s.target)}` },
  'monitoring.silences.create': {
    kind: 'silence',
    title: (s) => `Silence: ${clip(s.target.replace(/^silence:/, ''))}`,
  },
  'monitoring.silences.expire': { kind: 'silence', title: () => 'Silence expired' },
  'monitoring.collector.set': {
    kind: 'collector',
    title: (s) => (s.details.enabled === false ? 'SSH collection stopped' : 'SSH collection started'),
  },
};

/** A prefix of every rule's action, for fetching only what can become an annotation. */
export const rulePrefixes = ['ssh.', 'cmdb.', 'monitoring.silences.', 'monitoring.collector.'] as const;

export const batchCompleted = 'ssh.batch.completed';

export interface CiMatch {
  id: string;
  name: string;
  /** whether a batch run (by its id) ran on this CI */
  ranOn(runId: string): boolean;
}

export interface AnnotationQuery {
  startMs: number;
  endMs: number;
  ci?: CiMatch;
  limit: number;
  /** CI ids in titles become names (audit entries of updates name the id) */
  nameOf?: NameOf;
}

/** Whether a value anywhere in `v` (bounded depth and breadth) is one of `needles`. */
function mentions(v: unknown, needles: ReadonlySet<string>, depth = 0): boolean {
  if (typeof v === 'string') return needles.has(v);
  if (depth > 5 || v === null || typeof v !== 'object') return false;
  const items = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
  for (const item of items.slice(0, 10_000)) if (mentions(item, needles, depth + 1)) return true;
  return false;
}

function names(ci: CiMatch, e: AuditEntry): boolean {
  const needles = new Set([ci.id, ci.name, `ci:${ci.id}`]);
  return needles.has(e.target) || mentions(e.details, needles);
}

function took(ms: number): string {
  const one = (n: number) => n.toFixed(1).replace(/\.0$/, '');
  if (ms < 60_000) return `${one(ms / 1000)} s`;
  return ms < 3_600_000 ? `${one(ms / 60_000)} min` : `${one(ms / 3_600_000)} h`;
}

/** Host states as a person reads a run's outcome: ok first, then the rest in the run's own order. */
const stateOrder = ['ok', ...hostStates.filter((s) => s !== 'ok')];

function batchText(start: AuditEntry | undefined, done: AuditEntry | undefined): string {
  const actor = `by ${(start ?? done)!.actor}`;
  if (!done) return `running · ${actor}`;
  const counts = done.details.counts;
  const parts =
    counts && typeof counts === 'object'
      ? Object.entries(counts as Record<string, unknown>)
          .filter(([, n]) => typeof n === 'number' && n > 0)
          .sort(([a], [b]) => stateOrder.indexOf(a) - stateOrder.indexOf(b))
          .map(([state, n]) => `${state} ${String(n)}`)
      : [];
  const total = typeof done.details.total === 'number' ? ` of ${done.details.total} host(s)` : '';
  const duration = typeof done.details.durationMs === 'number' ? ` · ${took(done.details.durationMs)}` : '';
  return `${parts.join(', ') || done.outcome}${total}${duration} · ${actor}`;
}

function plainText(start: AuditEntry, end: AuditEntry | undefined): string {
  return end ? `by ${start.actor}` : `in progress · by ${start.actor}`;
}

/**
 * The annotations of `entries` (in seq order) that overlap the range, for
 * one CI when `q.ci` is set; the newest `q.limit` of them, oldest first.
 */
export function annotationsFrom(entries: readonly AuditEntry[], q: AnnotationQuery): Annotation[] {
  const ends = new Map<number, AuditEntry>();
  const batchDone = new Map<number, AuditEntry>();
  const seqs = new Set<number>();
  for (const e of entries) {
    seqs.add(e.seq);
    if (e.ref !== null && e.outcome !== 'started') ends.set(e.ref, e);
    const req = e.details.requestAuditSeq;
    if (e.action === batchCompleted && typeof req === 'number') batchDone.set(req, e);
  }

  const out: Annotation[] = [];
  for (const e of entries) {
    if (e.action === batchCompleted) {
      // A run whose request is outside the fetched entries (or that was settled after a restart).
      const req = e.details.requestAuditSeq;
      if (typeof req === 'number' && seqs.has(req)) continue;
      if (q.ci && !(names(q.ci, e) || q.ci.ranOn(str(e.details.runId)))) continue;
      const spent = typeof e.details.durationMs === 'number' ? e.details.durationMs : 0;
      out.push({
        time: Math.max(0, Math.round(e.time - spent)),
        end: e.time,
        kind: 'batch',
        title: batchTitle({ ...e, action: 'ssh.batch.run' }, e),
        text: batchText(undefined, e),
        ref: String(e.seq),
      });
      continue;
    }
    const rule = rules[e.action];
    if (!rule || e.outcome !== 'started') continue;
    const end = ends.get(e.seq);
    // A call that failed or was refused (bad input, a confirmation asked for,
    // an unreachable host) changed nothing: the audit view shows it, charts do
    // not. A batch request is 'ok' once its run is launched; how the run went
    // is in its summary.
    if (end && end.outcome !== 'ok') continue;
    const isBatch = rule.kind === 'batch';
    const done = isBatch ? batchDone.get(e.seq) : undefined;
    if (q.ci) {
      const runId = str(done?.details.runId);
      const hit = names(q.ci, e) || (done !== undefined && (names(q.ci, done) || q.ci.ranOn(runId)));
      if (!hit) continue;
    }
    out.push({
      time: e.time,
      end: isBatch ? (done?.time ?? null) : (end?.time ?? null),
      kind: rule.kind,
      title: rule.title(e, done, q.nameOf ?? ((id) => id)),
      text: isBatch ? batchText(e, done) : plainText(e, end),
      ref: String(e.seq),
    });
  }
  const inRange = out.filter((a) => (a.end ?? a.time) >= q.startMs && a.time <= q.endMs);
  inRange.sort((a, b) => a.time - b.time || Number(a.ref) - Number(b.ref));
  return inRange.slice(Math.max(0, inRange.length - q.limit));
}
