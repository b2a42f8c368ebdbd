import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  dashboardBody,
  type Dashboard,
  type DashboardBody,
  type dashboardSummary,
} from '../../../shared/api/monitoring-dashboards';
import { OpsError } from '../../../shared/api/errors';
import type { Clock } from '../../clock';
import type { Db } from '../../store/migration';
import { checkBody } from './check';
import { firstIssueText } from './issues';

type Summary = z.infer<typeof dashboardSummary>;

interface Row {
  id: string;
  title: string;
  tags: string;
  panel_count: number;
  body: string;
  created_at: number;
  updated_at: number;
}

/** Ids of generated dashboards; never stored, so never saved over or deleted. */
export const builtInPrefix = 'host:';

/** Titles are at most 200 characters: "Title (2)" shortens the title, never the suffix. */
function numberedTitle(title: string, n: number): string {
  const suffix = ` (${n})`;
  return `${title.slice(0, 200 - suffix.length).trimEnd()}${suffix}`;
}

/** Saved dashboards: each write is checked against the contract and the layout rules. */
export class DashboardStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  list(): Summary[] {
    return this.db
      .prepare<[], Row>('SELECT * FROM monitoring_dashboards ORDER BY title COLLATE NOCASE, id')
      .all()
      .map((r) => ({
        id: r.id,
        title: r.title,
        tags: JSON.parse(r.tags) as string[],
        panels: r.panel_count,
        updatedAt: r.updated_at,
      }));
  }

  get(id: string): Dashboard {
    const r = this.row(id);
    if (!r) throw new OpsError('not_found', `There is no dashboard "${id}"; it may have been deleted.`, { id });
    return toDashboard(r);
  }

  /** The id of the dashboard with this title (ignoring case), if any. */
  idByTitle(title: string): string | null {
    const r = this.db
      .prepare<[string], { id: string }>('SELECT id FROM monitoring_dashboards WHERE title = ? COLLATE NOCASE')
      .get(title.trim());
    return r?.id ?? null;
  }

  /** `title`, or the first free "title (n)". */
  freeTitle(title: string): string {
    if (!this.idByTitle(title)) return title;
    for (let n = 2; ; n++) {
      const t = numberedTitle(title, n);
      if (!this.idByTitle(t)) return t;
    }
  }

  /** Creates (no id) or updates (an existing id) a dashboard. */
  save(input: DashboardBody & { id?: string }): Dashboard {
    const { id: given, ...rest } = input;
    if (given?.startsWith(builtInPrefix)) {
      throw new OpsError(
        'bad_input',
        'A host dashboard is built from its CI and cannot be changed; save it as a copy (without an id) instead.',
        { id: given },
      );
    }
    // Parsed again here: callers inside main (import) do not go through the router.
    const body = dashboardBody.parse(rest);
    checkBody(body);
    return this.db.transaction((): Dashboard => {
      const clash = this.idByTitle(body.title);
      if (clash && clash !== given) {
        throw new OpsError(
          'conflict',
          `A dashboard named "${body.title}" already exists; choose another title or open that one.`,
          { id: clash, title: body.title },
        );
      }
      const now = this.clock.now();
      const old = given ? this.row(given) : undefined;
      if (given && !old) {
        throw new OpsError('not_found', `There is no dashboard "${given}" to update; it may have been deleted.`, {
          id: given,
        });
      }
      const id = given ?? randomUUID();
      this.db
        .prepare(
          `INSERT INTO monitoring_dashboards (id, title, tags, panel_count, body, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET title = excluded.title, tags = excluded.tags,
             panel_count = excluded.panel_count, body = excluded.body, updated_at = excluded.updated_at`,
        )
        .run(
          id,
          body.title,
          JSON.stringify(body.tags),
          body.panels.length,
          JSON.stringify(body),
          old?.created_at ?? now,
          now,
        );
      return toDashboard(this.row(id)!);
    })();
  }

  delete(id: string): boolean {
    if (id.startsWith(builtInPrefix)) {
      throw new OpsError('bad_input', 'A host dashboard is built from its CI and cannot be deleted.', { id });
    }
    return this.db.prepare('DELETE FROM monitoring_dashboards WHERE id = ?').run(id).changes > 0;
  }

  /** Runs `fn` in one transaction (import: pick a title and save, or nothing). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private row(id: string): Row | undefined {
    return this.db.prepare<[string], Row>('SELECT * FROM monitoring_dashboards WHERE id = ?').get(id);
  }
}

function toDashboard(r: Row): Dashboard {
  let raw: unknown;
  try {
    raw = JSON.parse(r.body);
  } catch {
    raw = undefined;
  }
  const parsed = dashboardBody.safeParse(raw);
  if (!parsed.success) {
    // Only a change made outside Opsroom gets here: say so, and what to do.
    const why = raw === undefined ? 'it is not JSON' : firstIssueText(parsed.error, raw).text;
    throw new OpsError(
      'integrity',
      `The stored dashboard "${r.title}" cannot be read (${why}); it was changed outside Opsroom. Delete it or restore a snapshot.`,
      { id: r.id },
    );
  }
  return { ...parsed.data, id: r.id, builtIn: false, createdAt: r.created_at, updatedAt: r.updated_at };
}
