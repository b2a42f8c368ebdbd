import type { InstantSample } from '../../../shared/api/monitoring-query';

/**
 * The table panel's rows: one per instant sample, a column per label name
 * (the metric name first, as Prometheus prints it), the value last.
 */

export interface TableSample extends InstantSample {
  refId: string;
}

export interface TableModel {
  /** label names in column order; "__name__" shows as "metric" */
  columns: string[];
  /** show which query each row came from (only with more than one) */
  withRefId: boolean;
  rows: TableSample[];
}

export function buildTable(samples: readonly TableSample[]): TableModel {
  const names = new Set<string>();
  const refs = new Set<string>();
  for (const s of samples) {
    refs.add(s.refId);
    for (const k of Object.keys(s.labels)) names.add(k);
  }
  const rest = [...names].filter((n) => n !== '__name__').sort();
  const columns = names.has('__name__') ? ['__name__', ...rest] : rest;
  return { columns, withRefId: refs.size > 1, rows: [...samples] };
}

export type SortColumn = { kind: 'label'; name: string } | { kind: 'value' } | { kind: 'refId' };
export type SortDir = 'asc' | 'desc';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const missing = (v: number | null): v is null => v === null || Number.isNaN(v);

/**
 * A sorted copy; labels compare naturally ("web2" before "web10"), values
 * numerically, and a missing value sorts last in either direction (it is
 * never the top or the bottom of anything). Stable.
 */
export function sortTable(rows: readonly TableSample[], col: SortColumn, dir: SortDir): TableSample[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => {
      let c: number;
      if (col.kind === 'value') {
        const a = x.r.value;
        const b = y.r.value;
        if (missing(a) || missing(b)) return missing(a) === missing(b) ? x.i - y.i : missing(a) ? 1 : -1;
        c = (a === b ? 0 : a < b ? -1 : 1) * sign;
      } else {
        const a = col.kind === 'refId' ? x.r.refId : (x.r.labels[col.name] ?? '');
        const b = col.kind === 'refId' ? y.r.refId : (y.r.labels[col.name] ?? '');
        c = collator.compare(a, b) * sign;
      }
      return c || x.i - y.i;
    })
    .map((x) => x.r);
}

export const columnTitle = (name: string): string => (name === '__name__' ? 'metric' : name);
