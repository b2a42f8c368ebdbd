import type { DashboardBody } from '../../../shared/api/monitoring-dashboards';
import { OpsError } from '../../../shared/api/errors';

export const gridColumns = 24;

/**
 * What the contract's schema cannot say about a dashboard on its own: panel
 * ids are unique (the editor and the layout address panels by id), a panel
 * fits in the 24 columns, a panel's queries have distinct refIds, and
 * variable names are unique. Returns the first problem, or null.
 */
export function bodyProblem(body: DashboardBody): { path: string; text: string } | null {
  const panelIds = new Map<string, number>();
  for (const [i, p] of body.panels.entries()) {
    const at = `panels[${i}]`;
    const first = panelIds.get(p.id);
    if (first !== undefined) {
      return {
        path: `${at}.id`,
        text: `${at}.id "${p.id}" is already used by panels[${first}]; panel ids must be unique`,
      };
    }
    panelIds.set(p.id, i);
    if (p.grid.x + p.grid.w > gridColumns) {
      return {
        path: `${at}.grid`,
        text: `${at}.grid.x + w must be ≤ ${gridColumns} (the grid has ${gridColumns} columns), not ${p.grid.x + p.grid.w}`,
      };
    }
    const refIds = new Set<string>();
    for (const [j, q] of p.queries.entries()) {
      if (refIds.has(q.refId)) {
        return {
          path: `${at}.queries[${j}].refId`,
          text: `${at}.queries[${j}].refId "${q.refId}" is used twice in this panel; each query needs its own`,
        };
      }
      refIds.add(q.refId);
    }
  }
  const names = new Set<string>();
  for (const [i, v] of body.variables.entries()) {
    if (names.has(v.name)) {
      return { path: `variables[${i}].name`, text: `variables[${i}].name "${v.name}" is declared twice` };
    }
    names.add(v.name);
  }
  return null;
}

/** Throws bad_input naming the first problem (see bodyProblem). */
export function checkBody(body: DashboardBody, what = 'This dashboard'): void {
  const p = bodyProblem(body);
  if (p) throw new OpsError('bad_input', `${what} cannot be saved: ${p.text}.`, { path: p.path });
}
