import { dashboardBody, type Dashboard, type DashboardBody } from '../../../shared/api/monitoring-dashboards';
import { OpsError } from '../../../shared/api/errors';
import { bodyProblem } from './check';
import { firstIssueText } from './issues';

/**
 * The portable dashboard file: `{ "opsroomDashboard": 1, "dashboard": {…} }`.
 * The envelope's number is the file format; a newer one is refused by name
 * rather than half-read.
 */
export const fileFormat = 1;

/** Fields of a stored dashboard that belong to one workspace, not to the file. */
const workspaceFields = ['id', 'builtIn', 'createdAt', 'updatedAt'] as const;

function bodyOf(d: DashboardBody): DashboardBody {
  return {
    title: d.title,
    description: d.description,
    tags: d.tags,
    source: d.source,
    variables: d.variables,
    panels: d.panels,
    range: d.range,
    refreshSec: d.refreshSec,
  };
}

/** "Web / API: p99 (prod)" → "web-api-p99-prod": safe on every file system. */
export function safeFileStem(title: string): string {
  const stem = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return stem || 'dashboard';
}

export function exportDashboard(d: Dashboard): { fileName: string; json: string } {
  const json = `${JSON.stringify({ opsroomDashboard: fileFormat, dashboard: bodyOf(d) }, null, 2)}\n`;
  return { fileName: `${safeFileStem(d.title)}.dashboard.json`, json };
}

const bad = (message: string, details?: Record<string, unknown>) =>
  new OpsError('bad_input', `This file is not an Opsroom dashboard: ${message}.`, details);

/**
 * Reads an exported dashboard file; every field is checked and the first bad
 * one is named ("panels[3].grid.w must be ≤ 24"). Never throws anything but
 * an OpsError 'bad_input', whatever the text is.
 */
export function parseDashboardFile(text: string): DashboardBody {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw bad(`it is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw bad('it should hold an object with "opsroomDashboard" and "dashboard"');
  }
  const envelope = raw as Record<string, unknown>;
  const format = envelope.opsroomDashboard;
  if (format === undefined) {
    throw bad('"opsroomDashboard" is missing (export a dashboard from Opsroom to see the expected shape)');
  }
  if (typeof format !== 'number' || !Number.isInteger(format) || format < 1) {
    throw bad('"opsroomDashboard" must be the format number 1', { path: 'opsroomDashboard' });
  }
  if (format > fileFormat) {
    throw new OpsError(
      'bad_input',
      `This dashboard file has format ${format}, written by a newer Opsroom; this one reads format ${fileFormat}. Update Opsroom to import it.`,
      { path: 'opsroomDashboard' },
    );
  }
  const extra = Object.keys(envelope).find((k) => k !== 'opsroomDashboard' && k !== 'dashboard');
  if (extra !== undefined) throw bad(`it has an unknown field ${JSON.stringify(extra)}`, { path: extra });
  const inner = envelope.dashboard;
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
    throw bad('"dashboard" must be an object', { path: 'dashboard' });
  }
  // A dashboard copied from another workspace's API answer still imports.
  const candidate: Record<string, unknown> = { ...(inner as Record<string, unknown>) };
  for (const k of workspaceFields) delete candidate[k];
  const parsed = dashboardBody.safeParse(candidate);
  if (!parsed.success) {
    const first = firstIssueText(parsed.error, candidate);
    throw bad(first.text, { path: first.path });
  }
  const problem = bodyProblem(parsed.data);
  if (problem) throw bad(problem.text, { path: problem.path });
  return parsed.data;
}

/**
 * Datasource ids belong to one workspace. An imported query that names a
 * datasource this workspace does not have falls back to the dashboard's
 * default (null), and an unknown dashboard default to the workspace's, so the
 * panels run instead of each failing on a foreign id.
 */
export function withKnownSources(body: DashboardBody, known: (datasourceId: string) => boolean): DashboardBody {
  const keep = <T extends DashboardBody['source']>(s: T): T | null =>
    s && s.kind === 'prometheus' && !known(s.datasourceId) ? null : s;
  return {
    ...body,
    source: keep(body.source),
    panels: body.panels.map((p) => ({ ...p, queries: p.queries.map((q) => ({ ...q, source: keep(q.source) })) })),
  };
}
